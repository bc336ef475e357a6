import type { UserRole } from './roles';

/**
 * The standard complaint process as a state machine (domain.md §4, docs/complaints.md):
 * registered → acknowledged (安抚) → investigating → decided → informed → follow_up (回访) → closed,
 * plus withdrawn, merged (a repeat of an open complaint) and review (复核). Defined once: the
 * server enforces it, the web offers only the steps it allows.
 */
export const COMPLAINT_STATUSES = [
  'registered',
  'acknowledged',
  'investigating',
  'decided',
  'informed',
  'follow_up',
  'closed',
  'withdrawn',
  'merged',
  'review',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The standard process in order, registration to close (the step bar of a case). */
export const MAIN_LINE = COMPLAINT_STATUSES.slice(0, 7) as readonly ComplaintStatus[];

/** Statuses in which the decision deadline (Art. 18) runs. */
export const PENDING_DECISION: readonly ComplaintStatus[] = ['registered', 'acknowledged', 'investigating'];
/** Statuses of a case still open (for merging and for the open-case views). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  ...PENDING_DECISION,
  'decided',
  'informed',
  'follow_up',
  'review',
];

export const COMPLAINT_ACTIONS = [
  'acknowledge',
  'investigate',
  'decide',
  'inform',
  'follow_up',
  'close',
  'withdraw',
  'merge',
  'request_review',
  'decide_review',
  'extend',
  'pause',
  'resume',
  'new_facts',
  'assess',
] as const;
/** Steps of the complaint process; each is one transition of the state machine. */
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

const BRANCH_CP = ['admin', 'cp_officer'] as const;
const HANDLERS = ['admin', 'cp_officer', 'outlet_head'] as const;
const FRONT_LINE = ['admin', 'cp_officer', 'outlet_head', 'lobby_manager'] as const;

export interface ComplaintStep {
  /** the statuses it may start from */
  from: readonly ComplaintStatus[];
  /** where it leads (null: the status stays) */
  to: ComplaintStatus | null;
  /** who may take it; outlet roles act only on their own outlet's complaints */
  roles: readonly UserRole[];
  /** the last segment of its route: POST /complaints/:id/<path> */
  path: string;
}

/**
 * Each step: where it may start, where it leads, who may take it, and its route (the contract in
 * api/complaint-steps.ts mounts one POST per step from this table, its paths kept as literals).
 */
export const COMPLAINT_STEPS = {
  acknowledge: { from: ['registered'], to: 'acknowledged', roles: FRONT_LINE, path: 'acknowledge' },
  investigate: { from: ['acknowledged'], to: 'investigating', roles: HANDLERS, path: 'investigate' },
  decide: { from: ['investigating'], to: 'decided', roles: HANDLERS, path: 'decide' },
  inform: { from: ['decided'], to: 'informed', roles: FRONT_LINE, path: 'inform' },
  follow_up: { from: ['informed'], to: 'follow_up', roles: FRONT_LINE, path: 'follow-up' },
  close: { from: ['follow_up'], to: 'closed', roles: HANDLERS, path: 'close' },
  withdraw: { from: PENDING_DECISION, to: 'withdrawn', roles: FRONT_LINE, path: 'withdraw' },
  merge: { from: PENDING_DECISION, to: 'merged', roles: HANDLERS, path: 'merge' },
  // Art. 20: the review window opens when the complainant is told of the decision
  request_review: {
    from: ['informed', 'follow_up', 'closed'],
    to: 'review',
    roles: BRANCH_CP,
    path: 'request-review',
  },
  decide_review: { from: ['review'], to: 'decided', roles: BRANCH_CP, path: 'decide-review' },
  extend: { from: PENDING_DECISION, to: null, roles: HANDLERS, path: 'extend' },
  pause: { from: PENDING_DECISION, to: null, roles: HANDLERS, path: 'pause' },
  resume: { from: PENDING_DECISION, to: null, roles: HANDLERS, path: 'resume' },
  new_facts: { from: PENDING_DECISION, to: null, roles: HANDLERS, path: 'new-facts' },
  assess: {
    from: ['decided', 'informed', 'follow_up', 'closed', 'review'],
    to: null,
    roles: BRANCH_CP,
    path: 'assess',
  },
} as const satisfies Record<ComplaintAction, ComplaintStep>;

/** May `action` start from `status`? */
export const allowedFrom = (action: ComplaintAction, status: string): boolean =>
  (COMPLAINT_STEPS[action].from as readonly string[]).includes(status);

/** May a user of `role` take `action` (scope aside)? */
export const roleTakes = (role: UserRole, action: ComplaintAction): boolean =>
  (COMPLAINT_STEPS[action].roles as readonly UserRole[]).includes(role);

/** Where a step leads: its `to`, or the status it started from when the status stays. */
export const stepLeadsTo = (action: ComplaintAction, from: ComplaintStatus): ComplaintStatus =>
  (COMPLAINT_STEPS[action] as ComplaintStep).to ?? from;

/** Art. 29: 20 or more people together make a major complaint (重大投诉). */
export const MAJOR_COMPLAINT_PEOPLE = 20;

/** The emergency-plan checklist shown for a major complaint (Art. 29). */
export const EMERGENCY_CHECKLIST = [
  {
    key: 'report_branch',
    zh: '立即报告分行消保部及分管领导',
    en: 'Report to the branch consumer-protection office and the head in charge',
  },
  {
    key: 'lead_on_site',
    zh: '网点负责人到场指挥，疏导客户情绪',
    en: 'The outlet head takes charge on site and calms the customers',
  },
  {
    key: 'separate_area',
    zh: '设置专门接待区域，保障正常营业秩序',
    en: 'Receive the group in a separate area so business continues',
  },
  {
    key: 'keep_evidence',
    zh: '保存监控录像、业务凭证等证据',
    en: 'Keep CCTV footage, vouchers and other evidence',
  },
  {
    key: 'public_opinion',
    zh: '关注舆情，统一对外口径',
    en: 'Watch public opinion; one voice to the outside',
  },
  { key: 'report_regulator', zh: '按规定向监管部门报告', en: 'Report to the regulator as required' },
  { key: 'security', zh: '必要时联系安保及公安机关', en: 'Call security or the police when needed' },
] as const;

export const COMPLAINT_SOURCES = ['walk_in', 'phone', 'online', 'regulator'] as const;
export const REMEDIES = ['review', 'mediation', 'arbitration', 'litigation'] as const;
export const INFORM_METHODS = ['phone', 'sms', 'letter', 'in_person', 'email', 'app'] as const;
export const RESPONSIBILITIES = ['full', 'partial', 'none'] as const;
export const SEVERITIES = ['general', 'serious', 'major'] as const;
export const PAUSE_KINDS = ['appraisal', 'mediation'] as const;
export const CODE_KINDS = ['channel', 'category', 'cause'] as const;
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
/** A rectification task (溯源整改) is open or done. */
export const TASK_STATUSES = ['open', 'done'] as const;
/** The deadline views of the complaint list: due within 3 days, or past due. */
export const DUE_FILTERS = ['soon', 'overdue'] as const;
/** The list's filter of regulator cases by their forwarding (Art. 33). */
export const FORWARDING_FILTERS = ['late', 'on_time'] as const;
/** Days of the official calendar: a public holiday, or a make-up working day (调休). */
export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
/** What the calendar page warns about (complaint-codes CalendarWarning). */
export const CALENDAR_WARNINGS = ['HOLIDAY_ON_WEEKEND', 'WORKDAY_ON_WEEKDAY', 'YEAR_MISSING'] as const;
export const SCRIPT_STAGES = [
  'receive',
  'acknowledge',
  'investigate',
  'decide',
  'inform',
  'follow_up',
  'prevention',
] as const;

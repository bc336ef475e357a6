import type { ComplaintAction } from '../access/policy';

/**
 * The standard complaint process as a state machine (domain.md §4, docs/complaints.md):
 * registered → acknowledged (安抚) → investigating → decided → informed → follow_up (回访) → closed,
 * plus withdrawn, merged (a repeat of an open complaint) and review (复核).
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

/** Each action: the statuses it may start from, and where it leads (null: the status stays). */
export const TRANSITIONS: Record<
  ComplaintAction,
  { from: readonly ComplaintStatus[]; to: ComplaintStatus | null }
> = {
  acknowledge: { from: ['registered'], to: 'acknowledged' },
  investigate: { from: ['acknowledged'], to: 'investigating' },
  decide: { from: ['investigating'], to: 'decided' },
  inform: { from: ['decided'], to: 'informed' },
  follow_up: { from: ['informed'], to: 'follow_up' },
  close: { from: ['follow_up'], to: 'closed' },
  withdraw: { from: PENDING_DECISION, to: 'withdrawn' },
  merge: { from: PENDING_DECISION, to: 'merged' },
  request_review: { from: ['decided', 'informed', 'follow_up', 'closed'], to: 'review' },
  decide_review: { from: ['review'], to: 'decided' },
  extend: { from: PENDING_DECISION, to: null },
  pause: { from: PENDING_DECISION, to: null },
  resume: { from: PENDING_DECISION, to: null },
  new_facts: { from: PENDING_DECISION, to: null },
  assess: { from: ['decided', 'informed', 'follow_up', 'closed', 'review'], to: null },
};

export const allowedFrom = (action: ComplaintAction, status: string) =>
  (TRANSITIONS[action].from as readonly string[]).includes(status);

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

export const SOURCES = ['walk_in', 'phone', 'online', 'regulator'] as const;
export const REMEDIES = ['review', 'mediation', 'arbitration', 'litigation'] as const;
export const INFORM_METHODS = ['phone', 'sms', 'letter', 'in_person', 'email', 'app'] as const;
export const RESPONSIBILITIES = ['full', 'partial', 'none'] as const;
export const SEVERITIES = ['general', 'serious', 'major'] as const;
export const PAUSE_KINDS = ['appraisal', 'mediation'] as const;
export const CODE_KINDS = ['channel', 'category', 'cause'] as const;
export const SCRIPT_STAGES = [
  'receive',
  'acknowledge',
  'investigate',
  'decide',
  'inform',
  'follow_up',
  'prevention',
] as const;

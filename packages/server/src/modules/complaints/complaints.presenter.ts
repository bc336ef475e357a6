import { deadlineStatus, reviewRequestBy } from '@liangdian/engine';
import { maskIdNumber, maskName, maskPhone } from '@liangdian/shared';
import { z } from 'zod';
import type { FieldCipher } from '../../lib/crypto';
import type {
  CodeRow,
  ComplaintFullRow,
  EventRow,
  NoticeRow,
  NotificationRow,
  TaskRow,
} from './complaints.repository';
import {
  COMPLAINT_STATUSES,
  EMERGENCY_CHECKLIST,
  INFORM_METHODS,
  REMEDIES,
  RESPONSIBILITIES,
  SEVERITIES,
  SOURCES,
} from './complaints.states';

export const DecisionView = z.object({
  factsVerified: z.string(),
  basis: z.string(),
  reasons: z.string(),
  result: z.string(),
  remedies: z.array(z.enum(REMEDIES)),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const ComplaintView = z.object({
  id: z.string(),
  no: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  receivedAt: z.string(),
  receivedOn: z.string(),
  channel: z.string(),
  category: z.string(),
  cause: z.string(),
  source: z.enum(SOURCES),
  regulatorReceivedOn: z.string().nullable(),
  forwardedOn: z.string().nullable(),
  /** 'masked' (138****1234), 'clear' (after an audited unmask) or 'hidden' (consultants: all null) */
  personalData: z.enum(['masked', 'clear', 'hidden']),
  complainantName: z.string().nullable(),
  complainantPhone: z.string().nullable(),
  complainantIdNumber: z.string().nullable(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  handlerId: z.string().nullable(),
  handlerName: z.string().nullable(),
  peopleCount: z.number().int(),
  major: z.boolean(),
  emergencyChecklist: z
    .array(z.object({ key: z.string(), zh: z.string(), en: z.string(), done: z.boolean() }))
    .nullable(),
  claim: z.string(),
  facts: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  deadline: z.object({
    clockStartAt: z.string(),
    extensionLevel: z.number().int(),
    extensionReason: z.string().nullable(),
    pausedDays: z.number().int(),
    pausedSince: z.string().nullable(),
    decisionDueOn: z.string().nullable(),
    /** the deadline running now (decision or review); null when none runs */
    dueOn: z.string().nullable(),
    daysLeft: z.number().int().nullable(),
    dueSoon: z.boolean(),
    overdue: z.boolean(),
  }),
  decidedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  daysToDecision: z.number().int().nullable(),
  decision: DecisionView.nullable(),
  reviewRequestedAt: z.string().nullable(),
  /** the last day a review may be requested (Art. 20) */
  reviewRequestBy: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  review: DecisionView.nullable(),
  mergedIntoId: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rootCause: z.string().nullable(),
  responsibility: z.enum(RESPONSIBILITIES).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  responsibleStaffId: z.string().nullable(),
  responsibleStaffName: z.string().nullable(),
  points: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;

export type PersonalVisibility = 'clear' | 'masked' | 'hidden';

function personal(
  cipher: FieldCipher,
  stored: string | null,
  how: PersonalVisibility,
  mask: (s: string) => string,
) {
  if (!stored || how === 'hidden') return null;
  const plain = cipher.decrypt(stored);
  return how === 'clear' ? plain : mask(plain);
}

export function presentComplaint(
  c: ComplaintFullRow,
  cipher: FieldCipher,
  how: PersonalVisibility,
  now: Date,
): ComplaintView {
  const status = deadlineStatus(c.due_on, now);
  const emergency = c.emergency_json ? (JSON.parse(c.emergency_json) as Record<string, boolean>) : {};
  return {
    id: c.id,
    no: c.no,
    outletId: c.outlet_id,
    outletName: c.outlet_name,
    receivedAt: c.received_at,
    receivedOn: c.received_on,
    channel: c.channel_code,
    category: c.category_code,
    cause: c.cause_code,
    source: c.source as ComplaintView['source'],
    regulatorReceivedOn: c.regulator_received_on,
    forwardedOn: c.forwarded_on,
    personalData: how,
    complainantName: personal(cipher, c.complainant_name_enc, how, maskName),
    complainantPhone: personal(cipher, c.complainant_phone_enc, how, maskPhone),
    complainantIdNumber: personal(cipher, c.complainant_id_enc, how, maskIdNumber),
    staffId: c.staff_id,
    staffName: c.staff_name,
    handlerId: c.handler_id,
    handlerName: c.handler_name,
    peopleCount: c.people_count,
    major: c.major === 1,
    emergencyChecklist:
      c.major === 1
        ? EMERGENCY_CHECKLIST.map((i) => ({ key: i.key, zh: i.zh, en: i.en, done: !!emergency[i.key] }))
        : null,
    claim: c.claim,
    facts: c.facts,
    status: c.status as ComplaintView['status'],
    deadline: {
      clockStartAt: c.clock_start_at,
      extensionLevel: c.extension_level,
      extensionReason: c.extension_reason,
      pausedDays: c.paused_days,
      pausedSince: c.paused_since,
      decisionDueOn: c.decision_due_on,
      dueOn: c.due_on,
      daysLeft: status.daysLeft,
      dueSoon: status.dueSoon,
      overdue: status.overdue,
    },
    decidedAt: c.decided_at,
    onTime: c.on_time === null ? null : c.on_time === 1,
    daysToDecision: c.days_to_decision,
    decision: c.decision_json ? JSON.parse(c.decision_json) : null,
    reviewRequestedAt: c.review_requested_at,
    reviewRequestBy: c.decided_at && !c.review_requested_at ? reviewRequestBy(c.decided_at) : null,
    reviewDueOn: c.review_due_on,
    review: c.review_json ? JSON.parse(c.review_json) : null,
    mergedIntoId: c.merged_into_id,
    withdrawnAt: c.withdrawn_at,
    closedAt: c.closed_at,
    rootCause: c.root_cause,
    responsibility: c.responsibility as ComplaintView['responsibility'],
    severity: c.severity as ComplaintView['severity'],
    responsibleStaffId: c.responsible_staff_id,
    responsibleStaffName: c.responsible_staff_name,
    points: c.points,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

export const EventView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  comment: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export const presentEvent = (e: EventRow): z.infer<typeof EventView> => ({
  id: e.id,
  at: e.at,
  actorId: e.actor_id,
  actorName: e.actor_name,
  action: e.action,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  comment: e.comment,
  data: e.data_json ? JSON.parse(e.data_json) : null,
});

export const NoticeView = z.object({
  id: z.string(),
  kind: z.string(),
  method: z.enum(INFORM_METHODS),
  informedAt: z.string(),
  proof: z.string(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export const presentNotice = (n: NoticeRow): z.infer<typeof NoticeView> => ({
  id: n.id,
  kind: n.kind,
  method: n.method as (typeof INFORM_METHODS)[number],
  informedAt: n.informed_at,
  proof: n.proof,
  recordedBy: n.recorded_by,
  createdAt: n.created_at,
});

/** The decision notice (Art. 19) and how the complainant was told (Art. 21); the web prints it. */
export const DecisionNoticeView = z.object({
  complaintId: z.string(),
  no: z.string(),
  outletName: z.string(),
  receivedAt: z.string(),
  complainantName: z.string().nullable(),
  claim: z.string(),
  decision: DecisionView,
  review: DecisionView.nullable(),
  remedies: z.array(z.object({ code: z.enum(REMEDIES), zh: z.string(), en: z.string() })),
  reviewRequestBy: z.string().nullable(),
  onTime: z.boolean().nullable(),
  notices: z.array(NoticeView),
});

export const REMEDY_TEXT: Record<(typeof REMEDIES)[number], { zh: string; en: string }> = {
  review: {
    zh: '如对处理决定有异议，可自收到本决定之日起30日内向上级机构申请复核',
    en: 'If you disagree, you may ask the superior body for a review within 30 days of receiving this decision',
  },
  mediation: {
    zh: '可向银行业纠纷调解组织申请调解',
    en: 'You may apply to a banking dispute mediation organisation for mediation',
  },
  arbitration: { zh: '可依法申请仲裁', en: 'You may apply for arbitration as the law provides' },
  litigation: { zh: '可依法向人民法院提起诉讼', en: 'You may bring a lawsuit before a people’s court' },
};

export const CodeView = z.object({
  id: z.string(),
  kind: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export const presentCode = (c: CodeRow): z.infer<typeof CodeView> => ({
  id: c.id,
  kind: c.kind,
  code: c.code,
  nameZh: c.name_zh,
  nameEn: c.name_en,
  sortOrder: c.sort_order,
  active: c.active === 1,
});

export const TaskView = z.object({
  id: z.string(),
  complaintId: z.string().nullable(),
  outletId: z.string(),
  outletName: z.string(),
  title: z.string(),
  owner: z.string(),
  ownerStaffId: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  note: z.string(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaskView = z.infer<typeof TaskView>;
export const presentTask = (t: TaskRow & { outlet_name: string }): TaskView => ({
  id: t.id,
  complaintId: t.complaint_id,
  outletId: t.outlet_id,
  outletName: t.outlet_name,
  title: t.title,
  owner: t.owner,
  ownerStaffId: t.owner_staff_id,
  dueOn: t.due_on,
  status: t.status as TaskView['status'],
  note: t.note,
  doneAt: t.done_at,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

export const NotificationView = z.object({
  id: z.string(),
  kind: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  day: z.string(),
  data: z.record(z.string(), z.unknown()),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const presentNotification = (n: NotificationRow): z.infer<typeof NotificationView> => ({
  id: n.id,
  kind: n.kind,
  entityType: n.entity_type,
  entityId: n.entity_id,
  day: n.day,
  data: JSON.parse(n.data_json),
  read: n.read_at !== null,
  readAt: n.read_at,
  createdAt: n.created_at,
});

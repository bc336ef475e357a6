import { deadlineStatus, forwardingLate, reviewRequestBy } from '@liangdian/engine';
import { beijingDate } from '@liangdian/engine/time';
import { EMERGENCY_CHECKLIST, maskIdNumber, maskName, maskPhone, type REMEDIES } from '@liangdian/shared';
import type { Complaint, ComplaintEvent, ComplaintNotice } from '@liangdian/shared/api';
import type { FieldCipher } from '../../lib/crypto';
import type { ComplaintFullRow, EventRow, NoticeRow } from './complaints.repository';

/** How the complainant's data shows: masked (138****1234), in clear (audited), or not at all. */
export type PersonalVisibility = Complaint['personalData'];

/**
 * The complainant's data as stored: each field encrypted, and masked beside it (0007), so that
 * a masked view (every list, every export, the audit log) decrypts nothing.
 */
export const PERSONAL_FIELDS = {
  complainantName: { enc: 'complainant_name_enc', masked: 'complainant_name_masked', mask: maskName },
  complainantPhone: { enc: 'complainant_phone_enc', masked: 'complainant_phone_masked', mask: maskPhone },
  complainantIdNumber: { enc: 'complainant_id_enc', masked: 'complainant_id_masked', mask: maskIdNumber },
} as const;
export type PersonalField = keyof typeof PERSONAL_FIELDS;
type PersonalColumn = (typeof PERSONAL_FIELDS)[PersonalField]['enc' | 'masked'];

/** The stored columns of the given fields (an empty value clears both). */
/** The personal-data columns of a complaint without any (the base personalColumns fills in). */
export const NO_PERSONAL_COLUMNS: Record<PersonalColumn, null> = {
  complainant_name_enc: null,
  complainant_phone_enc: null,
  complainant_id_enc: null,
  complainant_name_masked: null,
  complainant_phone_masked: null,
  complainant_id_masked: null,
};

export function personalColumns(
  cipher: FieldCipher,
  values: Partial<Record<PersonalField, string | null | undefined>>,
): Partial<Record<PersonalColumn, string | null>> {
  const out: Partial<Record<PersonalColumn, string | null>> = {};
  for (const [field, v] of Object.entries(values) as [PersonalField, string | null | undefined][]) {
    if (v === undefined) continue;
    const f = PERSONAL_FIELDS[field];
    out[f.enc] = v ? cipher.encrypt(v) : null;
    out[f.masked] = v ? f.mask(v) : null;
  }
  return out;
}

function personal(cipher: FieldCipher, c: ComplaintFullRow, field: PersonalField, how: PersonalVisibility) {
  const f = PERSONAL_FIELDS[field];
  const stored = c[f.enc];
  if (!stored || how === 'hidden') return null;
  if (how === 'masked' && c[f.masked] !== null) return c[f.masked];
  // clear (audited), or a row written before its masked column existed
  const plain = cipher.decrypt(stored);
  return how === 'clear' ? plain : f.mask(plain);
}

const bool = (v: number | null) => (v === null ? null : v === 1);

/** A code's name in the code tables, or the code itself when the tables do not have it. */
const named = (code: string, zh: string | null, en: string | null) => ({ zh: zh ?? code, en: en ?? code });

export function presentComplaint(
  c: ComplaintFullRow,
  cipher: FieldCipher,
  how: PersonalVisibility,
  now: Date,
): Complaint {
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
    channelName: named(c.channel_code, c.channel_zh, c.channel_en),
    categoryName: named(c.category_code, c.category_zh, c.category_en),
    causeName: named(c.cause_code, c.cause_zh, c.cause_en),
    source: c.source as Complaint['source'],
    regulatorReceivedOn: c.regulator_received_on,
    forwardedOn: c.forwarded_on,
    forwardingDueOn: c.forwarding_due_on ?? null,
    forwardingLate: forwardingLate(c.forwarding_due_on ?? null, c.forwarded_on, beijingDate(now)),
    personalData: how,
    complainantName: personal(cipher, c, 'complainantName', how),
    complainantPhone: personal(cipher, c, 'complainantPhone', how),
    complainantIdNumber: personal(cipher, c, 'complainantIdNumber', how),
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
    status: c.status as Complaint['status'],
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
    informedAt: c.informed_at,
    onTime: bool(c.on_time),
    decisionOnTime: bool(c.decision_on_time),
    informOnTime: bool(c.inform_on_time),
    daysToDecision: c.days_to_decision,
    decision: c.decision_json ? JSON.parse(c.decision_json) : null,
    reviewRequestedAt: c.review_requested_at,
    // Art. 20: 30 days from the complainant's receipt of the decision, the recorded inform time
    reviewRequestBy: c.informed_at && !c.review_requested_at ? reviewRequestBy(c.informed_at) : null,
    reviewDueOn: c.review_due_on,
    review: c.review_json ? JSON.parse(c.review_json) : null,
    mergedIntoId: c.merged_into_id,
    withdrawnAt: c.withdrawn_at,
    closedAt: c.closed_at,
    rootCause: c.root_cause,
    responsibility: c.responsibility as Complaint['responsibility'],
    severity: c.severity as Complaint['severity'],
    responsibleStaffId: c.responsible_staff_id,
    responsibleStaffName: c.responsible_staff_name,
    points: c.points,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

export const presentEvent = (e: EventRow): ComplaintEvent => ({
  id: e.id,
  at: e.at,
  recordedAt: e.recorded_at,
  actorId: e.actor_id,
  actorName: e.actor_name,
  action: e.action,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  comment: e.comment,
  data: e.data_json ? JSON.parse(e.data_json) : null,
});

export const presentNotice = (n: NoticeRow): ComplaintNotice => ({
  id: n.id,
  kind: n.kind,
  method: n.method as ComplaintNotice['method'],
  informedAt: n.informed_at,
  proof: n.proof,
  recordedBy: n.recorded_by,
  createdAt: n.created_at,
});

/** The remedies a decision notice names (Art. 19), in the complainant's words. */
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

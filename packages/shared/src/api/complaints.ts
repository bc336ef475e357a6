import { z } from 'zod';
import {
  COMPLAINT_SOURCES,
  COMPLAINT_STATUSES,
  DUE_FILTERS,
  FORWARDING_FILTERS,
  INFORM_METHODS,
  REMEDIES,
  RESPONSIBILITIES,
  SEVERITIES,
} from '../complaints';
import { USER_ROLES } from '../roles';
import { BilingualName, BoolQuery, Id, itemsOf, PageQuery, pageOf } from './common';
import {
  CalendarDate,
  ComplaintCodeField,
  complaintEndpoints as e,
  RecordParams,
  required,
  text,
  ZonedInstant,
} from './complaint-fields';
import { dayRange, outletRef, phone, searchFilter, timestamps } from './fields';

/**
 * The complaint case (谅点): registration, reading and editing, the case history and the decision
 * notice. The steps of the process are in complaint-steps.ts, rectification tasks in
 * complaint-tasks.ts, code tables and the holiday calendar in complaint-codes.ts.
 */

// ---------------------------------------------------------------- fields
const idNumber = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9A-Za-z]*$/);
const ComplaintParams = RecordParams;

// ---------------------------------------------------------------- views
export const ComplaintDecision = z.object({
  factsVerified: z.string(),
  basis: z.string(),
  reasons: z.string(),
  result: z.string(),
  remedies: z.array(z.enum(REMEDIES)),
  decidedBy: z.string(),
  decidedAt: z.string(),
});

export const Complaint = z.object({
  id: z.string(),
  no: z.string(),
  ...outletRef,
  receivedAt: z.string(),
  receivedOn: z.string(),
  channel: z.string(),
  category: z.string(),
  cause: z.string(),
  /** the names of the three codes in the code tables (the code itself when it is not there) */
  channelName: BilingualName,
  categoryName: BilingualName,
  causeName: BilingualName,
  source: z.enum(COMPLAINT_SOURCES),
  regulatorReceivedOn: z.string().nullable(),
  forwardedOn: z.string().nullable(),
  /**
   * Art. 33: the regulator forwards within 7 working days of its receipt (official calendar):
   * the due date (null unless a regulator case with the regulator's receipt date) and whether it
   * was late — forwarded after it, or not forwarded and past it (null when not known).
   */
  forwardingDueOn: z.string().nullable(),
  forwardingLate: z.boolean().nullable(),
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
  /** the first time the complainant was told of the decision (Art. 18, 21) */
  informedAt: z.string().nullable(),
  /** Art. 18 as a whole: decided and told within the deadline; null until told (unless decided late) */
  onTime: z.boolean().nullable(),
  /** each part of Art. 18: the decision in time; the telling in time (null until told) */
  decisionOnTime: z.boolean().nullable(),
  informOnTime: z.boolean().nullable(),
  daysToDecision: z.number().int().nullable(),
  decision: ComplaintDecision.nullable(),
  reviewRequestedAt: z.string().nullable(),
  /** the last day a review may be requested (Art. 20) */
  reviewRequestBy: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  review: ComplaintDecision.nullable(),
  mergedIntoId: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rootCause: z.string().nullable(),
  responsibility: z.enum(RESPONSIBILITIES).nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  responsibleStaffId: z.string().nullable(),
  responsibleStaffName: z.string().nullable(),
  points: z.number().int().nullable(),
  ...timestamps,
});

/**
 * A complaint as the register's list shows and exports it: what identifies it, who, what about,
 * where it stands and its deadline. The texts of the decision and review, the facts and the
 * emergency checklist are read on the complaint's own page (GET /complaints/:id).
 */
export const ComplaintListItem = Complaint.pick({
  id: true,
  no: true,
  outletId: true,
  outletName: true,
  receivedAt: true,
  receivedOn: true,
  channel: true,
  category: true,
  cause: true,
  channelName: true,
  categoryName: true,
  causeName: true,
  source: true,
  regulatorReceivedOn: true,
  forwardedOn: true,
  forwardingDueOn: true,
  forwardingLate: true,
  personalData: true,
  complainantName: true,
  complainantPhone: true,
  complainantIdNumber: true,
  staffId: true,
  staffName: true,
  handlerId: true,
  handlerName: true,
  peopleCount: true,
  major: true,
  claim: true,
  status: true,
  deadline: true,
  decidedAt: true,
  informedAt: true,
  onTime: true,
  decisionOnTime: true,
  informOnTime: true,
  mergedIntoId: true,
  responsibility: true,
  severity: true,
  points: true,
});

export const ComplaintEvent = z.object({
  id: z.string(),
  /** when it happened */
  at: z.string(),
  /** when it was recorded (null on entries written before this was kept) */
  recordedAt: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  comment: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

/** How the complainant was told of a decision or an extension (Art. 21). */
export const ComplaintNotice = z.object({
  id: z.string(),
  kind: z.string(),
  method: z.enum(INFORM_METHODS),
  informedAt: z.string(),
  proof: z.string(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});

/**
 * The decision notice (Art. 19) and how the complainant was told (Art. 21); the web prints it and
 * the server makes it a PDF. The complainant's name is masked (consultants: null) unless asked for
 * in clear (`personalData: 'clear'`, admin and cp_officer, audited like an unmasking).
 */
export const DecisionNotice = z.object({
  complaintId: z.string(),
  no: z.string(),
  /** the bank that sends it (the branch's bank) */
  bankName: z.string(),
  outletName: z.string(),
  /** how complainantName is shown */
  personalData: z.enum(['masked', 'clear', 'hidden']),
  receivedAt: z.string(),
  complainantName: z.string().nullable(),
  claim: z.string(),
  decision: ComplaintDecision,
  review: ComplaintDecision.nullable(),
  remedies: z.array(z.object({ code: z.enum(REMEDIES), zh: z.string(), en: z.string() })),
  reviewRequestBy: z.string().nullable(),
  onTime: z.boolean().nullable(),
  notices: z.array(ComplaintNotice),
});

/** A user who may handle complaints of an outlet (the investigate step). */
export const ComplaintHandler = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  outletId: z.string().nullable(),
});

export type ComplaintDecision = z.infer<typeof ComplaintDecision>;
export type Complaint = z.infer<typeof Complaint>;
export type ComplaintListItem = z.infer<typeof ComplaintListItem>;
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;
export type ComplaintNotice = z.infer<typeof ComplaintNotice>;
export type DecisionNotice = z.infer<typeof DecisionNotice>;
export type ComplaintHandler = z.infer<typeof ComplaintHandler>;

// ---------------------------------------------------------------- requests
export const ComplaintCreate = z
  .object({
    outletId: Id,
    receivedAt: ZonedInstant,
    channel: ComplaintCodeField,
    category: ComplaintCodeField,
    cause: ComplaintCodeField,
    source: z.enum(COMPLAINT_SOURCES),
    /** regulator transfers: the date the regulator received it and the date it forwarded it */
    regulatorReceivedOn: CalendarDate.nullable().optional(),
    forwardedOn: CalendarDate.nullable().optional(),
    complainantName: required(50),
    complainantPhone: phone.nullable().optional(),
    complainantIdNumber: idNumber.nullable().optional(),
    staffId: Id.nullable().optional(),
    handlerId: Id.nullable().optional(),
    peopleCount: z.number().int().min(1).max(100_000).default(1),
    claim: required(2000),
    facts: text(5000).default(''),
  })
  .strict();

/**
 * Edit: a field left out is kept. The complainant's data is shown masked, so it is sent only
 * when re-entered: the name replaces the stored one; phone and ID number replace it, or clear it
 * with null.
 */
export const ComplaintPatch = ComplaintCreate.pick({
  channel: true,
  category: true,
  cause: true,
  staffId: true,
  peopleCount: true,
  claim: true,
  facts: true,
  complainantName: true,
  complainantPhone: true,
  complainantIdNumber: true,
  regulatorReceivedOn: true,
  forwardedOn: true,
})
  // No defaults here: a default would overwrite a field the edit left out (facts → '', people → 1).
  .extend({
    rootCause: text(2000).nullable(),
    facts: text(5000),
    peopleCount: z.number().int().min(1).max(100_000),
  })
  .partial()
  .strict();

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const ComplaintListQuery = PageQuery.extend({
  ...searchFilter,
  outletId: Id.optional(),
  /** one status or several, comma-separated */
  status: csv(COMPLAINT_STATUSES).optional(),
  channel: ComplaintCodeField.optional(),
  category: ComplaintCodeField.optional(),
  cause: ComplaintCodeField.optional(),
  source: z.enum(COMPLAINT_SOURCES).optional(),
  major: BoolQuery.optional(),
  handlerId: Id.optional(),
  staffId: Id.optional(),
  /**
   * the complainant's whole name, whole phone number, the phone's last four digits or the whole
   * ID number (blind index: exact matches of the normalised value; not for consultants)
   */
  complainant: z.string().trim().max(100).optional(),
  /** received on or after / on or before these Beijing dates */
  ...dayRange,
  /** due soon: a running deadline within 3 days; overdue: past it */
  due: z.enum(DUE_FILTERS).optional(),
  /** regulator cases (Art. 33) forwarded late (or not forwarded and past the due date), or on time */
  forwarding: z.enum(FORWARDING_FILTERS).optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'dueOn', '-dueOn']).default('-receivedAt'),
});

export const ComplaintUnmask = z
  .object({ reason: z.string().trim().max(500).default('') })
  .strict()
  .optional();
/**
 * The decision notice with the complainant's real name: `clear=true` and the reason, for roles
 * that may unmask (403 for the others); one `unmask` audit entry naming the notice.
 */
export const DecisionNoticeQuery = z
  .object({
    clear: BoolQuery.optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export const EmergencyPatch = z.object({ items: z.record(z.string(), z.boolean()) }).strict();
export const HandlersQuery = z.object({ outletId: Id });

export type ComplaintCreate = z.infer<typeof ComplaintCreate>;
export type ComplaintPatch = z.infer<typeof ComplaintPatch>;
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;
export type DecisionNoticeQuery = z.infer<typeof DecisionNoticeQuery>;

// ---------------------------------------------------------------- endpoints
/** A complaint, found by its id; its commands answer it as it now is. */
const one = e.at('/complaints/:id', ComplaintParams, { response: Complaint });

export const complaintsApi = {
  listComplaints: e.get(
    '/complaints',
    'Complaints, paged and filtered (due=soon|overdue for the deadline views)',
    {
      query: ComplaintListQuery,
      response: pageOf(ComplaintListItem).extend({ totalCapped: z.boolean() }),
      exportable: true,
    },
  ),
  listHandlers: e.get(
    '/complaints/handlers',
    'Users who may handle complaints of an outlet (for the investigate step)',
    { query: HandlersQuery, response: itemsOf(ComplaintHandler) },
  ),
  createComplaint: e.create('/complaints', 'Register a complaint', {
    body: ComplaintCreate,
    response: Complaint,
  }),
  getComplaint: one.get('', 'One complaint (personal data masked)'),
  updateComplaint: one.patch('', 'Edit classification, claim, facts, root cause', { body: ComplaintPatch }),
  unmaskComplaint: one.post('/unmask', 'The complainant’s data in clear (admin, cp_officer; audited)', {
    body: ComplaintUnmask,
  }),
  setEmergency: one.patch('/emergency', 'Tick the emergency-plan checklist of a major complaint (Art. 29)', {
    body: EmergencyPatch,
  }),
  listEvents: one.get('/events', 'Every transition with actor, time and comment', {
    response: itemsOf(ComplaintEvent),
  }),
  getDecisionNotice: one.get(
    '/decision-notice',
    'The decision notice data (Art. 19) with the notice records (Art. 21); clear=true&reason=… for the real name (admin, cp_officer; audited)',
    { query: DecisionNoticeQuery, response: DecisionNotice },
  ),
  getDecisionNoticePdf: e.get(
    '/complaints/:id/decision-notice.pdf',
    'The decision notice as a PDF (A4), masked unless clear=true&reason=… (admin, cp_officer; audited)',
    { params: ComplaintParams, query: DecisionNoticeQuery, produces: 'file' },
  ),
} as const;

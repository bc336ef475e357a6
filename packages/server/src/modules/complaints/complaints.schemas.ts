import { z } from 'zod';
import { BoolQuery, PageQuery } from '../../lib/paging';
import {
  CODE_KINDS,
  COMPLAINT_STATUSES,
  INFORM_METHODS,
  PAUSE_KINDS,
  REMEDIES,
  RESPONSIBILITIES,
  SEVERITIES,
  SOURCES,
} from './complaints.states';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(64);
const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/);
/** An instant with an offset or Z, e.g. 2026-11-02T09:30:00+08:00; stored as ISO UTC. */
export const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
export const DateOnly = z.iso.date();
const phone = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9+\-() ]*$/);
const idNumber = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9A-Za-z]*$/);

export const ComplaintCreate = z
  .object({
    outletId: id,
    receivedAt: Instant,
    channel: code,
    category: code,
    cause: code,
    source: z.enum(SOURCES),
    /** regulator transfers: the date the regulator received it and the date it forwarded it */
    regulatorReceivedOn: DateOnly.nullable().optional(),
    forwardedOn: DateOnly.nullable().optional(),
    complainantName: required(50),
    complainantPhone: phone.nullable().optional(),
    complainantIdNumber: idNumber.nullable().optional(),
    staffId: id.nullable().optional(),
    handlerId: id.nullable().optional(),
    peopleCount: z.number().int().min(1).max(100_000).default(1),
    claim: required(2000),
    facts: text(5000).default(''),
  })
  .strict();
export type ComplaintCreate = z.infer<typeof ComplaintCreate>;

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
})
  // No defaults here: a default would overwrite a field the edit left out (facts → '', people → 1).
  .extend({
    rootCause: text(2000).nullable(),
    facts: text(5000),
    peopleCount: z.number().int().min(1).max(100_000),
  })
  .partial()
  .strict();
export type ComplaintPatch = z.infer<typeof ComplaintPatch>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const ComplaintListQuery = PageQuery.extend({
  q: text(100).optional(),
  outletId: id.optional(),
  status: csv(COMPLAINT_STATUSES).optional(),
  channel: code.optional(),
  category: code.optional(),
  cause: code.optional(),
  source: z.enum(SOURCES).optional(),
  major: BoolQuery.optional(),
  handlerId: id.optional(),
  staffId: id.optional(),
  /** received on or after / on or before these Beijing dates */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  /** due soon: a running deadline within 3 days; overdue: past it */
  due: z.enum(['soon', 'overdue']).optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'dueOn', '-dueOn']).default('-receivedAt'),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

const comment = text(2000).default('');
const Decision = {
  factsVerified: required(5000),
  basis: required(2000),
  reasons: required(5000),
  result: required(2000),
  remedies: z
    .array(z.enum(REMEDIES))
    .min(1)
    .default([...REMEDIES]),
  comment,
};

export const TransitionBodies = {
  acknowledge: z.object({ comment }).strict(),
  investigate: z.object({ comment, handlerId: id.optional() }).strict(),
  decide: z.object(Decision).strict(),
  inform: z
    .object({ method: z.enum(INFORM_METHODS), informedAt: Instant, proof: required(2000), comment })
    .strict(),
  follow_up: z
    .object({ satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']), comment })
    .strict(),
  close: z.object({ comment, rootCause: text(2000).optional() }).strict(),
  withdraw: z.object({ comment: required(2000) }).strict(),
  merge: z.object({ intoId: id, comment }).strict(),
  request_review: z.object({ comment: required(2000), requestedAt: Instant.optional() }).strict(),
  decide_review: z.object(Decision).strict(),
  extend: z
    .object({
      reason: text(2000).optional(),
      approvedBy: text(100).optional(),
      complainantInformedAt: Instant.optional(),
      informMethod: z.enum(INFORM_METHODS).optional(),
      proof: text(2000).optional(),
      comment,
    })
    .strict(),
  pause: z.object({ kind: z.enum(PAUSE_KINDS), reason: required(2000), comment }).strict(),
  resume: z.object({ comment }).strict(),
  new_facts: z.object({ receivedAt: Instant.optional(), comment: required(2000) }).strict(),
  assess: z
    .object({
      responsibility: z.enum(RESPONSIBILITIES),
      severity: z.enum(SEVERITIES),
      responsibleStaffId: id.nullable().optional(),
      comment,
    })
    .strict(),
} as const;
export type TransitionBody = {
  [K in keyof typeof TransitionBodies]: z.infer<(typeof TransitionBodies)[K]>;
};

export const EmergencyPatch = z.object({ items: z.record(z.string(), z.boolean()) }).strict();

export const TaskCreate = z
  .object({
    title: required(200),
    owner: required(50),
    ownerStaffId: id.nullable().optional(),
    dueOn: DateOnly,
  })
  .strict();
export const TaskPatch = TaskCreate.partial()
  .extend({ status: z.enum(['open', 'done']).optional(), note: text(2000).optional() })
  .strict();
export const TaskListQuery = PageQuery.extend({
  outletId: id.optional(),
  complaintId: id.optional(),
  status: z.enum(['open', 'done']).optional(),
  overdue: BoolQuery.optional(),
});

export const CodeCreate = z
  .object({
    kind: z.enum(CODE_KINDS),
    code,
    nameZh: required(60),
    nameEn: required(100),
    sortOrder: z.number().int().default(0),
  })
  .strict();
export const CodePatch = CodeCreate.omit({ kind: true, code: true })
  .extend({ active: z.boolean() })
  .partial()
  .strict();
export const CodeListQuery = z.object({ kind: z.enum(CODE_KINDS).optional(), active: BoolQuery.optional() });

export const HolidayListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const HolidayPut = z
  .object({
    year: z.number().int().min(2000).max(2100),
    days: z
      .array(z.object({ day: DateOnly, kind: z.enum(['holiday', 'workday']), name: required(40) }).strict())
      .max(200),
  })
  .strict();

export const NotificationListQuery = PageQuery.extend({ unread: BoolQuery.optional() });

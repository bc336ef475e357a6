import { z } from 'zod';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_STEPS,
  type ComplaintAction,
  INFORM_METHODS,
  PAUSE_KINDS,
  REMEDIES,
  RESPONSIBILITIES,
  SATISFACTIONS,
  SEVERITIES,
} from '../complaints';
import { Id } from './common';
import { RecordParams, required, text, ZonedInstant } from './complaint-fields';
import { Complaint } from './complaints';

/**
 * The steps of the complaint process (安抚 → 调查 → 决定 → 告知 → 回访 → 办结, and the side
 * steps): one `POST /complaints/:id/<path>` per step of COMPLAINT_STEPS (packages/shared
 * complaints.ts), each with the body it needs. Every step answers the complaint as it now is.
 */
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

/**
 * When the step happened (Beijing time or any zone; defaults to now). A step may be recorded
 * later than it happened: the time must not be before the receipt or the step before it, nor in
 * the future (5 minutes of clock skew are tolerated); the deadlines follow it.
 */
const at = ZonedInstant.optional();

/** The body of each step. */
export const StepBodies = {
  acknowledge: z.object({ comment, at }).strict(),
  investigate: z.object({ comment, handlerId: Id.optional(), at }).strict(),
  decide: z.object({ ...Decision, at }).strict(),
  inform: z
    .object({
      method: z.enum(INFORM_METHODS),
      /** when the complainant was told; the same as `at` (either may be given) */
      informedAt: ZonedInstant.optional(),
      proof: required(2000),
      comment,
      at,
    })
    .strict(),
  follow_up: z.object({ satisfaction: z.enum(SATISFACTIONS), comment, at }).strict(),
  close: z.object({ comment, rootCause: text(2000).optional(), at }).strict(),
  withdraw: z.object({ comment: required(2000), at }).strict(),
  merge: z.object({ intoId: Id, comment, at }).strict(),
  /** `requestedAt` is the same as `at` (either may be given) */
  request_review: z.object({ comment: required(2000), requestedAt: ZonedInstant.optional(), at }).strict(),
  decide_review: z.object({ ...Decision, at }).strict(),
  extend: z
    .object({
      reason: text(2000).optional(),
      approvedBy: text(100).optional(),
      complainantInformedAt: ZonedInstant.optional(),
      informMethod: z.enum(INFORM_METHODS).optional(),
      proof: text(2000).optional(),
      comment,
      at,
    })
    .strict(),
  pause: z.object({ kind: z.enum(PAUSE_KINDS), reason: required(2000), comment, at }).strict(),
  resume: z.object({ comment, at }).strict(),
  /** `receivedAt` (of the new facts) is the same as `at` (either may be given) */
  new_facts: z.object({ receivedAt: ZonedInstant.optional(), comment: required(2000), at }).strict(),
  assess: z
    .object({
      responsibility: z.enum(RESPONSIBILITIES),
      severity: z.enum(SEVERITIES),
      responsibleStaffId: Id.nullable().optional(),
      comment,
      at,
    })
    .strict(),
} as const satisfies Record<ComplaintAction, z.ZodType>;

/** A step's body as the server has parsed it. */
export type StepBody = { [A in ComplaintAction]: z.output<(typeof StepBodies)[A]> };

const SUMMARIES: Record<ComplaintAction, string> = {
  acknowledge: 'Acknowledge and soothe — 安抚',
  investigate: 'Start the investigation (assign the handler) — 核实调查',
  decide: 'Decide (Art. 19 notice content) — 处理决定',
  inform: 'Record how the complainant was told (Art. 21) — 告知投诉人',
  follow_up: 'Record the follow-up visit — 回访',
  close: 'Close — 办结',
  withdraw: 'Withdraw (ends the case) — 撤诉',
  merge: 'Merge into an open complaint (a repeat) — 合并',
  request_review: 'Request a review (Art. 20) — 申请复核',
  decide_review: 'Decide the review — 复核决定',
  extend: 'Extend the deadline (Art. 18) — 延长期限',
  pause: 'Pause the clock (appraisal, mediation) — 中止计时',
  resume: 'Resume the clock — 恢复计时',
  new_facts: 'New facts: restart the clock — 新事实',
  assess: 'Assess responsibility (points) — 责任认定',
};

type Steps = typeof COMPLAINT_STEPS;
/** The endpoint of one step, with its literal path, so the web's typed client knows each. */
export type StepEndpoint<A extends ComplaintAction> = {
  method: 'POST';
  path: `/complaints/:id/${Steps[A]['path']}`;
  tags: readonly ['complaints'];
  summary: string;
  params: typeof RecordParams;
  body: (typeof StepBodies)[A];
  response: typeof Complaint;
};

/** One endpoint per step of the state machine, keyed by the step. */
export const complaintStepsApi = Object.fromEntries(
  COMPLAINT_ACTIONS.map((action) => [
    action,
    {
      method: 'POST',
      path: `/complaints/:id/${COMPLAINT_STEPS[action].path}`,
      tags: ['complaints'],
      summary: SUMMARIES[action],
      params: RecordParams,
      body: StepBodies[action],
      response: Complaint,
    },
  ]),
) as unknown as { [A in ComplaintAction]: StepEndpoint<A> };

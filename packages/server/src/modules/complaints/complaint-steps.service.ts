import {
  canRequestReview,
  checkExtension,
  type ExtensionLevel,
  reviewDueDate,
  reviewRequestBy,
} from '@liangdian/engine';
import { beijingDate, beijingHhmm } from '@liangdian/engine/time';
import {
  allowedFrom,
  COMPLAINT_ACTIONS,
  type ComplaintAction,
  type ComplaintStatus,
  OPEN_STATUSES,
  stepLeadsTo,
  takesStep,
} from '@liangdian/shared';
import type { Complaint, ComplaintDecision, StepBody } from '@liangdian/shared/api';
import type { Q } from '../../db/types';
import { DomainError, forbidden } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Changes } from '../access/guard';
import type { Actor } from '../access/policy';
import { type ComplaintCase, fieldError } from './complaint-case';
import * as repo from './complaints.repository';

/** What a step does to the complaint's row, given the row, the body and the time. */
interface StepContext<A extends ComplaintAction> {
  trx: Q;
  actor: Actor;
  c: repo.ComplaintFullRow;
  body: StepBody[A];
  /** the columns the step changes */
  set: Partial<repo.ComplaintRow>;
  /** when the step happened (checked against the case) */
  at: string;
  /** when it is recorded */
  now: string;
}

/** A time as a clerk reads it in a message: Beijing date and clock. */
const shown = (iso: string) => `${beijingDate(iso)} ${beijingHhmm(iso)}`;

/** The field a step's time came in, where a step has its own name for it beside `at`. */
const TIME_ALIAS: Partial<Record<ComplaintAction, string>> = {
  inform: 'informedAt',
  request_review: 'requestedAt',
  new_facts: 'receivedAt',
};
/** Steps that may be taken while the clock is paused (they end the pause, or are its end). */
const WHILE_PAUSED: readonly ComplaintAction[] = ['resume', 'decide', 'withdraw', 'pause'];
/** Steps that only make sense while the deadline runs: a case already late cannot hide it. */
const WHILE_DEADLINE_RUNS: readonly ComplaintAction[] = ['extend', 'pause', 'new_facts'];
/** A step's effect; it answers the data of its history entry. */
type Effect<A extends ComplaintAction> = (s: StepContext<A>) => Promise<object | null> | object | null;

/**
 * The steps of the complaint process (Art. 16–22): the state machine of packages/shared
 * (COMPLAINT_STEPS: where each step may start, where it leads, who may take it) with what each
 * step does — the handler, the decision, the notice records, pauses, extensions, the review —
 * and the deadlines it moves (engine: decisionDeadline).
 */
export class ComplaintStepsService {
  constructor(
    private readonly changes: Changes,
    private readonly cases: ComplaintCase,
  ) {}

  /** Takes one step of the process on a complaint, with its history entry and audit entry. */
  async take<A extends ComplaintAction>(
    actor: Actor,
    id: string,
    action: A,
    body: StepBody[A],
  ): Promise<Complaint> {
    return this.changes.run(actor, async (trx, clockAt) => {
      const now = clockAt.toISOString();
      const c = await this.cases.found(trx, actor, id);
      if (!takesStep(actor, action)) throw forbidden();
      this.cases.notRecused(actor, c);
      if (!allowedFrom(action, c.status))
        throw new DomainError('COMPLAINT_TRANSITION_NOT_ALLOWED', { from: c.status, action });
      const at = await this.stepTime(trx, c, action, body as StepBody[ComplaintAction], now);
      const before = this.cases.auditView(c);
      const to = stepLeadsTo(action, c.status as ComplaintStatus);
      const set: Partial<repo.ComplaintRow> = {};
      const effect = this.effects[action] as Effect<A>;
      const data = await effect({ trx, actor, c, body, set, at, now });
      const next = { ...c, ...set, status: to } as repo.ComplaintRow;
      const deadline = await this.cases.deadlineColumns(trx, next);
      await repo.updateComplaint(trx, id, { ...set, ...deadline, status: to, updated_at: now });
      const comment = (body as { comment?: string }).comment ?? '';
      await this.cases.recordEvent(
        trx,
        actor,
        { complaintId: id, action, from: c.status, to, comment, data, at },
        now,
      );
      const row = (await repo.findComplaint(trx, id))!;
      return [
        this.cases.viewFor(actor, row),
        this.cases.auditEntry(action, c, { before, after: this.cases.auditView(row) }),
      ];
    });
  }

  /**
   * When the step happened: `at` (or the step's own name for it), now when neither is given.
   * Checked against the case: not in the future (FUTURE_TOLERANCE_MS), not before the receipt,
   * not before the step before it (the history stays in order), not inside a running pause
   * (only resume, decide and withdraw end one; a second pause is refused as such), and for an extension, a pause or new facts, not
   * after the deadline has passed.
   */
  private async stepTime(
    trx: Q,
    c: repo.ComplaintFullRow,
    action: ComplaintAction,
    body: StepBody[ComplaintAction],
    now: string,
  ): Promise<string> {
    const given = body as { at?: string } & Record<string, unknown>;
    const alias = TIME_ALIAS[action];
    const aliased = alias ? (given[alias] as string | undefined) : undefined;
    if (given.at && aliased && given.at !== aliased) throw fieldError(`body.${alias}`, 'TIMES_DISAGREE');
    const field = aliased && !given.at ? `body.${alias}` : 'body.at';
    const at = given.at ?? aliased ?? now;
    this.cases.notInFuture(at, field);
    if (at < c.received_at) throw fieldError(field, 'BEFORE_RECEIPT', { receivedAt: shown(c.received_at) });
    const previous = await repo.lastStepAt(trx, c.id, COMPLAINT_ACTIONS);
    if (previous && at < previous)
      throw fieldError(field, 'BEFORE_PREVIOUS_STEP', { previous: shown(previous) });
    if (c.paused_since && !WHILE_PAUSED.includes(action))
      throw fieldError(field, 'INSIDE_PAUSE', { since: shown(c.paused_since) });
    if (WHILE_DEADLINE_RUNS.includes(action) && c.due_on && beijingDate(at) > c.due_on)
      throw new DomainError('COMPLAINT_DEADLINE_PASSED', { due: c.due_on }, [
        { field, code: 'COMPLAINT_DEADLINE_PASSED' },
      ]);
    return at;
  }

  private decision(actor: Actor, b: StepBody['decide'], at: string): ComplaintDecision {
    return {
      factsVerified: b.factsVerified,
      basis: b.basis,
      reasons: b.reasons,
      result: b.result,
      remedies: b.remedies,
      decidedBy: actor.displayName || actor.username,
      decidedAt: at,
    };
  }

  /** A running pause ends with the decision or the withdrawal, when they happened. */
  private async endPause({ trx, c, set, at }: StepContext<ComplaintAction>) {
    if (!c.paused_since) return;
    await repo.endPause(trx, c.id, at);
    set.paused_since = null;
  }

  /** What each step does besides moving the status. */
  private readonly effects: { [A in ComplaintAction]: Effect<A> } = {
    acknowledge: () => null,
    investigate: async ({ trx, actor, c, body, set }) => {
      const handlerId = body.handlerId ?? c.handler_id ?? actor.userId;
      await this.cases.checkHandler(trx, { id: c.outlet_id, branch_id: c.branch_id }, handlerId);
      await this.cases.checkRecusal(trx, handlerId, c.staff_id);
      set.handler_id = handlerId;
      return { handlerId };
    },
    decide: async (s) => {
      await this.endPause(s);
      const d = this.decision(s.actor, s.body, s.at);
      s.set.decision_json = JSON.stringify(d);
      s.set.decided_at = s.at;
      return { remedies: d.remedies };
    },
    inform: async ({ trx, actor, c, body, set, at, now }) => {
      const kind = c.review_json ? 'review_decision' : 'decision';
      await repo.insertNotice(trx, {
        id: newId(),
        complaint_id: c.id,
        kind,
        method: body.method,
        informed_at: at,
        proof: body.proof,
        recorded_by: actor.userId,
        created_at: now,
      });
      if (kind === 'decision' && !c.informed_at) set.informed_at = at;
      return { method: body.method, informedAt: at };
    },
    follow_up: ({ body }) => ({ satisfaction: body.satisfaction }),
    close: ({ body, set, at }) => {
      set.closed_at = at;
      if (body.rootCause) set.root_cause = body.rootCause;
      return null;
    },
    withdraw: async (s) => {
      s.set.withdrawn_at = s.at;
      await this.endPause(s);
      return null;
    },
    merge: async ({ trx, c, body, set }) => {
      const target = body.intoId === c.id ? undefined : await repo.findComplaint(trx, body.intoId);
      if (
        !target ||
        target.outlet_id !== c.outlet_id ||
        !(OPEN_STATUSES as readonly string[]).includes(target.status)
      )
        throw new DomainError('MERGE_TARGET_INVALID', {}, [
          { field: 'body.intoId', code: 'MERGE_TARGET_INVALID' },
        ]);
      set.merged_into_id = target.id;
      return { intoId: target.id, intoNo: target.no };
    },
    request_review: ({ c, set, at }) => {
      if (c.review_requested_at) throw new DomainError('REVIEW_ALREADY_REQUESTED');
      // Art. 20: within 30 days of the complainant's receipt of the decision (the recorded telling)
      if (!c.informed_at) throw fieldError('body.at', 'NOT_INFORMED_YET');
      if (!canRequestReview(c.informed_at, at))
        throw new DomainError('REVIEW_WINDOW_CLOSED', { until: reviewRequestBy(c.informed_at) }, [
          { field: 'body.at', code: 'REVIEW_WINDOW_CLOSED' },
        ]);
      set.review_requested_at = at;
      set.review_due_on = reviewDueDate(at);
      return { requestedAt: at, reviewDueOn: set.review_due_on };
    },
    decide_review: ({ actor, body, set, at }) => {
      const d = this.decision(actor, body, at);
      set.review_json = JSON.stringify(d);
      return { remedies: d.remedies };
    },
    extend: async ({ trx, actor, c, body, set, now }) => {
      const r = checkExtension(c.extension_level as ExtensionLevel, body);
      if (!r.ok) throw new DomainError(r.problem, {}, [{ field: fieldOf(r.problem), code: r.problem }]);
      set.extension_level = r.level;
      set.extension_reason = body.reason!.trim();
      if (body.complainantInformedAt) {
        const told = body.complainantInformedAt;
        this.cases.notInFuture(told, 'body.complainantInformedAt');
        if (told < c.received_at)
          throw fieldError('body.complainantInformedAt', 'BEFORE_RECEIPT', {
            receivedAt: shown(c.received_at),
          });
        await repo.insertNotice(trx, {
          id: newId(),
          complaint_id: c.id,
          kind: 'extension',
          method: body.informMethod ?? 'phone',
          informed_at: told,
          proof: body.proof || body.comment || body.reason!,
          recorded_by: actor.userId,
          created_at: now,
        });
      }
      return { level: r.level, reason: body.reason, approvedBy: body.approvedBy ?? null };
    },
    pause: async ({ trx, c, body, set, at }) => {
      if (c.paused_since) throw new DomainError('COMPLAINT_PAUSE_RUNNING');
      await repo.insertPause(trx, {
        id: newId(),
        complaint_id: c.id,
        kind: body.kind,
        reason: body.reason,
        started_at: at,
        ended_at: null,
      });
      set.paused_since = at;
      return { kind: body.kind, reason: body.reason };
    },
    resume: async ({ trx, c, set, at }) => {
      if (!c.paused_since) throw new DomainError('COMPLAINT_NOT_PAUSED');
      await repo.endPause(trx, c.id, at);
      set.paused_since = null;
      return null;
    },
    // New facts restart the clock from their receipt, only ever forward (stepTime keeps the
    // history in order, so `at` is never before the current start)
    new_facts: ({ c, set, at }) => {
      set.clock_start_at = [at, c.clock_start_at].sort().at(-1)!;
      return { receivedAt: at };
    },
    assess: async ({ trx, c, body, set }) => {
      await this.cases.checkStaff(trx, c.outlet_id, body.responsibleStaffId, 'responsibleStaffId');
      const rule = (await repo.listRules(trx)).find(
        (r) => r.responsibility === body.responsibility && r.severity === body.severity,
      );
      set.responsibility = body.responsibility;
      set.severity = body.severity;
      set.responsible_staff_id = body.responsibleStaffId ?? c.staff_id;
      set.points = rule?.points ?? 0;
      return { responsibility: body.responsibility, severity: body.severity, points: set.points };
    },
  };
}

function fieldOf(problem: string): string {
  switch (problem) {
    case 'EXTENSION_REASON_REQUIRED':
      return 'body.reason';
    case 'EXTENSION_APPROVAL_REQUIRED':
      return 'body.approvedBy';
    case 'EXTENSION_NOTICE_REQUIRED':
      return 'body.complainantInformedAt';
    default:
      return 'body';
  }
}

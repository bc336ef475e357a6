import {
  canRequestReview,
  checkExtension,
  type ExtensionLevel,
  reviewDueDate,
  reviewRequestBy,
} from '@liangdian/engine';
import { beijingDate } from '@liangdian/engine/time';
import {
  allowedFrom,
  type ComplaintAction,
  type ComplaintStatus,
  OPEN_STATUSES,
  stepLeadsTo,
  takesStep,
} from '@liangdian/shared';
import type { Complaint, ComplaintDecision, StepBody } from '@liangdian/shared/api';
import type { Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
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
  now: string;
}
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
    private readonly clock: Clock,
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
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const c = await this.cases.found(trx, actor, id);
      if (!takesStep(actor, action)) throw forbidden();
      if (!allowedFrom(action, c.status))
        throw new DomainError('COMPLAINT_TRANSITION_NOT_ALLOWED', { from: c.status, action });
      const before = this.cases.auditView(c);
      const to = stepLeadsTo(action, c.status as ComplaintStatus);
      const set: Partial<repo.ComplaintRow> = {};
      const effect = this.effects[action] as Effect<A>;
      const data = await effect({ trx, actor, c, body, set, now });
      const next = { ...c, ...set, status: to } as repo.ComplaintRow;
      const deadline = await this.cases.deadlineColumns(trx, next);
      await repo.updateComplaint(trx, id, { ...set, ...deadline, status: to, updated_at: now });
      const comment = (body as { comment?: string }).comment ?? '';
      await this.cases.recordEvent(
        trx,
        actor,
        { complaintId: id, action, from: c.status, to, comment, data },
        now,
      );
      const row = (await repo.findComplaint(trx, id))!;
      return [
        this.cases.viewFor(actor, row),
        this.cases.auditEntry(action, c, { before, after: this.cases.auditView(row) }),
      ];
    });
  }

  private decision(actor: Actor, b: StepBody['decide'], now: string): ComplaintDecision {
    return {
      factsVerified: b.factsVerified,
      basis: b.basis,
      reasons: b.reasons,
      result: b.result,
      remedies: b.remedies,
      decidedBy: actor.displayName || actor.username,
      decidedAt: now,
    };
  }

  /** A running pause ends with the decision or the withdrawal. */
  private async endPause({ trx, c, set, now }: StepContext<ComplaintAction>) {
    if (!c.paused_since) return;
    await repo.endPause(trx, c.id, now);
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
      await this.cases.checkRecusal(s.trx, s.actor.userId, s.c.staff_id);
      await this.endPause(s);
      const d = this.decision(s.actor, s.body, s.now);
      s.set.decision_json = JSON.stringify(d);
      s.set.decided_at = s.now;
      return { remedies: d.remedies };
    },
    inform: async ({ trx, actor, c, body, now }) => {
      this.cases.notInFuture(body.informedAt, 'body.informedAt');
      await repo.insertNotice(trx, {
        id: newId(),
        complaint_id: c.id,
        kind: c.review_json ? 'review_decision' : 'decision',
        method: body.method,
        informed_at: body.informedAt,
        proof: body.proof,
        recorded_by: actor.userId,
        created_at: now,
      });
      return { method: body.method, informedAt: body.informedAt };
    },
    follow_up: ({ body }) => ({ satisfaction: body.satisfaction }),
    close: ({ body, set, now }) => {
      set.closed_at = now;
      if (body.rootCause) set.root_cause = body.rootCause;
      return null;
    },
    withdraw: async (s) => {
      s.set.withdrawn_at = s.now;
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
    request_review: ({ c, body, set, now }) => {
      if (c.review_requested_at) throw new DomainError('REVIEW_ALREADY_REQUESTED');
      const at = body.requestedAt ?? now;
      this.cases.notInFuture(at, 'body.requestedAt');
      if (!c.decided_at || !canRequestReview(c.decided_at, at))
        throw new DomainError('REVIEW_WINDOW_CLOSED', {
          until: c.decided_at ? reviewRequestBy(c.decided_at) : '',
        });
      set.review_requested_at = at;
      set.review_due_on = reviewDueDate(at);
      return { requestedAt: at, reviewDueOn: set.review_due_on };
    },
    decide_review: ({ actor, body, set, now }) => {
      const d = this.decision(actor, body, now);
      set.review_json = JSON.stringify(d);
      return { remedies: d.remedies };
    },
    extend: async ({ trx, actor, c, body, set, now }) => {
      const today = beijingDate(this.clock.now());
      if (c.due_on && today > c.due_on) throw new DomainError('COMPLAINT_DEADLINE_PASSED', { due: c.due_on });
      const r = checkExtension(c.extension_level as ExtensionLevel, body);
      if (!r.ok) throw new DomainError(r.problem, {}, [{ field: fieldOf(r.problem), code: r.problem }]);
      set.extension_level = r.level;
      set.extension_reason = body.reason!.trim();
      if (body.complainantInformedAt) {
        this.cases.notInFuture(body.complainantInformedAt, 'body.complainantInformedAt');
        await repo.insertNotice(trx, {
          id: newId(),
          complaint_id: c.id,
          kind: 'extension',
          method: body.informMethod ?? 'phone',
          informed_at: body.complainantInformedAt,
          proof: body.proof || body.comment || body.reason!,
          recorded_by: actor.userId,
          created_at: now,
        });
      }
      return { level: r.level, reason: body.reason, approvedBy: body.approvedBy ?? null };
    },
    pause: async ({ trx, c, body, set, now }) => {
      if (c.paused_since) throw new DomainError('COMPLAINT_PAUSE_RUNNING');
      await repo.insertPause(trx, {
        id: newId(),
        complaint_id: c.id,
        kind: body.kind,
        reason: body.reason,
        started_at: now,
        ended_at: null,
      });
      set.paused_since = now;
      return { kind: body.kind, reason: body.reason };
    },
    resume: async ({ trx, c, set, now }) => {
      if (!c.paused_since) throw new DomainError('COMPLAINT_NOT_PAUSED');
      await repo.endPause(trx, c.id, now);
      set.paused_since = null;
      return null;
    },
    new_facts: ({ c, body, set, now }) => {
      const at = body.receivedAt ?? now;
      this.cases.notInFuture(at, 'body.receivedAt');
      if (at < c.received_at) throw fieldError('body.receivedAt', 'invalid');
      set.clock_start_at = at;
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

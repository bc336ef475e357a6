import {
  addDays,
  canRequestReview,
  checkExtension,
  decisionDeadline,
  type ExtensionLevel,
  type IsoDate,
  isoDate,
  type PauseKind,
  reviewDueDate,
  reviewRequestBy,
  shanghaiDate,
} from '@liangdian/engine';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import type { FieldCipher } from '../../lib/crypto';
import { DomainError, type FieldProblem, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { exportQuery } from '../../lib/paging';
import type { Page } from '../../lib/paging';
import { type Actor, type ComplaintAction, complaintPolicy, policy } from '../access/policy';
import type { AuditEntryInput, AuditService } from '../audit/audit.service';
import {
  type ComplaintView,
  type DecisionView,
  NoticeView,
  type PersonalVisibility,
  presentCode,
  presentComplaint,
  presentEvent,
  presentNotice,
  presentNotification,
  presentTask,
  REMEDY_TEXT,
  type TaskView,
} from './complaints.presenter';
import * as repo from './complaints.repository';
import type {
  ComplaintCreate,
  ComplaintListQuery,
  ComplaintPatch,
  TransitionBody,
} from './complaints.schemas';
import {
  allowedFrom,
  EMERGENCY_CHECKLIST,
  MAJOR_COMPLAINT_PEOPLE,
  OPEN_STATUSES,
  PENDING_DECISION,
  TRANSITIONS,
} from './complaints.states';

const fieldError = (field: string, code: string, params?: Record<string, string | number>) =>
  new DomainError('VALIDATION_FAILED', {}, [{ field, code, ...(params ? { params } : {}) }]);

/** Clock skew tolerated for "received at" and "informed at" times typed on another machine. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface TaskInput {
  title: string;
  owner: string;
  ownerStaffId?: string | null;
  dueOn: string;
}

/**
 * Complaints (谅点): registration, the process state machine with its deadlines (Art. 18–21),
 * personal data (encrypted at rest, masked, audited unmasking), rectification tasks, code tables,
 * the holiday calendar and due-date notifications.
 */
export class ComplaintsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  /** Runs a change and its audit entry in one transaction. */
  async change<T>(actor: Actor, work: (trx: Q, now: string) => Promise<[T, AuditEntryInput]>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const [result, entry] = await work(trx, this.clock.now().toISOString());
      await this.audit.record(trx, { userId: actor.userId, name: actor.username, ip: actor.ip }, entry);
      return result;
    });
  }

  /** The complaint if the actor may see it; NOT_FOUND otherwise (its existence is not revealed). */
  async visible(q: Q, actor: Actor, id: string) {
    const c = await repo.findComplaint(q, id);
    if (!c || !policy.seesOutlet(actor, { id: c.outlet_id, branch_id: c.branch_id }))
      throw notFound('complaint');
    return c;
  }

  private view(c: repo.ComplaintFullRow, how: PersonalVisibility) {
    return presentComplaint(c, this.cipher, how, this.clock.now());
  }
  /** What the audit log keeps: always masked. */
  private auditView(c: repo.ComplaintFullRow) {
    return this.view(c, 'masked');
  }

  // ---------------------------------------------------------------- validation helpers
  private async checkCodes(q: Q, input: { channel?: string; category?: string; cause?: string }) {
    const problems: FieldProblem[] = [];
    for (const [kind, field] of [
      ['channel', 'channel'],
      ['category', 'category'],
      ['cause', 'cause'],
    ] as const) {
      const value = input[field];
      if (value === undefined) continue;
      const code = await repo.findCode(q, kind, value);
      if (code?.active !== 1)
        problems.push({ field: `body.${field}`, code: 'UNKNOWN_CODE', params: { value } });
    }
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
  }

  private async checkStaff(q: Q, outletId: string, staffId: string | null | undefined, field: string) {
    if (!staffId) return null;
    const s = await repo.findStaff(q, staffId);
    if (!s || s.outlet_id !== outletId)
      throw fieldError(`body.${field}`, 'NOT_IN_OUTLET', { value: staffId });
    return s;
  }

  /**
   * Art. 17 recusal: the handler may not be the staff member complained about. Users and staff
   * records are linked by outlet and name (a user of the same outlet whose display name is the
   * staff member's name is that staff member).
   */
  private async checkRecusal(
    q: Q,
    handlerUserId: string | null | undefined,
    staffId: string | null | undefined,
  ) {
    if (!handlerUserId || !staffId) return;
    const [u, s] = await Promise.all([repo.findUser(q, handlerUserId), repo.findStaff(q, staffId)]);
    if (u && s && u.outlet_id === s.outlet_id && u.display_name.trim() === s.name.trim()) {
      throw new DomainError('COMPLAINT_HANDLER_RECUSED', {}, [
        { field: 'body.handlerId', code: 'COMPLAINT_HANDLER_RECUSED' },
      ]);
    }
  }

  private async checkHandler(q: Q, outlet: { id: string; branch_id: string }, handlerId: string) {
    const u = await repo.findUser(q, handlerId);
    if (
      u?.active !== 1 ||
      u.branch_id !== outlet.branch_id ||
      (u.outlet_id !== null && u.outlet_id !== outlet.id) ||
      !(repo.HANDLER_ROLES as readonly string[]).includes(u.role)
    ) {
      throw fieldError('body.handlerId', 'UNKNOWN_REFERENCE', { value: handlerId });
    }
  }

  private notInFuture(at: string, field: string) {
    if (Date.parse(at) > this.clock.now().getTime() + FUTURE_TOLERANCE_MS)
      throw fieldError(field, 'IN_THE_FUTURE');
  }

  private async newNo(q: Q, receivedOn: string) {
    for (;;) {
      const no = `TS${receivedOn.replace(/-/g, '')}${newId().replace(/-/g, '').slice(-6).toUpperCase()}`;
      if (!(await repo.complaintNoTaken(q, no))) return no;
    }
  }

  /** The deadline columns of a complaint after a change (engine: decisionDeadline). */
  private async deadlineColumns(q: Q, c: repo.ComplaintRow): Promise<Partial<repo.ComplaintRow>> {
    const pauses = (await repo.listPauses(q, c.id)).map((p) => ({
      kind: p.kind as PauseKind,
      from: p.started_at,
      to: p.ended_at,
    }));
    const d = decisionDeadline({
      receivedAt: c.received_at,
      restarts: [c.clock_start_at],
      extensionLevel: c.extension_level as ExtensionLevel,
      pauses,
      withdrawnAt: c.withdrawn_at,
      decidedAt: c.decided_at,
    });
    const pending = (PENDING_DECISION as readonly string[]).includes(c.status);
    return {
      paused_days: d.pausedDays,
      decision_due_on: d.dueDate ?? (d.paused ? null : c.decision_due_on),
      due_on: pending ? d.dueDate : c.status === 'review' ? c.review_due_on : null,
      on_time: d.onTime === null ? null : d.onTime ? 1 : 0,
      days_to_decision: d.daysToDecision,
      decided_on: d.decidedDate,
    };
  }

  // ---------------------------------------------------------------- registration and reading
  async create(actor: Actor, input: ComplaintCreate): Promise<ComplaintView> {
    if (!complaintPolicy.registers(actor)) throw forbidden();
    return this.change(actor, async (trx, now) => {
      const outlet = await repo.findOutlet(trx, input.outletId);
      if (!outlet || !policy.seesOutlet(actor, outlet)) throw notFound('outlet');
      await this.checkCodes(trx, input);
      this.notInFuture(input.receivedAt, 'body.receivedAt');
      if (input.source === 'regulator' && !input.forwardedOn)
        throw fieldError('body.forwardedOn', 'FORWARDED_ON_REQUIRED');
      await this.checkStaff(trx, outlet.id, input.staffId, 'staffId');
      if (input.handlerId) {
        await this.checkHandler(trx, outlet, input.handlerId);
        await this.checkRecusal(trx, input.handlerId, input.staffId);
      }
      const id = newId();
      const receivedOn = shanghaiDate(input.receivedAt);
      const row: repo.ComplaintRow = this.newRow({
        id,
        no: await this.newNo(trx, receivedOn),
        branchId: outlet.branch_id,
        input,
        createdBy: actor.userId,
        now,
      });
      await repo.insertComplaint(trx, { ...row, ...(await this.deadlineColumns(trx, row)) });
      await this.event(trx, actor, id, 'register', null, 'registered', '', { source: input.source }, now);
      const after = this.auditView((await repo.findComplaint(trx, id))!);
      return [
        this.view((await repo.findComplaint(trx, id))!, complaintPolicy.personalData(actor)),
        { action: 'create', entityType: 'complaint', entityId: id, outletId: outlet.id, after },
      ];
    });
  }

  /** A new row from validated input (also used by imports and the demo). */
  newRow(o: {
    id: string;
    no: string;
    branchId: string;
    input: ComplaintCreate;
    createdBy: string | null;
    now: string;
    status?: string;
  }): repo.ComplaintRow {
    const { input } = o;
    const enc = (v: string | null | undefined) => (v ? this.cipher.encrypt(v) : null);
    const d = decisionDeadline({ receivedAt: input.receivedAt });
    return {
      id: o.id,
      no: o.no,
      branch_id: o.branchId,
      outlet_id: input.outletId,
      received_at: input.receivedAt,
      received_on: shanghaiDate(input.receivedAt),
      channel_code: input.channel,
      category_code: input.category,
      cause_code: input.cause,
      source: input.source,
      regulator_received_on: input.regulatorReceivedOn ?? null,
      forwarded_on: input.forwardedOn ?? null,
      complainant_name_enc: enc(input.complainantName),
      complainant_phone_enc: enc(input.complainantPhone),
      complainant_id_enc: enc(input.complainantIdNumber),
      staff_id: input.staffId ?? null,
      handler_id: input.handlerId ?? null,
      people_count: input.peopleCount,
      major: input.peopleCount >= MAJOR_COMPLAINT_PEOPLE ? 1 : 0,
      emergency_json: null,
      claim: input.claim,
      facts: input.facts,
      status: o.status ?? 'registered',
      clock_start_at: input.receivedAt,
      extension_level: 0,
      extension_reason: null,
      paused_since: null,
      paused_days: 0,
      decision_due_on: d.dueDate,
      due_on: d.dueDate,
      decided_at: null,
      decided_on: null,
      on_time: null,
      days_to_decision: null,
      decision_json: null,
      review_requested_at: null,
      review_due_on: null,
      review_json: null,
      merged_into_id: null,
      withdrawn_at: null,
      closed_at: null,
      root_cause: null,
      responsibility: null,
      severity: null,
      responsible_staff_id: null,
      points: null,
      created_by: o.createdBy,
      created_at: o.now,
      updated_at: o.now,
    };
  }

  private async event(
    q: Q,
    actor: Actor,
    complaintId: string,
    action: string,
    from: string | null,
    to: string,
    comment: string,
    data: object | null,
    now: string,
  ) {
    await repo.insertEvent(q, {
      id: newId(),
      complaint_id: complaintId,
      at: now,
      actor_id: actor.userId,
      actor_name: actor.displayName || actor.username,
      action,
      from_status: from,
      to_status: to,
      comment,
      data_json: data ? JSON.stringify(data) : null,
    });
  }

  filterOf(actor: Actor, f: ComplaintListQuery): repo.ComplaintFilter {
    const today = shanghaiDate(this.clock.now());
    const due =
      f.due === 'soon'
        ? { dueFrom: today, dueTo: addDays(today, 3) }
        : f.due === 'overdue'
          ? { dueTo: addDays(today, -1) }
          : {};
    return {
      branchId: actor.branchId,
      onlyOutletId: actor.outletId,
      outletId: f.outletId,
      q: f.q || undefined,
      status: f.status,
      channel: f.channel,
      category: f.category,
      cause: f.cause,
      source: f.source,
      major: f.major,
      handlerId: f.handlerId,
      staffId: f.staffId,
      fromDate: f.from,
      toDate: f.to,
      ...due,
    };
  }

  /** The users who may handle complaints of an outlet the actor sees (for the investigate step). */
  async handlers(actor: Actor, outletId: string) {
    const outlet = await repo.findOutlet(this.db, outletId);
    if (!outlet || !policy.seesOutlet(actor, outlet)) throw notFound('outlet');
    const rows = await repo.listHandlers(this.db, outlet.branch_id, outlet.id);
    return rows.map((u) => ({ id: u.id, displayName: u.display_name, role: u.role, outletId: u.outlet_id }));
  }

  async list(actor: Actor, f: ComplaintListQuery): Promise<Page<ComplaintView> & { totalCapped: boolean }> {
    const desc = f.sort.startsWith('-');
    const sort = f.sort.replace('-', '') === 'dueOn' ? 'due_on' : 'received_at';
    const { rows, total, totalCapped } = await repo.listComplaints(
      this.db,
      this.filterOf(actor, f),
      sort,
      desc,
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    const how = complaintPolicy.personalData(actor);
    return {
      items: rows.map((r) => this.view(r, how)),
      total,
      totalCapped,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  async exportList(actor: Actor, f: ComplaintListQuery): Promise<ComplaintView[]> {
    return (await this.list(actor, exportQuery(f))).items;
  }

  async get(actor: Actor, id: string): Promise<ComplaintView> {
    return this.view(await this.visible(this.db, actor, id), complaintPolicy.personalData(actor));
  }

  /** The complainant's data in clear, for roles that need it; every read is in the audit log. */
  async unmask(actor: Actor, id: string, reason: string): Promise<ComplaintView> {
    const c = await this.visible(this.db, actor, id);
    if (!complaintPolicy.unmasks(actor)) throw forbidden();
    return this.change(actor, async () => [
      this.view(c, 'clear'),
      {
        action: 'unmask',
        entityType: 'complaint',
        entityId: id,
        outletId: c.outlet_id,
        after: { no: c.no, fields: ['complainantName', 'complainantPhone', 'complainantIdNumber'], reason },
      },
    ]);
  }

  async update(actor: Actor, id: string, patch: ComplaintPatch): Promise<ComplaintView> {
    return this.change(actor, async (trx, now) => {
      const c = await this.visible(trx, actor, id);
      if (!complaintPolicy.takes(actor, 'investigate')) throw forbidden();
      await this.checkCodes(trx, patch);
      if (patch.staffId !== undefined) {
        await this.checkStaff(trx, c.outlet_id, patch.staffId, 'staffId');
        await this.checkRecusal(trx, c.handler_id, patch.staffId);
      }
      const before = this.auditView(c);
      const set: Partial<repo.ComplaintRow> = { updated_at: now };
      if (patch.channel !== undefined) set.channel_code = patch.channel;
      if (patch.category !== undefined) set.category_code = patch.category;
      if (patch.cause !== undefined) set.cause_code = patch.cause;
      if (patch.staffId !== undefined) set.staff_id = patch.staffId;
      if (patch.claim !== undefined) set.claim = patch.claim;
      if (patch.facts !== undefined) set.facts = patch.facts;
      if (patch.rootCause !== undefined) set.root_cause = patch.rootCause;
      if (patch.peopleCount !== undefined) {
        set.people_count = patch.peopleCount;
        set.major = patch.peopleCount >= MAJOR_COMPLAINT_PEOPLE ? 1 : 0;
      }
      // Personal data arrives only when re-entered (the form shows it masked): replace it, or
      // clear the optional ones with null or an empty string.
      const enc = (v: string | null | undefined) => (v ? this.cipher.encrypt(v) : null);
      if (patch.complainantName !== undefined) set.complainant_name_enc = enc(patch.complainantName);
      if (patch.complainantPhone !== undefined) set.complainant_phone_enc = enc(patch.complainantPhone);
      if (patch.complainantIdNumber !== undefined) set.complainant_id_enc = enc(patch.complainantIdNumber);
      await repo.updateComplaint(trx, id, set);
      const row = (await repo.findComplaint(trx, id))!;
      const changed = this.changedFields(c, row);
      // The case history shows that (and what) was edited; the values are in the audit log.
      if (changed.length)
        await this.event(trx, actor, id, 'update', c.status, c.status, '', { fields: changed }, now);
      return [
        this.view(row, complaintPolicy.personalData(actor)),
        {
          action: 'update',
          entityType: 'complaint',
          entityId: id,
          outletId: c.outlet_id,
          before,
          after: this.auditView(row),
        },
      ];
    });
  }

  /** Names (as in the API) of the fields an edit changed; personal data compared in clear. */
  private changedFields(before: repo.ComplaintFullRow, after: repo.ComplaintFullRow): string[] {
    const dec = (v: string | null) => (v ? this.cipher.decrypt(v) : null);
    const pairs: [string, unknown, unknown][] = [
      ['channel', before.channel_code, after.channel_code],
      ['category', before.category_code, after.category_code],
      ['cause', before.cause_code, after.cause_code],
      ['staffId', before.staff_id, after.staff_id],
      ['peopleCount', before.people_count, after.people_count],
      ['claim', before.claim, after.claim],
      ['facts', before.facts, after.facts],
      ['rootCause', before.root_cause, after.root_cause],
      ['complainantName', dec(before.complainant_name_enc), dec(after.complainant_name_enc)],
      ['complainantPhone', dec(before.complainant_phone_enc), dec(after.complainant_phone_enc)],
      ['complainantIdNumber', dec(before.complainant_id_enc), dec(after.complainant_id_enc)],
    ];
    return pairs.filter(([, a, b]) => a !== b).map(([k]) => k);
  }

  async setEmergency(actor: Actor, id: string, items: Record<string, boolean>): Promise<ComplaintView> {
    return this.change(actor, async (trx, now) => {
      const c = await this.visible(trx, actor, id);
      if (!complaintPolicy.takes(actor, 'acknowledge')) throw forbidden();
      if (c.major !== 1) throw new DomainError('INVALID_STATE');
      const known = new Set<string>(EMERGENCY_CHECKLIST.map((i) => i.key));
      const bad = Object.keys(items).filter((k) => !known.has(k));
      if (bad.length) throw fieldError(`body.items.${bad[0]}`, 'invalid');
      const state = { ...(c.emergency_json ? JSON.parse(c.emergency_json) : {}), ...items };
      await repo.updateComplaint(trx, id, { emergency_json: JSON.stringify(state), updated_at: now });
      const row = (await repo.findComplaint(trx, id))!;
      return [
        this.view(row, complaintPolicy.personalData(actor)),
        {
          action: 'emergency',
          entityType: 'complaint',
          entityId: id,
          outletId: c.outlet_id,
          after: { no: c.no, items: state },
        },
      ];
    });
  }

  // ---------------------------------------------------------------- the state machine
  async transition<A extends ComplaintAction>(
    actor: Actor,
    id: string,
    action: A,
    body: TransitionBody[A],
  ): Promise<ComplaintView> {
    return this.change(actor, async (trx, now) => {
      const c = await this.visible(trx, actor, id);
      if (!complaintPolicy.takes(actor, action)) throw forbidden();
      if (!allowedFrom(action, c.status)) {
        throw new DomainError('COMPLAINT_TRANSITION_NOT_ALLOWED', { from: c.status, action });
      }
      const before = this.auditView(c);
      const to = TRANSITIONS[action].to ?? c.status;
      const set: Partial<repo.ComplaintRow> = {};
      const data = await this.apply(trx, actor, c, action, body, set, now);
      const next = { ...c, ...set, status: to } as repo.ComplaintRow;
      const deadline = await this.deadlineColumns(trx, next);
      await repo.updateComplaint(trx, id, { ...set, ...deadline, status: to, updated_at: now });
      const comment = (body as { comment?: string }).comment ?? '';
      await this.event(trx, actor, id, action, c.status, to, comment, data, now);
      const row = (await repo.findComplaint(trx, id))!;
      return [
        this.view(row, complaintPolicy.personalData(actor)),
        {
          action,
          entityType: 'complaint',
          entityId: id,
          outletId: c.outlet_id,
          before,
          after: this.auditView(row),
        },
      ];
    });
  }

  /** The effect of one action on the row (`set`); returns the event's data. */
  private async apply(
    trx: Q,
    actor: Actor,
    c: repo.ComplaintFullRow,
    action: ComplaintAction,
    input: unknown,
    set: Partial<repo.ComplaintRow>,
    now: string,
  ): Promise<object | null> {
    const decision = (b: TransitionBody['decide']): DecisionView => ({
      factsVerified: b.factsVerified,
      basis: b.basis,
      reasons: b.reasons,
      result: b.result,
      remedies: b.remedies,
      decidedBy: actor.displayName || actor.username,
      decidedAt: now,
    });
    switch (action) {
      case 'acknowledge':
        return null;
      case 'investigate': {
        const b = input as TransitionBody['investigate'];
        const handlerId = b.handlerId ?? c.handler_id ?? actor.userId;
        await this.checkHandler(trx, { id: c.outlet_id, branch_id: c.branch_id }, handlerId);
        await this.checkRecusal(trx, handlerId, c.staff_id);
        set.handler_id = handlerId;
        return { handlerId };
      }
      case 'decide': {
        await this.checkRecusal(trx, actor.userId, c.staff_id);
        if (c.paused_since) {
          await repo.endPause(trx, c.id, now);
          set.paused_since = null;
        }
        const d = decision(input as TransitionBody['decide']);
        set.decision_json = JSON.stringify(d);
        set.decided_at = now;
        return { remedies: d.remedies };
      }
      case 'inform': {
        const b = input as TransitionBody['inform'];
        this.notInFuture(b.informedAt, 'body.informedAt');
        await repo.insertNotice(trx, {
          id: newId(),
          complaint_id: c.id,
          kind: c.review_json ? 'review_decision' : 'decision',
          method: b.method,
          informed_at: b.informedAt,
          proof: b.proof,
          recorded_by: actor.userId,
          created_at: now,
        });
        return { method: b.method, informedAt: b.informedAt };
      }
      case 'follow_up':
        return { satisfaction: (input as TransitionBody['follow_up']).satisfaction };
      case 'close': {
        const b = input as TransitionBody['close'];
        set.closed_at = now;
        if (b.rootCause) set.root_cause = b.rootCause;
        return null;
      }
      case 'withdraw':
        set.withdrawn_at = now;
        if (c.paused_since) {
          await repo.endPause(trx, c.id, now);
          set.paused_since = null;
        }
        return null;
      case 'merge': {
        const b = input as TransitionBody['merge'];
        const target = b.intoId === c.id ? undefined : await repo.findComplaint(trx, b.intoId);
        if (
          !target ||
          target.outlet_id !== c.outlet_id ||
          !(OPEN_STATUSES as readonly string[]).includes(target.status)
        ) {
          throw new DomainError('MERGE_TARGET_INVALID', {}, [
            { field: 'body.intoId', code: 'MERGE_TARGET_INVALID' },
          ]);
        }
        set.merged_into_id = target.id;
        return { intoId: target.id, intoNo: target.no };
      }
      case 'request_review': {
        const b = input as TransitionBody['request_review'];
        if (c.review_requested_at) throw new DomainError('REVIEW_ALREADY_REQUESTED');
        const at = b.requestedAt ?? now;
        this.notInFuture(at, 'body.requestedAt');
        if (!c.decided_at || !canRequestReview(c.decided_at, at)) {
          throw new DomainError('REVIEW_WINDOW_CLOSED', {
            until: c.decided_at ? reviewRequestBy(c.decided_at) : '',
          });
        }
        set.review_requested_at = at;
        set.review_due_on = reviewDueDate(at);
        return { requestedAt: at, reviewDueOn: set.review_due_on };
      }
      case 'decide_review': {
        const d = decision(input as TransitionBody['decide_review']);
        set.review_json = JSON.stringify(d);
        return { remedies: d.remedies };
      }
      case 'extend': {
        const b = input as TransitionBody['extend'];
        const today = shanghaiDate(this.clock.now());
        if (c.due_on && today > c.due_on)
          throw new DomainError('COMPLAINT_DEADLINE_PASSED', { due: c.due_on });
        const r = checkExtension(c.extension_level as ExtensionLevel, b);
        if (!r.ok) throw new DomainError(r.problem, {}, [{ field: fieldOf(r.problem), code: r.problem }]);
        set.extension_level = r.level;
        set.extension_reason = b.reason!.trim();
        if (b.complainantInformedAt) {
          this.notInFuture(b.complainantInformedAt, 'body.complainantInformedAt');
          await repo.insertNotice(trx, {
            id: newId(),
            complaint_id: c.id,
            kind: 'extension',
            method: b.informMethod ?? 'phone',
            informed_at: b.complainantInformedAt,
            proof: b.proof || b.comment || b.reason!,
            recorded_by: actor.userId,
            created_at: now,
          });
        }
        return { level: r.level, reason: b.reason, approvedBy: b.approvedBy ?? null };
      }
      case 'pause': {
        const b = input as TransitionBody['pause'];
        if (c.paused_since) throw new DomainError('COMPLAINT_PAUSE_RUNNING');
        await repo.insertPause(trx, {
          id: newId(),
          complaint_id: c.id,
          kind: b.kind,
          reason: b.reason,
          started_at: now,
          ended_at: null,
        });
        set.paused_since = now;
        return { kind: b.kind, reason: b.reason };
      }
      case 'resume':
        if (!c.paused_since) throw new DomainError('COMPLAINT_NOT_PAUSED');
        await repo.endPause(trx, c.id, now);
        set.paused_since = null;
        return null;
      case 'new_facts': {
        const b = input as TransitionBody['new_facts'];
        const at = b.receivedAt ?? now;
        this.notInFuture(at, 'body.receivedAt');
        if (at < c.received_at) throw fieldError('body.receivedAt', 'invalid');
        set.clock_start_at = at;
        return { receivedAt: at };
      }
      case 'assess': {
        const b = input as TransitionBody['assess'];
        await this.checkStaff(trx, c.outlet_id, b.responsibleStaffId, 'responsibleStaffId');
        const rule = (await repo.listRules(trx)).find(
          (r) => r.responsibility === b.responsibility && r.severity === b.severity,
        );
        set.responsibility = b.responsibility;
        set.severity = b.severity;
        set.responsible_staff_id = b.responsibleStaffId ?? c.staff_id;
        set.points = rule?.points ?? 0;
        return { responsibility: b.responsibility, severity: b.severity, points: set.points };
      }
    }
  }

  async events(actor: Actor, id: string) {
    await this.visible(this.db, actor, id);
    return (await repo.listEvents(this.db, id)).map(presentEvent);
  }

  /** The decision notice (Art. 19) with the record of how the complainant was told (Art. 21). */
  async decisionNotice(actor: Actor, id: string) {
    const c = await this.visible(this.db, actor, id);
    if (!c.decision_json) throw new DomainError('INVALID_STATE');
    const view = this.view(c, complaintPolicy.personalData(actor));
    const decision = view.decision!;
    const latest = view.review ?? decision;
    return {
      complaintId: c.id,
      no: c.no,
      outletName: c.outlet_name,
      receivedAt: c.received_at,
      complainantName: view.complainantName,
      claim: c.claim,
      decision,
      review: view.review,
      remedies: latest.remedies.map((code) => ({ code, ...REMEDY_TEXT[code] })),
      reviewRequestBy: c.decided_at && !c.review_json ? reviewRequestBy(c.decided_at) : null,
      onTime: view.onTime,
      notices: (await repo.listNotices(this.db, id)).map(presentNotice).map((n) => NoticeView.parse(n)),
    };
  }

  // ---------------------------------------------------------------- rectification (溯源整改)
  async createTask(actor: Actor, complaintId: string, input: TaskInput): Promise<TaskView> {
    return this.change(actor, async (trx, now) => {
      const c = await this.visible(trx, actor, complaintId);
      if (!complaintPolicy.takes(actor, 'close')) throw forbidden();
      await this.checkStaff(trx, c.outlet_id, input.ownerStaffId, 'ownerStaffId');
      const id = newId();
      await repo.insertTask(trx, {
        id,
        complaint_id: c.id,
        outlet_id: c.outlet_id,
        title: input.title,
        owner: input.owner,
        owner_staff_id: input.ownerStaffId ?? null,
        due_on: isoDate(input.dueOn),
        status: 'open',
        note: '',
        done_at: null,
        created_at: now,
        updated_at: now,
      });
      const after = presentTask((await repo.findTask(trx, id))!);
      return [
        after,
        { action: 'create', entityType: 'rectification_task', entityId: id, outletId: c.outlet_id, after },
      ];
    });
  }

  async updateTask(
    actor: Actor,
    taskId: string,
    patch: Partial<TaskInput> & { status?: 'open' | 'done'; note?: string },
  ): Promise<TaskView> {
    return this.change(actor, async (trx, now) => {
      const t = await repo.findTask(trx, taskId);
      if (!t || !policy.seesOutlet(actor, { id: t.outlet_id, branch_id: t.branch_id }))
        throw notFound('task');
      if (!complaintPolicy.takes(actor, 'close')) throw forbidden();
      await this.checkStaff(trx, t.outlet_id, patch.ownerStaffId, 'ownerStaffId');
      const before = presentTask(t);
      const set: Partial<repo.TaskRow> = { updated_at: now };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.owner !== undefined) set.owner = patch.owner;
      if (patch.ownerStaffId !== undefined) set.owner_staff_id = patch.ownerStaffId;
      if (patch.dueOn !== undefined) set.due_on = isoDate(patch.dueOn);
      if (patch.note !== undefined) set.note = patch.note;
      if (patch.status !== undefined) {
        set.status = patch.status;
        set.done_at = patch.status === 'done' ? now : null;
      }
      await repo.updateTask(trx, taskId, set);
      const after = presentTask((await repo.findTask(trx, taskId))!);
      return [
        after,
        {
          action: 'update',
          entityType: 'rectification_task',
          entityId: taskId,
          outletId: t.outlet_id,
          before,
          after,
        },
      ];
    });
  }

  async listTasks(
    actor: Actor,
    f: {
      page: number;
      pageSize: number;
      outletId?: string;
      complaintId?: string;
      status?: string;
      overdue?: boolean;
    },
  ): Promise<Page<TaskView>> {
    const today = shanghaiDate(this.clock.now());
    const { rows, total } = await repo.listTasks(
      this.db,
      {
        branchId: actor.branchId,
        onlyOutletId: actor.outletId,
        outletId: f.outletId,
        complaintId: f.complaintId,
        status: f.status,
        overdueBefore: f.overdue ? today : undefined,
      },
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return { items: rows.map(presentTask), total, page: f.page, pageSize: f.pageSize };
  }

  // ---------------------------------------------------------------- code tables and the holiday calendar
  async listCodes(kind?: string, active?: boolean) {
    return (await repo.listCodes(this.db, kind, active)).map(presentCode);
  }

  async createCode(
    actor: Actor,
    input: { kind: string; code: string; nameZh: string; nameEn: string; sortOrder: number },
  ) {
    if (!complaintPolicy.editsCodes(actor)) throw forbidden();
    return this.change(actor, async (trx, now) => {
      if (await repo.findCode(trx, input.kind, input.code)) {
        throw new DomainError('COMPLAINT_CODE_TAKEN', {}, [
          { field: 'body.code', code: 'COMPLAINT_CODE_TAKEN' },
        ]);
      }
      const id = newId();
      await repo.insertCode(trx, {
        id,
        kind: input.kind,
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        sort_order: input.sortOrder,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      const after = presentCode((await repo.findCodeById(trx, id))!);
      return [after, { action: 'create', entityType: 'complaint_code', entityId: id, after }];
    });
  }

  async updateCode(
    actor: Actor,
    id: string,
    patch: { nameZh?: string; nameEn?: string; sortOrder?: number; active?: boolean },
  ) {
    if (!complaintPolicy.editsCodes(actor)) throw forbidden();
    return this.change(actor, async (trx, now) => {
      const row = await repo.findCodeById(trx, id);
      if (!row) throw notFound('code');
      const before = presentCode(row);
      const set: Partial<repo.CodeRow> = { updated_at: now };
      if (patch.nameZh !== undefined) set.name_zh = patch.nameZh;
      if (patch.nameEn !== undefined) set.name_en = patch.nameEn;
      if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
      if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
      await repo.updateCode(trx, id, set);
      const after = presentCode((await repo.findCodeById(trx, id))!);
      return [after, { action: 'update', entityType: 'complaint_code', entityId: id, before, after }];
    });
  }

  async listHolidays(year?: number) {
    return (await repo.listHolidays(this.db, year)).map((h) => ({
      day: h.day,
      kind: h.kind as 'holiday' | 'workday',
      name: h.name,
    }));
  }

  /** Replaces one year of the official calendar (a new year's State Council notice). */
  async putHolidayYear(
    actor: Actor,
    year: number,
    days: { day: string; kind: 'holiday' | 'workday'; name: string }[],
  ) {
    if (!complaintPolicy.editsCodes(actor)) throw forbidden();
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    days.forEach((d, i) => {
      if (!d.day.startsWith(`${year}-`) || seen.has(d.day))
        problems.push({ field: `body.days.${i}.day`, code: 'invalid' });
      seen.add(d.day);
    });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
    return this.change(actor, async (trx, now) => {
      const before = await repo.listHolidays(trx, year);
      await repo.replaceHolidayYear(
        trx,
        year,
        days.map((d) => ({ day: d.day, kind: d.kind, name: d.name, updated_at: now })),
      );
      const after = await this.listHolidaysIn(trx, year);
      return [
        after,
        {
          action: 'update',
          entityType: 'holiday_calendar',
          entityId: String(year),
          before: { days: before.map((h) => `${h.day} ${h.kind}`) },
          after: { days: after.map((h) => `${h.day} ${h.kind}`) },
        },
      ];
    });
  }
  private async listHolidaysIn(q: Q, year: number) {
    return (await repo.listHolidays(q, year)).map((h) => ({
      day: h.day,
      kind: h.kind as 'holiday' | 'workday',
      name: h.name,
    }));
  }

  // ---------------------------------------------------------------- notifications
  /**
   * In-app notifications for what falls due: for every complaint whose running deadline is within
   * 3 days or past, one notification to its handler and to its outlet's heads, once per Beijing day
   * (idempotent: the unique key of the table drops repeats). Called at start and hourly by app.ts.
   */
  async generateDueNotifications(now: Date): Promise<number> {
    const today = shanghaiDate(now);
    const due = await repo.dueComplaints(this.db, addDays(today, 3));
    if (!due.length) return 0;
    const heads = await repo.outletHeads(this.db, [...new Set(due.map((c) => c.outlet_id))]);
    const headsOf = new Map<string, string[]>();
    for (const h of heads) headsOf.set(h.outlet_id!, [...(headsOf.get(h.outlet_id!) ?? []), h.id]);
    const at = now.toISOString();
    const rows: repo.NotificationRow[] = [];
    for (const c of due) {
      const overdue = c.due_on! < today;
      const users = new Set([...(c.handler_id ? [c.handler_id] : []), ...(headsOf.get(c.outlet_id) ?? [])]);
      for (const userId of users) {
        rows.push({
          id: newId(now.getTime()),
          user_id: userId,
          kind: overdue ? 'complaint_overdue' : 'complaint_due_soon',
          entity_type: 'complaint',
          entity_id: c.id,
          day: today,
          data_json: JSON.stringify({
            no: c.no,
            outletId: c.outlet_id,
            status: c.status,
            dueOn: c.due_on,
            daysLeft: daysLeft(today, c.due_on!),
          }),
          read_at: null,
          created_at: at,
        });
      }
    }
    return this.db.transaction().execute((trx) => repo.insertNotifications(trx, rows));
  }

  async listNotifications(actor: Actor, f: { page: number; pageSize: number; unread?: boolean }) {
    const { rows, total, unread } = await repo.listNotifications(
      this.db,
      actor.userId,
      f.unread,
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return { items: rows.map(presentNotification), total, page: f.page, pageSize: f.pageSize, unread };
  }

  async markRead(actor: Actor, ids: string[] | 'all') {
    if (ids !== 'all' && ids.length === 1) {
      const n = await repo.findNotification(this.db, ids[0]!);
      if (!n || n.user_id !== actor.userId) throw notFound('notification');
    }
    return { updated: await repo.markRead(this.db, actor.userId, ids, this.clock.now().toISOString()) };
  }
}

const daysLeft = (today: IsoDate, due: string) =>
  Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);

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

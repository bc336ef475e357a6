import {
  type Deadline,
  decisionDeadline,
  type ExtensionLevel,
  type HolidayCalendar,
  type PauseKind,
} from '@liangdian/engine';
import { beijingDate } from '@liangdian/engine/time';
import {
  allows,
  complainantVisibility,
  MAJOR_COMPLAINT_PEOPLE,
  PENDING_DECISION,
  type Permission,
} from '@liangdian/shared';
import type { Complaint, ComplaintCreate } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { randomBytes } from 'node:crypto';
import type { FieldCipher } from '../../lib/crypto';
import { DomainError, type FieldProblem, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Changes, Guard } from '../access/guard';
import { type Actor, policy } from '../access/policy';
import type { AuditEntryInput } from '../audit/audit.service';
import type { ComplainantIndex, ComplainantValues, IndexKind } from './complainant-index';
import * as indexRepo from './complainant-index.repository';
import {
  NO_PERSONAL_COLUMNS,
  type PersonalVisibility,
  personalColumns,
  presentComplaint,
} from './complaints.presenter';
import * as repo from './complaints.repository';
import { forwardingColumns, forwardingProblems, officialCalendar } from './forwarding';
import type { FilterNames } from './complaints.sheets';

export const fieldError = (field: string, code: string, params?: Record<string, string | number>) =>
  new DomainError('VALIDATION_FAILED', {}, [{ field, code, ...(params ? { params } : {}) }]);

/**
 * The one format of a complaint number, for registered, imported and demo complaints alike:
 * TS + the Beijing day received (YYYYMMDD) + 6 upper-case hex digits, random (`hex6`: the demo
 * passes a seeded one). Callers draw again while a number is taken (unique index on `no`).
 */
export const COMPLAINT_NO = /^TS\d{8}[0-9A-F]{6}$/;
export function drawComplaintNo(
  receivedOn: string,
  hex6: () => string = () => randomBytes(3).toString('hex'),
): string {
  return `TS${receivedOn.replace(/-/g, '')}${hex6().toUpperCase()}`;
}

/** Art. 18 as stored: as a whole and each part (1 in time, 0 late, null not known yet). */
export function onTimeColumns(d: Pick<Deadline, 'onTime' | 'decisionOnTime' | 'informOnTime'>) {
  const bit = (v: boolean | null) => (v === null ? null : v ? 1 : 0);
  return {
    on_time: bit(d.onTime),
    decision_on_time: bit(d.decisionOnTime),
    inform_on_time: bit(d.informOnTime),
  };
}

/**
 * Clock skew tolerated for the times of a case typed on another machine (received at, the time a
 * step happened): up to 5 minutes ahead of the server's clock.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * What every part of the complaint case relies on: finding a complaint within the actor's scope,
 * its views (masked for the audit log), the checks of what a request refers to (codes, staff,
 * handler, recusal, times), new rows and numbers, the deadline columns and the case history.
 * The services of the case (registration and editing, the steps, tasks, attachments, import)
 * share one instance.
 */
/** What the services of a complaint's case work with, handed to each of them as one. */
export interface ComplaintDeps {
  db: Kysely<DB>;
  clock: Clock;
  guard: Guard;
  changes: Changes;
  cases: ComplaintCase;
}

export class ComplaintCase {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly index: ComplainantIndex,
  ) {}

  /**
   * The complaint found by its id if its outlet is in the actor's scope (NOT_FOUND otherwise: its
   * existence is not revealed); with a permission, FORBIDDEN unless the actor has it there.
   */
  async found(q: Q, actor: Actor, id: string, permission?: Permission): Promise<repo.ComplaintFullRow> {
    const c = await repo.findComplaint(q, id);
    if (!c) throw notFound('complaint');
    this.guard.seesRecord(actor, { outletId: c.outlet_id, branchId: c.branch_id }, 'complaint');
    if (permission && !allows(actor, permission, c.outlet_id)) throw forbidden();
    return c;
  }

  /** How the actor sees the complainant's data: consultants not at all, everyone else masked. */
  personalFor = (actor: Actor): PersonalVisibility => complainantVisibility(actor);

  view(c: repo.ComplaintFullRow, how: PersonalVisibility): Complaint {
    return presentComplaint(c, this.cipher, how, this.clock.now());
  }
  /** The view of the actor. */
  viewFor(actor: Actor, c: repo.ComplaintFullRow): Complaint {
    return this.view(c, this.personalFor(actor));
  }
  /** What the audit log keeps: always masked. */
  auditView(c: repo.ComplaintFullRow): Complaint {
    return this.view(c, 'masked');
  }
  /** The audit entry of a change to a complaint. */
  auditEntry(
    action: string,
    c: { id: string; outlet_id: string },
    change: Pick<AuditEntryInput, 'before' | 'after'>,
  ): AuditEntryInput {
    return { action, entityType: 'complaint', entityId: c.id, outletId: c.outlet_id, ...change };
  }

  /** The stored columns of the complainant's data given (encrypted, and masked beside). */
  personalColumns(values: Parameters<typeof personalColumns>[1]) {
    return personalColumns(this.cipher, values);
  }

  /**
   * Fills the masked columns of the rows written before they existed (0007), a batch at a time;
   * answers how many rows it filled. Run at start: until then those rows are decrypted to show.
   */
  async fillMaskedColumns(batch = 500): Promise<number> {
    let filled = 0;
    for (;;) {
      const rows = await repo.rowsWithoutMasked(this.db, batch);
      if (!rows.length) return filled;
      for (const r of rows) {
        const clear = (enc: string | null) => (enc ? this.cipher.decrypt(enc) : null);
        const cols = this.personalColumns({
          complainantName: clear(r.complainant_name_enc),
          complainantPhone: clear(r.complainant_phone_enc),
          complainantIdNumber: clear(r.complainant_id_enc),
        });
        await repo.updateMasked(this.db, r.id, {
          complainant_name_masked: cols.complainant_name_masked ?? null,
          complainant_phone_masked: cols.complainant_phone_masked ?? null,
          complainant_id_masked: cols.complainant_id_masked ?? null,
        });
      }
      filled += rows.length;
    }
  }
  decrypt(v: string | null): string | null {
    return v ? this.cipher.decrypt(v) : null;
  }

  // ---------------------------------------------------------------- the complainant index
  /** The blind-index rows of a complaint's data (complainant-index.ts). */
  indexEntries(complaintId: string, v: ComplainantValues) {
    return this.index.entries(complaintId, v);
  }
  /** The index rows of a stored complaint replaced by those of its data as it now is. */
  async reindex(
    q: Q,
    c: Pick<
      repo.ComplaintRow,
      'id' | 'complainant_name_enc' | 'complainant_phone_enc' | 'complainant_id_enc'
    >,
  ) {
    const entries = this.indexEntries(c.id, {
      name: this.decrypt(c.complainant_name_enc),
      phone: this.decrypt(c.complainant_phone_enc),
      idNumber: this.decrypt(c.complainant_id_enc),
    });
    await indexRepo.replaceEntries(q, [c.id], entries);
  }
  /**
   * The digests a search by the complainant's data looks up. Consultants never see personal data
   * and may not search by it (403); a query too short to mean one person is refused
   * (`query.complainant`, TOO_SHORT with the minimum).
   */
  searchTerms(actor: Actor, query: string): { kind: IndexKind; digest: string }[] {
    if (this.personalFor(actor) === 'hidden') throw forbidden();
    const r = this.index.lookup(query);
    if (!r.ok) throw fieldError('query.complainant', 'TOO_SHORT', { min: r.min });
    return r.terms;
  }

  // ---------------------------------------------------------------- checks
  async checkCodes(q: Q, input: { channel?: string; category?: string; cause?: string }) {
    const problems: FieldProblem[] = [];
    for (const kind of ['channel', 'category', 'cause'] as const) {
      const value = input[kind];
      if (value === undefined) continue;
      const code = await repo.findCode(q, kind, value);
      if (code?.active !== 1)
        problems.push({ field: `body.${kind}`, code: 'UNKNOWN_CODE', params: { value } });
    }
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
  }

  async checkStaff(q: Q, outletId: string, staffId: string | null | undefined, field: string) {
    if (!staffId) return null;
    const s = await repo.findStaff(q, staffId);
    if (!s || s.outlet_id !== outletId)
      throw fieldError(`body.${field}`, 'NOT_IN_OUTLET', { value: staffId });
    return s;
  }

  /**
   * Art. 17 recusal, by identity: the handler may not be the staff member complained about — the
   * user whose login is linked to that staff record (users.staff_id), whatever their names.
   */
  async checkRecusal(q: Q, handlerUserId: string | null | undefined, staffId: string | null | undefined) {
    if (!handlerUserId || !staffId) return;
    const u = await repo.findUser(q, handlerUserId);
    if (u?.staff_id === staffId) {
      throw new DomainError('COMPLAINT_HANDLER_RECUSED', {}, [
        { field: 'body.handlerId', code: 'COMPLAINT_HANDLER_RECUSED' },
      ]);
    }
  }

  /**
   * Art. 17: the person complained about takes no step on their own case — no decision, no
   * extension, no pause, no withdrawal, no edit, no task or attachment, no unmasking of the
   * complainant (FORBIDDEN with its own code). Reading it stays as the role allows.
   */
  notRecused(actor: Actor, c: { staff_id: string | null }) {
    if (actor.staffId && c.staff_id && actor.staffId === c.staff_id)
      throw new DomainError('COMPLAINT_RECUSED');
  }

  async checkHandler(q: Q, outlet: { id: string; branch_id: string }, handlerId: string) {
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

  /**
   * Art. 33: a regulator case's dates must be possible — the regulator received it on or before
   * the bank did, and forwarded it on or after it received it (VALIDATION_FAILED naming each field).
   */
  checkForwarding(d: { regulatorReceivedOn: string | null; forwardedOn: string | null; receivedAt: string }) {
    const problems = forwardingProblems({ ...d, receivedOn: beijingDate(d.receivedAt) });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
  }

  /** The official calendar the working-day deadlines count on (read once per command). */
  calendar(q: Q): Promise<HolidayCalendar> {
    return officialCalendar(q);
  }

  notInFuture(at: string, field: string) {
    if (Date.parse(at) > this.clock.now().getTime() + FUTURE_TOLERANCE_MS)
      throw fieldError(field, 'IN_THE_FUTURE');
  }

  // ---------------------------------------------------------------- rows
  /** A complaint number in the one format (drawComplaintNo). */
  drawNo(receivedOn: string): string {
    return drawComplaintNo(receivedOn);
  }

  async newNo(q: Q, receivedOn: string) {
    for (;;) {
      const no = this.drawNo(receivedOn);
      if (!(await repo.complaintNoTaken(q, no))) return no;
    }
  }

  /** A new row from validated input (registration and import), on the official calendar. */
  newRow(o: {
    id: string;
    no: string;
    branchId: string;
    input: ComplaintCreate;
    createdBy: string | null;
    now: string;
    calendar: HolidayCalendar;
  }): repo.ComplaintRow {
    const { input } = o;
    const d = decisionDeadline({ receivedAt: input.receivedAt });
    const forwarding = {
      source: input.source,
      regulator_received_on: input.regulatorReceivedOn ?? null,
      forwarded_on: input.forwardedOn ?? null,
    };
    return {
      id: o.id,
      no: o.no,
      branch_id: o.branchId,
      outlet_id: input.outletId,
      received_at: input.receivedAt,
      received_on: beijingDate(input.receivedAt),
      channel_code: input.channel,
      category_code: input.category,
      cause_code: input.cause,
      ...forwarding,
      ...forwardingColumns(forwarding, o.calendar),
      ...NO_PERSONAL_COLUMNS,
      ...this.personalColumns({
        complainantName: input.complainantName,
        complainantPhone: input.complainantPhone,
        complainantIdNumber: input.complainantIdNumber ?? null,
      }),
      staff_id: input.staffId ?? null,
      handler_id: input.handlerId ?? null,
      people_count: input.peopleCount,
      major: input.peopleCount >= MAJOR_COMPLAINT_PEOPLE ? 1 : 0,
      emergency_json: null,
      claim: input.claim,
      facts: input.facts,
      status: 'registered',
      clock_start_at: input.receivedAt,
      extension_level: 0,
      extension_reason: null,
      paused_since: null,
      paused_days: 0,
      decision_due_on: d.dueDate,
      due_on: d.dueDate,
      decided_at: null,
      decided_on: null,
      informed_at: null,
      on_time: null,
      decision_on_time: null,
      inform_on_time: null,
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

  /**
   * The deadline columns of a complaint after a change (engine: decisionDeadline). The deadline
   * of Art. 18 runs until the complainant is told of the decision, so it stays due while a
   * decision waits to be told; in review the review's deadline runs.
   */
  async deadlineColumns(q: Q, c: repo.ComplaintRow): Promise<Partial<repo.ComplaintRow>> {
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
      informedAt: c.informed_at,
    });
    const pending = (PENDING_DECISION as readonly string[]).includes(c.status);
    const toTell = c.status === 'decided' && !c.review_json && !c.informed_at;
    return {
      paused_days: d.pausedDays,
      decision_due_on: d.dueDate ?? (d.paused ? null : c.decision_due_on),
      due_on: pending || toTell ? d.dueDate : c.status === 'review' ? c.review_due_on : null,
      ...onTimeColumns(d),
      days_to_decision: d.daysToDecision,
      decided_on: d.decidedDate,
    };
  }

  /**
   * The names a filter line shows for the ids a list was filtered by, where the actor sees them
   * (an id out of scope stays an id: its name is not revealed).
   */
  async filterNames(
    actor: Actor,
    f: { outletId?: string; handlerId?: string; staffId?: string; complaintId?: string },
  ): Promise<FilterNames> {
    const names: FilterNames = {};
    const q = this.db;
    const seen = async (outletId: string) => {
      const o = await repo.findOutlet(q, outletId);
      return o && policy.seesOutlet(actor, o) ? o : undefined;
    };
    if (f.outletId) names.outlet = (await seen(f.outletId))?.name;
    if (f.handlerId) {
      const u = await repo.findUser(q, f.handlerId);
      if (u && u.branch_id === actor.branchId && (u.outlet_id === null || (await seen(u.outlet_id))))
        names.handler = u.display_name;
    }
    if (f.staffId) {
      const s = await repo.findStaff(q, f.staffId);
      if (s && (await seen(s.outlet_id))) names.staff = s.name;
    }
    if (f.complaintId) {
      const c = await repo.findComplaint(q, f.complaintId);
      if (c && policy.seesOutlet(actor, { id: c.outlet_id, branch_id: c.branch_id })) names.complaint = c.no;
    }
    return names;
  }

  /** An entry of the case history (what the detail page shows; the values are in the audit log). */
  async recordEvent(
    q: Q,
    actor: Actor,
    e: {
      complaintId: string;
      action: string;
      from: string | null;
      to: string;
      comment?: string;
      data?: object | null;
      /** when it happened, if earlier than now */
      at?: string;
    },
    now: string,
  ) {
    await repo.insertEvent(q, {
      id: newId(),
      complaint_id: e.complaintId,
      at: e.at ?? now,
      recorded_at: now,
      actor_id: actor.userId,
      actor_name: actor.displayName || actor.username,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      comment: e.comment ?? '',
      data_json: e.data ? JSON.stringify(e.data) : null,
    });
  }
}

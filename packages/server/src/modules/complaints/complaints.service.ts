import { pageWindow } from '../../lib/paging';
import { addDays, beijingDate } from '@liangdian/engine/time';
import { EMERGENCY_CHECKLIST, MAJOR_COMPLAINT_PEOPLE, takesStep } from '@liangdian/shared';
import type {
  Complaint,
  ComplaintCreate,
  ComplaintHandler,
  ComplaintListQuery,
  ComplaintPatch,
} from '@liangdian/shared/api';
import { DomainError, forbidden } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import type { Q } from '../../db/types';
import type { Actor } from '../access/policy';
import { fieldError, type ComplaintDeps } from './complaint-case';
import { presentEvent } from './complaints.presenter';
import * as repo from './complaints.repository';
import { forwardingColumns } from './forwarding';

/**
 * The kinds of record a page of the complaint list is made from: the complaints, and the names it
 * joins (outlets, staff, handlers, code tables) and the calendar its forwarding deadlines count on.
 * Their audit entries are the page's data version.
 */
const LIST_SHOWS = ['complaint', 'complaint_code', 'outlet', 'staff', 'user', 'holiday_calendar'] as const;

/**
 * The complaint case (谅点): registration, the list and one complaint, editing, the audited
 * unmasking of personal data (encrypted at rest), the emergency plan of a major complaint, the
 * case history. The decision notice is decision-notice.service, the steps of the process
 * complaint-steps.service.
 */
export class ComplaintsService {
  constructor(private readonly deps: ComplaintDeps) {}

  // ---------------------------------------------------------------- registration
  async create(actor: Actor, input: ComplaintCreate): Promise<Complaint> {
    return this.deps.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const outlet = await this.deps.guard.requireOutlet(actor, input.outletId, 'complaints.register', trx);
      await this.deps.cases.checkCodes(trx, input);
      this.deps.cases.notInFuture(input.receivedAt, 'body.receivedAt');
      if (input.source === 'regulator' && !input.forwardedOn)
        throw fieldError('body.forwardedOn', 'FORWARDED_ON_REQUIRED');
      if (input.source !== 'regulator' && (input.regulatorReceivedOn || input.forwardedOn))
        throw fieldError(
          input.forwardedOn ? 'body.forwardedOn' : 'body.regulatorReceivedOn',
          'REGULATOR_ONLY',
        );
      this.deps.cases.checkForwarding({
        regulatorReceivedOn: input.regulatorReceivedOn ?? null,
        forwardedOn: input.forwardedOn ?? null,
        receivedAt: input.receivedAt,
      });
      await this.deps.cases.checkStaff(trx, outlet.id, input.staffId, 'staffId');
      if (input.handlerId) {
        await this.deps.cases.checkHandler(trx, outlet, input.handlerId);
        await this.deps.cases.checkRecusal(trx, input.handlerId, input.staffId);
      }
      const id = newId();
      const row = this.deps.cases.newRow({
        id,
        no: await this.deps.cases.newNo(trx, beijingDate(input.receivedAt)),
        branchId: outlet.branch_id,
        input,
        createdBy: actor.userId,
        now,
        calendar: await this.deps.cases.calendar(trx),
      });
      await repo.insertComplaint(trx, { ...row, ...(await this.deps.cases.deadlineColumns(trx, row)) });
      await this.deps.cases.reindex(trx, row);
      const data = { source: input.source };
      await this.deps.cases.recordEvent(
        trx,
        actor,
        // it happened when the complaint was received; recorded now
        { complaintId: id, action: 'register', from: null, to: 'registered', data, at: input.receivedAt },
        now,
      );
      const saved = (await repo.findComplaint(trx, id))!;
      return [
        this.deps.cases.viewFor(actor, saved),
        this.deps.cases.auditEntry('create', saved, { after: this.deps.cases.auditView(saved) }),
      ];
    });
  }

  // ---------------------------------------------------------------- reading
  private filterOf(actor: Actor, f: ComplaintListQuery): repo.ComplaintFilter {
    const today = beijingDate(this.deps.clock.now());
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
      // digests, not the text: the filter is part of the answer cache's key
      complainant: f.complainant ? this.deps.cases.searchTerms(actor, f.complainant) : undefined,
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
      ...(f.forwarding ? { forwarding: { late: f.forwarding === 'late', today } } : {}),
    };
  }

  async list(actor: Actor, f: ComplaintListQuery): Promise<Page<Complaint> & { totalCapped: boolean }> {
    await this.deps.guard.listScope(actor, f.outletId);
    const desc = f.sort.startsWith('-');
    const sort = f.sort.replace('-', '') === 'dueOn' ? 'due_on' : 'received_at';
    const { rows, total, totalCapped } = await repo.listComplaints(
      this.deps.db,
      this.filterOf(actor, f),
      sort,
      desc,
      ...pageWindow(f),
    );
    const how = this.deps.cases.personalFor(actor);
    return {
      items: rows.map((r) => this.deps.cases.view(r, how)),
      total,
      totalCapped,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  /**
   * The key of a page of `list` in the answer cache (http/answer-cache.ts): everything the page is
   * made from — the version of the records it shows (read first), the Beijing date its deadlines count from, what
   * the actor may see and the filter their scope makes — so that equal keys mean equal answers.
   * Refuses an outlet outside the actor's scope as `list` does.
   */
  async listKey(actor: Actor, f: ComplaintListQuery): Promise<string> {
    const version = await this.deps.changes.versionOf(LIST_SHOWS);
    await this.deps.guard.listScope(actor, f.outletId);
    return JSON.stringify([
      'complaints',
      version,
      beijingDate(this.deps.clock.now()),
      this.deps.cases.personalFor(actor),
      this.filterOf(actor, f),
      f.sort,
      f.page,
      f.pageSize,
    ]);
  }

  /**
   * A search by the complainant's data in the audit log: who searched, and the kinds the query was
   * read as (name, phone, phone_last4, id_number), never the value. The routes call it once per
   * request (before the page's cache key, before an export); refuses as the list would.
   */
  async recordSearch(actor: Actor, f: Pick<ComplaintListQuery, 'complainant' | 'outletId'>): Promise<void> {
    if (!f.complainant) return;
    const kinds = this.deps.cases.searchTerms(actor, f.complainant).map((t) => t.kind);
    await this.deps.changes.run(actor, async () => [
      undefined,
      {
        action: 'search',
        entityType: 'complaint_search',
        entityId: 'complainant',
        outletId: f.outletId ?? actor.outletId ?? null,
        after: { kinds },
      },
    ]);
  }

  async get(actor: Actor, id: string): Promise<Complaint> {
    return this.deps.cases.viewFor(actor, await this.deps.cases.found(this.deps.db, actor, id));
  }

  /** The users who may handle complaints of an outlet the actor sees (for the investigate step). */
  async handlers(actor: Actor, outletId: string): Promise<ComplaintHandler[]> {
    const outlet = await this.deps.guard.requireOutlet(actor, outletId);
    const rows = await repo.listHandlers(this.deps.db, outlet.branch_id, outlet.id);
    return rows.map((u) => ({
      id: u.id,
      displayName: u.display_name,
      role: u.role as ComplaintHandler['role'],
      outletId: u.outlet_id,
    }));
  }

  async events(actor: Actor, id: string) {
    await this.deps.cases.found(this.deps.db, actor, id);
    return (await repo.listEvents(this.deps.db, id)).map(presentEvent);
  }

  /** The complainant's data in clear, for roles that need it; every read is in the audit log. */
  async unmask(actor: Actor, id: string, reason: string): Promise<Complaint> {
    const c = await this.deps.cases.found(this.deps.db, actor, id, 'complaints.unmask');
    this.deps.cases.notRecused(actor, c);
    const fields = ['complainantName', 'complainantPhone', 'complainantIdNumber'];
    return this.deps.changes.run(actor, async () => [
      this.deps.cases.view(c, 'clear'),
      this.deps.cases.auditEntry('unmask', c, { after: { no: c.no, fields, reason } }),
    ]);
  }

  // ---------------------------------------------------------------- editing
  async update(actor: Actor, id: string, patch: ComplaintPatch): Promise<Complaint> {
    return this.deps.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const c = await this.deps.cases.found(trx, actor, id, 'complaints.edit');
      this.deps.cases.notRecused(actor, c);
      await this.deps.cases.checkCodes(trx, patch);
      if (patch.staffId !== undefined) {
        await this.deps.cases.checkStaff(trx, c.outlet_id, patch.staffId, 'staffId');
        await this.deps.cases.checkRecusal(trx, c.handler_id, patch.staffId);
      }
      const before = this.deps.cases.auditView(c);
      const forwarding = await this.editedForwarding(trx, c, patch);
      await repo.updateComplaint(trx, id, { ...this.editedColumns(patch), ...forwarding, updated_at: now });
      const row = (await repo.findComplaint(trx, id))!;
      if (
        patch.complainantName !== undefined ||
        patch.complainantPhone !== undefined ||
        patch.complainantIdNumber !== undefined
      )
        await this.deps.cases.reindex(trx, row);
      const changed = this.changedFields(c, row);
      // The case history shows that (and what) was edited; the values are in the audit log.
      if (changed.length) {
        const e = {
          complaintId: id,
          action: 'update',
          from: c.status,
          to: c.status,
          data: { fields: changed },
        };
        await this.deps.cases.recordEvent(trx, actor, e, now);
      }
      return [
        this.deps.cases.viewFor(actor, row),
        this.deps.cases.auditEntry('update', c, { before, after: this.deps.cases.auditView(row) }),
      ];
    });
  }

  /**
   * The regulator's dates an edit sets, checked against the case, with the forwarding deadline
   * they make (Art. 33); nothing when the edit leaves both out.
   */
  private async editedForwarding(
    q: Q,
    c: repo.ComplaintFullRow,
    patch: ComplaintPatch,
  ): Promise<Partial<repo.ComplaintRow>> {
    if (patch.regulatorReceivedOn === undefined && patch.forwardedOn === undefined) return {};
    if (c.source !== 'regulator')
      throw fieldError(
        patch.forwardedOn !== undefined ? 'body.forwardedOn' : 'body.regulatorReceivedOn',
        'REGULATOR_ONLY',
      );
    const dates = {
      source: c.source,
      regulator_received_on:
        patch.regulatorReceivedOn === undefined ? c.regulator_received_on : patch.regulatorReceivedOn,
      forwarded_on: patch.forwardedOn === undefined ? c.forwarded_on : patch.forwardedOn,
    };
    if (!dates.forwarded_on) throw fieldError('body.forwardedOn', 'FORWARDED_ON_REQUIRED');
    this.deps.cases.checkForwarding({
      regulatorReceivedOn: dates.regulator_received_on,
      forwardedOn: dates.forwarded_on,
      receivedAt: c.received_at,
    });
    return { ...dates, ...forwardingColumns(dates, await this.deps.cases.calendar(q)) };
  }

  private editedColumns(patch: ComplaintPatch): Partial<repo.ComplaintRow> {
    const set: Partial<repo.ComplaintRow> = {};
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
    return {
      ...set,
      ...this.deps.cases.personalColumns({
        complainantName: patch.complainantName,
        complainantPhone: patch.complainantPhone,
        complainantIdNumber: patch.complainantIdNumber,
      }),
    };
  }

  /** Names (as in the API) of the fields an edit changed; personal data compared in clear. */
  private changedFields(before: repo.ComplaintFullRow, after: repo.ComplaintFullRow): string[] {
    const dec = (v: string | null) => this.deps.cases.decrypt(v);
    const pairs: [string, unknown, unknown][] = [
      ['channel', before.channel_code, after.channel_code],
      ['category', before.category_code, after.category_code],
      ['cause', before.cause_code, after.cause_code],
      ['staffId', before.staff_id, after.staff_id],
      ['peopleCount', before.people_count, after.people_count],
      ['claim', before.claim, after.claim],
      ['facts', before.facts, after.facts],
      ['rootCause', before.root_cause, after.root_cause],
      ['regulatorReceivedOn', before.regulator_received_on, after.regulator_received_on],
      ['forwardedOn', before.forwarded_on, after.forwarded_on],
      ['complainantName', dec(before.complainant_name_enc), dec(after.complainant_name_enc)],
      ['complainantPhone', dec(before.complainant_phone_enc), dec(after.complainant_phone_enc)],
      ['complainantIdNumber', dec(before.complainant_id_enc), dec(after.complainant_id_enc)],
    ];
    return pairs.filter(([, a, b]) => a !== b).map(([k]) => k);
  }

  /** Ticks items of the emergency-plan checklist of a major complaint (Art. 29). */
  async setEmergency(actor: Actor, id: string, items: Record<string, boolean>): Promise<Complaint> {
    return this.deps.changes.run(actor, async (trx, at) => {
      const c = await this.deps.cases.found(trx, actor, id);
      this.deps.cases.notRecused(actor, c);
      if (!takesStep(actor, 'acknowledge')) throw forbidden();
      if (c.major !== 1) throw new DomainError('INVALID_STATE');
      const known = new Set<string>(EMERGENCY_CHECKLIST.map((i) => i.key));
      const bad = Object.keys(items).filter((k) => !known.has(k));
      if (bad.length) throw fieldError(`body.items.${bad[0]}`, 'invalid');
      const state = { ...(c.emergency_json ? JSON.parse(c.emergency_json) : {}), ...items };
      await repo.updateComplaint(trx, id, {
        emergency_json: JSON.stringify(state),
        updated_at: at.toISOString(),
      });
      const row = (await repo.findComplaint(trx, id))!;
      return [
        this.deps.cases.viewFor(actor, row),
        this.deps.cases.auditEntry('emergency', c, { after: { no: c.no, items: state } }),
      ];
    });
  }
}

import type {
  ElasticPut,
  LeaveCreate,
  LeaveListQuery,
  PreferenceCreate,
  PreferenceListQuery,
  RosterRules,
  RosterRulesView,
  StaffElastic,
  StaffLeave,
  StaffPreference,
} from '@liangdian/shared/api';
import type { Page } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import { DomainError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { pageWindow } from '../../lib/paging';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import { DEFAULT_RULES, minutesOf, type StoredLabour } from './roster.defaults';
import { presentElastic, presentLeave, presentPreference } from './roster.presenter';
import * as repo from './roster.repository';

/** The columns of a leave record a create or a change writes. */
const leaveColumns = (staffId: string, input: LeaveCreate) => ({
  staff_id: staffId,
  kind: input.kind,
  from_day: input.fromDay,
  to_day: input.toDay,
  from_time: input.fromTime,
  to_time: input.toTime,
  note: input.note,
});

const rangeError = (field: string) =>
  new DomainError('VALIDATION_FAILED', {}, [{ field: `body.${field}`, code: 'ROSTER_RANGE_INVALID' }]);

/** The rules document from its row (the outlet's or the branch's). */
export function rulesOfRow(row: repo.RulesRow): RosterRules {
  const labour = JSON.parse(row.labour_json) as StoredLabour;
  return {
    labour: labour.labour,
    hours: labour.hours,
    weights: labour.weights,
    shifts: JSON.parse(row.shifts_json) as RosterRules['shifts'],
    splitShiftsAllowed: row.split_shifts === 1,
  };
}

const DEFAULT_VIEW: RosterRulesView = {
  source: 'default',
  rules: DEFAULT_RULES,
  updatedBy: null,
  updatedAt: null,
  defaults: DEFAULT_RULES,
};

/** Checks what the schema cannot: the ranges inside the rules. */
function checkRules(r: RosterRules) {
  r.hours.forEach((h, i) => {
    if (!h.closed && minutesOf(h.close) <= minutesOf(h.open)) throw rangeError(`hours.${i}.close`);
  });
  r.shifts.forEach((s, i) => {
    const b = s.mealBreak;
    if (b && minutesOf(b.window[1]) <= minutesOf(b.window[0]))
      throw rangeError(`shifts.${i}.mealBreak.window`);
  });
  const roles = new Set<string>();
  r.shifts.forEach((s, i) => {
    if (roles.has(s.role))
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: `body.shifts.${i}.role`, code: 'DUPLICATE' }]);
    roles.add(s.role);
  });
  if (new Set(r.hours.map((h) => h.weekday)).size !== 7)
    throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.hours', code: 'DUPLICATE' }]);
}

/** Checks a leave record's days and hours (the end after the start, hours both or neither). */
function checkLeave(input: LeaveCreate) {
  if (input.toDay < input.fromDay) throw rangeError('toDay');
  if ((input.fromTime === null) !== (input.toTime === null))
    throw rangeError(input.fromTime ? 'toTime' : 'fromTime');
  if (input.fromTime && input.toTime && minutesOf(input.toTime) <= minutesOf(input.fromTime))
    throw rangeError('toTime');
}

/**
 * Rules (排班规则), leave and unavailability (请假与不可用), preferences and elastic staff
 * (意愿与弹性): what the roster problem is built from, edited by the outlet head (roster.edit).
 */
export class RosterRulesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly changes: Changes,
  ) {}

  /** The rules an outlet runs on: its own, else its branch's, else the defaults. */
  async effectiveRules(q: Q, outlet: { id: string; branch_id: string }): Promise<RosterRulesView> {
    const own = await repo.findRules(q, outlet.id);
    const row = own ?? (await repo.findRules(q, outlet.branch_id));
    if (!row) return DEFAULT_VIEW;
    return {
      source: own ? 'outlet' : 'branch',
      rules: rulesOfRow(row),
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      defaults: DEFAULT_RULES,
    };
  }

  async getRules(actor: Actor, outletId: string): Promise<RosterRulesView> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.read');
    return this.effectiveRules(this.db, o);
  }

  async getBranchRules(actor: Actor): Promise<RosterRulesView> {
    this.guard.require(actor, 'roster.read');
    const row = await repo.findRules(this.db, actor.branchId);
    if (!row) return DEFAULT_VIEW;
    return {
      source: 'branch',
      rules: rulesOfRow(row),
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      defaults: DEFAULT_RULES,
    };
  }

  putRules(actor: Actor, outletId: string, rules: RosterRules) {
    return this.write(actor, rules, async (trx) => {
      const o = await this.guard.requireOutlet(actor, outletId, 'roster.edit', trx);
      return { scopeId: o.id, branchId: o.branch_id, outletId: o.id };
    });
  }

  putBranchRules(actor: Actor, rules: RosterRules) {
    if (actor.outletId !== null) this.guard.require(actor, 'outlet.create');
    this.guard.require(actor, 'roster.edit');
    return this.write(actor, rules, async () => ({
      scopeId: actor.branchId,
      branchId: actor.branchId,
      outletId: null,
    }));
  }

  private write(
    actor: Actor,
    rules: RosterRules,
    scope: (trx: Q) => Promise<{ scopeId: string; branchId: string; outletId: string | null }>,
  ): Promise<RosterRulesView> {
    checkRules(rules);
    return this.changes.run(actor, async (trx, at) => {
      const s = await scope(trx);
      const before = await repo.findRules(trx, s.scopeId);
      const stored: StoredLabour = { labour: rules.labour, hours: rules.hours, weights: rules.weights };
      await repo.upsertRules(trx, {
        scope_id: s.scopeId,
        branch_id: s.branchId,
        outlet_id: s.outletId,
        labour_json: JSON.stringify(stored),
        shifts_json: JSON.stringify(rules.shifts),
        split_shifts: rules.splitShiftsAllowed ? 1 : 0,
        updated_by: actor.displayName,
        updated_at: at.toISOString(),
      });
      const view: RosterRulesView = {
        source: s.outletId ? 'outlet' : 'branch',
        rules,
        updatedBy: actor.displayName,
        updatedAt: at.toISOString(),
        defaults: DEFAULT_RULES,
      };
      return [
        view,
        {
          action: before ? 'update' : 'create',
          entityType: 'roster_rules',
          entityId: s.scopeId,
          outletId: s.outletId,
          before: before ? rulesOfRow(before) : null,
          after: rules,
        },
      ];
    });
  }

  // ---------------------------------------------------------------- leave
  async listLeave(actor: Actor, outletId: string, f: LeaveListQuery): Promise<Page<StaffLeave>> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.read');
    const { rows, total } = await repo.listLeave(this.db, { outletId, ...f }, ...pageWindow(f));
    return { items: rows.map((r) => presentLeave(r, o.name)), total, page: f.page, pageSize: f.pageSize };
  }

  private async staffOfOutlet(q: Q, outletId: string, staffId: string) {
    const s = await repo.findStaff(q, staffId);
    if (!s || s.outlet_id !== outletId || s.active !== 1)
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'body.staffId', code: 'STAFF_NOT_IN_OUTLET' },
      ]);
    return s;
  }

  createLeave(actor: Actor, outletId: string, input: LeaveCreate): Promise<StaffLeave> {
    checkLeave(input);
    return this.changes.run(actor, async (trx, at) => {
      const o = await this.guard.requireOutlet(actor, outletId, 'roster.edit', trx);
      const s = await this.staffOfOutlet(trx, outletId, input.staffId);
      const row: repo.LeaveRow = {
        id: newId(at.getTime()),
        outlet_id: outletId,
        ...leaveColumns(s.id, input),
        created_by: actor.displayName,
        created_at: at.toISOString(),
      };
      await repo.insertLeave(trx, row);
      const view = presentLeave({ ...row, staff_name: s.name }, o.name);
      return [view, { action: 'create', entityType: 'staff_leave', entityId: row.id, outletId, after: view }];
    });
  }

  /** Changes a leave record (person, kind, days, hours, note); audited with before and after. */
  updateLeave(actor: Actor, outletId: string, id: string, input: LeaveCreate): Promise<StaffLeave> {
    checkLeave(input);
    return this.changes.run(actor, async (trx) => {
      const o = await this.guard.requireOutlet(actor, outletId, 'roster.edit', trx);
      const before = await repo.findLeave(trx, outletId, id);
      if (!before) throw notFound('staff_leave');
      const s = await this.staffOfOutlet(trx, outletId, input.staffId);
      const set = leaveColumns(s.id, input);
      await repo.updateLeave(trx, id, set);
      const view = presentLeave({ ...before, ...set, staff_name: s.name }, o.name);
      return [
        view,
        { action: 'update', entityType: 'staff_leave', entityId: id, outletId, before, after: view },
      ];
    });
  }

  deleteLeave(actor: Actor, outletId: string, id: string): Promise<void> {
    return this.changes.run(actor, async (trx) => {
      await this.guard.requireOutlet(actor, outletId, 'roster.edit', trx);
      const before = await repo.findLeave(trx, outletId, id);
      if (!before) throw notFound('staff_leave');
      await repo.deleteLeave(trx, id);
      return [undefined, { action: 'delete', entityType: 'staff_leave', entityId: id, outletId, before }];
    });
  }

  // ---------------------------------------------------------------- preferences
  async listPreferences(
    actor: Actor,
    outletId: string,
    f: PreferenceListQuery,
  ): Promise<Page<StaffPreference>> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.read');
    const { rows, total } = await repo.listPreferences(this.db, outletId, f.staffId, ...pageWindow(f));
    return {
      items: rows.map((r) => presentPreference(r, o.name)),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  createPreference(actor: Actor, outletId: string, input: PreferenceCreate): Promise<StaffPreference> {
    if ((input.fromTime === null) !== (input.toTime === null))
      throw rangeError(input.fromTime ? 'toTime' : 'fromTime');
    if (input.fromTime && input.toTime && minutesOf(input.toTime) <= minutesOf(input.fromTime))
      throw rangeError('toTime');
    return this.changes.run(actor, async (trx, at) => {
      const o = await this.guard.requireOutlet(actor, outletId, 'roster.edit', trx);
      const s = await this.staffOfOutlet(trx, outletId, input.staffId);
      const same = (await repo.preferencesOf(trx, outletId)).find(
        (p) =>
          p.staff_id === s.id &&
          p.weekday === input.weekday &&
          p.from_time === input.fromTime &&
          p.to_time === input.toTime,
      );
      if (same)
        throw new DomainError('ROSTER_PREFERENCE_EXISTS', {
          name: s.name,
          kindZh: same.kind === 'wanted' ? '希望' : '不希望',
          kindEn: same.kind === 'wanted' ? 'wanted' : 'unwanted',
        });
      const row: repo.PreferenceRow = {
        id: newId(at.getTime()),
        outlet_id: outletId,
        staff_id: s.id,
        kind: input.kind,
        weekday: input.weekday,
        from_time: input.fromTime,
        to_time: input.toTime,
        weight: input.weight,
        created_by: actor.displayName,
        created_at: at.toISOString(),
      };
      await repo.insertPreference(trx, row);
      const view = presentPreference({ ...row, staff_name: s.name }, o.name);
      return [
        view,
        { action: 'create', entityType: 'staff_preference', entityId: row.id, outletId, after: view },
      ];
    });
  }

  deletePreference(actor: Actor, outletId: string, id: string): Promise<void> {
    return this.changes.run(actor, async (trx) => {
      await this.guard.requireOutlet(actor, outletId, 'roster.edit', trx);
      const before = await repo.findPreference(trx, outletId, id);
      if (!before) throw notFound('staff_preference');
      await repo.deletePreference(trx, id);
      return [
        undefined,
        { action: 'delete', entityType: 'staff_preference', entityId: id, outletId, before },
      ];
    });
  }

  // ---------------------------------------------------------------- elastic
  async listElastic(actor: Actor, outletId: string): Promise<StaffElastic[]> {
    await this.guard.requireOutlet(actor, outletId, 'roster.read');
    const [staff, flags] = await Promise.all([
      repo.activeStaff(this.db, outletId),
      repo.elasticOf(this.db, outletId),
    ]);
    const by = new Map(flags.map((f) => [f.staff_id, f]));
    return staff.map((s) => presentElastic(s, by.get(s.id)));
  }

  putElastic(actor: Actor, outletId: string, staffId: string, input: ElasticPut): Promise<StaffElastic> {
    if ((input.windowFrom === null) !== (input.windowTo === null))
      throw rangeError(input.windowFrom ? 'windowTo' : 'windowFrom');
    if (input.windowFrom && input.windowTo && minutesOf(input.windowTo) <= minutesOf(input.windowFrom))
      throw rangeError('windowTo');
    return this.changes.run(actor, async (trx, at) => {
      await this.guard.requireOutlet(actor, outletId, 'roster.edit', trx);
      const s = (await repo.activeStaff(trx, outletId)).find((x) => x.id === staffId);
      if (!s) throw notFound('staff');
      const before = (await repo.elasticOf(trx, outletId)).find((x) => x.staff_id === staffId) ?? null;
      const row: repo.ElasticRow = {
        staff_id: staffId,
        outlet_id: outletId,
        elastic: input.elastic ? 1 : 0,
        window_from: input.windowFrom,
        window_to: input.windowTo,
        max_weekly_minutes: input.maxWeeklyHours === null ? null : Math.round(input.maxWeeklyHours * 60),
        updated_by: actor.displayName,
        updated_at: at.toISOString(),
      };
      await repo.upsertElastic(trx, row);
      const view = presentElastic(s, row);
      return [
        view,
        { action: 'update', entityType: 'staff_elastic', entityId: staffId, outletId, before, after: view },
      ];
    });
  }
}

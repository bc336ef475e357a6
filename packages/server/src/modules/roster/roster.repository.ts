import type { Insertable, Selectable } from 'kysely';
import type { DB, Q } from '../../db/types';

/** All SQL of rosters (migration 0018): rules, leave, preferences, elastic flags, rosters, shifts. */

export type RulesRow = Selectable<DB['roster_rules']>;
export type LeaveRow = Selectable<DB['staff_leave']>;
export type PreferenceRow = Selectable<DB['staff_preferences']>;
export type ElasticRow = Selectable<DB['staff_elastic']>;
export type RosterRow = Selectable<DB['rosters']>;
export type ShiftRow = Selectable<DB['roster_shifts']>;

// ---------------------------------------------------------------- rules
export const findRules = (q: Q, scopeId: string) =>
  q.selectFrom('roster_rules').selectAll().where('scope_id', '=', scopeId).executeTakeFirst();

export async function upsertRules(q: Q, row: Insertable<DB['roster_rules']>) {
  await q
    .insertInto('roster_rules')
    .values(row)
    .onConflict((oc) =>
      oc.column('scope_id').doUpdateSet({
        labour_json: row.labour_json,
        shifts_json: row.shifts_json,
        split_shifts: row.split_shifts,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ---------------------------------------------------------------- leave
export interface LeaveFilter {
  outletId: string;
  staffId?: string;
  /** leave overlapping [from, to] */
  from?: string;
  to?: string;
}

function leaveQuery(q: Q, f: LeaveFilter) {
  let s = q
    .selectFrom('staff_leave as l')
    .innerJoin('staff as s', 's.id', 'l.staff_id')
    .where('l.outlet_id', '=', f.outletId);
  if (f.staffId) s = s.where('l.staff_id', '=', f.staffId);
  if (f.from) s = s.where('l.to_day', '>=', f.from);
  if (f.to) s = s.where('l.from_day', '<=', f.to);
  return s;
}

export async function listLeave(q: Q, f: LeaveFilter, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    leaveQuery(q, f)
      .selectAll('l')
      .select('s.name as staff_name')
      .orderBy('l.from_day', 'desc')
      .orderBy('l.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    leaveQuery(q, f)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const insertLeave = (q: Q, row: LeaveRow) => q.insertInto('staff_leave').values(row).execute();
export const findLeave = (q: Q, outletId: string, id: string) =>
  q
    .selectFrom('staff_leave')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('id', '=', id)
    .executeTakeFirst();
export const updateLeave = (
  q: Q,
  id: string,
  set: Pick<LeaveRow, 'staff_id' | 'kind' | 'from_day' | 'to_day' | 'from_time' | 'to_time' | 'note'>,
) => q.updateTable('staff_leave').set(set).where('id', '=', id).execute();
export const deleteLeave = (q: Q, id: string) => q.deleteFrom('staff_leave').where('id', '=', id).execute();

// ---------------------------------------------------------------- preferences
function preferenceQuery(q: Q, outletId: string, staffId?: string) {
  let s = q
    .selectFrom('staff_preferences as p')
    .innerJoin('staff as s', 's.id', 'p.staff_id')
    .where('p.outlet_id', '=', outletId);
  if (staffId) s = s.where('p.staff_id', '=', staffId);
  return s;
}

export async function listPreferences(
  q: Q,
  outletId: string,
  staffId: string | undefined,
  offset: number,
  limit: number,
) {
  const [rows, total] = await Promise.all([
    preferenceQuery(q, outletId, staffId)
      .selectAll('p')
      .select('s.name as staff_name')
      .orderBy('s.name')
      .orderBy('p.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    preferenceQuery(q, outletId, staffId)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const insertPreference = (q: Q, row: PreferenceRow) =>
  q.insertInto('staff_preferences').values(row).execute();
export const findPreference = (q: Q, outletId: string, id: string) =>
  q
    .selectFrom('staff_preferences')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('id', '=', id)
    .executeTakeFirst();
export const deletePreference = (q: Q, id: string) =>
  q.deleteFrom('staff_preferences').where('id', '=', id).execute();

// ---------------------------------------------------------------- elastic
export const elasticOf = (q: Q, outletId: string) =>
  q.selectFrom('staff_elastic').selectAll().where('outlet_id', '=', outletId).execute();

export async function upsertElastic(q: Q, row: ElasticRow) {
  await q
    .insertInto('staff_elastic')
    .values(row)
    .onConflict((oc) =>
      oc.column('staff_id').doUpdateSet({
        outlet_id: row.outlet_id,
        elastic: row.elastic,
        window_from: row.window_from,
        window_to: row.window_to,
        max_weekly_minutes: row.max_weekly_minutes,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ---------------------------------------------------------------- what the problem reads
export const activeStaff = (q: Q, outletId: string) =>
  q
    .selectFrom('staff')
    .select(['id', 'name', 'roles', 'skills', 'employee_no'])
    .where('outlet_id', '=', outletId)
    .where('active', '=', 1)
    .orderBy('employee_no')
    .execute();

export const findStaff = (q: Q, id: string) =>
  q.selectFrom('staff').select(['id', 'outlet_id', 'name', 'active']).where('id', '=', id).executeTakeFirst();

export const leaveBetween = (q: Q, outletId: string, from: string, to: string) =>
  q
    .selectFrom('staff_leave')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('to_day', '>=', from)
    .where('from_day', '<=', to)
    .execute();

export const preferencesOf = (q: Q, outletId: string) =>
  q.selectFrom('staff_preferences').selectAll().where('outlet_id', '=', outletId).execute();

export const activePosts = (q: Q, outletId: string) =>
  q
    .selectFrom('posts as p')
    .leftJoin('zones as z', 'z.id', 'p.zone_id')
    .select(['p.id', 'p.kind', 'p.name', 'z.kind as zone_kind', 'z.name as zone_name'])
    .where('p.outlet_id', '=', outletId)
    .where('p.active', '=', 1)
    .orderBy('p.id')
    .execute();

/** The business types by the zone kind they go to (a zone's skill, as people call it). */
export const businessTypeNames = (q: Q) =>
  q
    .selectFrom('business_types')
    .select(['code', 'name_zh', 'name_en', 'default_zone_kind'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();

// ---------------------------------------------------------------- rosters
export const rosterVersions = (q: Q, outletId: string, week: string) =>
  q
    .selectFrom('rosters')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('week_start', '=', week)
    .orderBy('version', 'desc')
    .execute();

export const newestRoster = (q: Q, outletId: string, week: string) =>
  q
    .selectFrom('rosters')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('week_start', '=', week)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const rosterVersion = (q: Q, outletId: string, week: string, version: number) =>
  q
    .selectFrom('rosters')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('week_start', '=', week)
    .where('version', '=', version)
    .executeTakeFirst();

export const shiftCounts = (q: Q, rosterIds: string[]) =>
  rosterIds.length === 0
    ? Promise.resolve([] as { roster_id: string; n: number | string }[])
    : q
        .selectFrom('roster_shifts')
        .select(['roster_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('roster_id', 'in', rosterIds)
        .groupBy('roster_id')
        .execute();

export const shiftsOf = (q: Q, rosterId: string) =>
  q
    .selectFrom('roster_shifts')
    .selectAll()
    .where('roster_id', '=', rosterId)
    .orderBy('day')
    .orderBy('start_time')
    .execute();

export const insertRoster = (q: Q, row: RosterRow) => q.insertInto('rosters').values(row).execute();
export const updateRoster = (q: Q, id: string, patch: Partial<RosterRow>) =>
  q.updateTable('rosters').set(patch).where('id', '=', id).execute();
/** Earlier published versions of the week are superseded by a newer publication. */
export const supersedePublished = (q: Q, outletId: string, week: string, exceptId: string) =>
  q
    .updateTable('rosters')
    .set({ status: 'superseded' })
    .where('outlet_id', '=', outletId)
    .where('week_start', '=', week)
    .where('status', '=', 'published')
    .where('id', '!=', exceptId)
    .execute();

export async function insertShifts(q: Q, rows: ShiftRow[], chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk)
    await q
      .insertInto('roster_shifts')
      .values(rows.slice(i, i + chunk))
      .execute();
}
export const deleteShiftsOf = (q: Q, rosterId: string) =>
  q.deleteFrom('roster_shifts').where('roster_id', '=', rosterId).execute();
export const deleteShift = (q: Q, rosterId: string, staffId: string, day: string) =>
  q
    .deleteFrom('roster_shifts')
    .where('roster_id', '=', rosterId)
    .where('staff_id', '=', staffId)
    .where('day', '=', day)
    .execute();

/** A staff member's shifts in published rosters between two days (their own shifts). */
export const publishedShiftsOf = (q: Q, staffId: string, from: string, to: string) =>
  q
    .selectFrom('roster_shifts as s')
    .innerJoin('rosters as r', 'r.id', 's.roster_id')
    .innerJoin('outlets as o', 'o.id', 'r.outlet_id')
    .select([
      'r.outlet_id',
      'o.name as outlet_name',
      'r.week_start',
      'r.version',
      's.day',
      's.start_time',
      's.end_time',
      's.post',
      's.break_start',
      's.break_end',
    ])
    .where('s.staff_id', '=', staffId)
    .where('r.status', '=', 'published')
    .where('s.day', '>=', from)
    .where('s.day', '<=', to)
    .orderBy('s.day')
    .orderBy('s.start_time')
    .execute();

/** The published shifts of an outlet between two days (the fairness history). */
export const publishedShiftsBetween = (q: Q, outletId: string, from: string, to: string) =>
  q
    .selectFrom('roster_shifts as s')
    .innerJoin('rosters as r', 'r.id', 's.roster_id')
    .select(['s.staff_id', 's.day', 's.start_time', 's.end_time'])
    .where('r.outlet_id', '=', outletId)
    .where('r.status', '=', 'published')
    .where('s.day', '>=', from)
    .where('s.day', '<=', to)
    .execute();

/** Who is rostered (published) at an outlet on a day: the intraday's on-shift source. */
export const publishedShiftsOn = (q: Q, outletId: string, day: string) =>
  q
    .selectFrom('roster_shifts as s')
    .innerJoin('rosters as r', 'r.id', 's.roster_id')
    .innerJoin('staff as st', 'st.id', 's.staff_id')
    .select([
      's.staff_id',
      'st.name as staff_name',
      's.start_time',
      's.end_time',
      's.post',
      's.break_start',
      's.break_end',
    ])
    .where('r.outlet_id', '=', outletId)
    .where('r.status', '=', 'published')
    .where('s.day', '=', day)
    .execute();

export const userStaffId = (q: Q, userId: string) =>
  q.selectFrom('users').select('staff_id').where('id', '=', userId).executeTakeFirst();

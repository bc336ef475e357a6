import { containsText, pageWithTotal, insertRow, updateById } from '../../db/query';
import type { DB, Q } from '../../db/types';
import { newId } from '../../lib/ids';
import * as meta from '../meta/meta.repository';

export type OutletRow = DB['outlets'];
export type ZoneRow = DB['zones'];
export type PostRow = DB['posts'];
export type StaffRow = DB['staff'];
export type BusinessTypeRow = DB['business_types'];
export type BranchRow = DB['branches'];

export interface OutletFilter {
  branchId: string;
  /** restricts to one outlet (outlet-scoped users) */
  onlyOutletId?: string | null;
  q?: string;
  active?: boolean;
  pilot?: boolean;
}
export type OutletSort = 'code' | 'name' | 'staffCount';

// ---- branches
export const listBranches = (q: Q, branchId: string) =>
  q.selectFrom('branches').selectAll().where('id', '=', branchId).orderBy('code').execute();
export const findBranch = (q: Q, id: string) =>
  q.selectFrom('branches').selectAll().where('id', '=', id).executeTakeFirst();
export const firstBranch = (q: Q) =>
  q.selectFrom('branches').selectAll().orderBy('code').limit(1).executeTakeFirst();
export async function insertBranch(q: Q, row: BranchRow) {
  await q.insertInto('branches').values(row).execute();
  await touchOutletsVersion(q);
}

// ---- outlets
export type OutletListRow = OutletRow & { branch_name: string };

function outletQuery(q: Q) {
  return q
    .selectFrom('outlets')
    .innerJoin('branches', 'branches.id', 'outlets.branch_id')
    .selectAll('outlets')
    .select('branches.name as branch_name');
}

function filteredOutlets(q: Q, f: OutletFilter) {
  let query = q.selectFrom('outlets').where('outlets.branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('outlets.id', '=', f.onlyOutletId);
  if (f.active !== undefined) query = query.where('outlets.active', '=', f.active ? 1 : 0);
  if (f.pilot !== undefined) query = query.where('outlets.pilot', '=', f.pilot ? 1 : 0);
  if (f.q) query = query.where(containsText(['outlets.name', 'outlets.code', 'outlets.address'], f.q));
  return query;
}

export async function listOutlets(
  q: Q,
  f: OutletFilter,
  sort: OutletSort,
  desc: boolean,
  offset: number,
  limit: number,
): Promise<{ rows: OutletListRow[]; total: number }> {
  const dir = desc ? 'desc' : 'asc';
  const page = (base: ReturnType<typeof filteredOutlets>) => {
    const rows = base
      .innerJoin('branches', 'branches.id', 'outlets.branch_id')
      .selectAll('outlets')
      .select('branches.name as branch_name');
    return sort === 'code'
      ? rows.orderBy('outlets.code', dir)
      : rows.orderBy(sort === 'name' ? 'outlets.name' : 'outlets.staff_count', dir).orderBy('outlets.code');
  };
  return pageWithTotal(filteredOutlets(q, f), page, offset, limit);
}

export const findOutlet = (q: Q, id: string): Promise<OutletListRow | undefined> =>
  outletQuery(q).where('outlets.id', '=', id).executeTakeFirst();

/** Recounts an outlet's active staff and zones (or every outlet's): call after changing either. */
export async function refreshCounts(q: Q, outletId?: string): Promise<void> {
  let query = q.updateTable('outlets').set((eb) => ({
    staff_count: eb
      .selectFrom('staff')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('staff.outlet_id', '=', 'outlets.id')
      .where('staff.active', '=', 1),
    zone_count: eb
      .selectFrom('zones')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('zones.outlet_id', '=', 'outlets.id')
      .where('zones.active', '=', 1),
  }));
  if (outletId) query = query.where('id', '=', outletId);
  await query.execute();
  await touchOutletsVersion(q);
}

/**
 * The version of everything an outlet list shows (outlets, their branch names and counts).
 * Every write to those changes it, in the writer's transaction; readers may cache a list page
 * for as long as the version they read is unchanged — across processes, since it is in the database.
 */
export async function outletsVersion(q: Q): Promise<string> {
  return (await meta.get(q, 'outlets_version')) ?? '';
}
async function touchOutletsVersion(q: Q): Promise<void> {
  await meta.set(q, 'outlets_version', newId());
}

export const outletByCode = (q: Q, code: string) =>
  q.selectFrom('outlets').select('id').where('code', '=', code).executeTakeFirst();

export async function insertOutlet(q: Q, row: OutletRow) {
  await q.insertInto('outlets').values(row).execute();
  await touchOutletsVersion(q);
}
export async function updateOutlet(q: Q, id: string, patch: Partial<OutletRow>) {
  await q.updateTable('outlets').set(patch).where('id', '=', id).execute();
  await touchOutletsVersion(q);
}

// ---- zones and posts
export const listZones = (q: Q, outletId: string) =>
  q
    .selectFrom('zones')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
export const findZone = (q: Q, outletId: string, id: string) =>
  q.selectFrom('zones').selectAll().where('outlet_id', '=', outletId).where('id', '=', id).executeTakeFirst();
export const insertZone = insertRow('zones');
export const updateZone = updateById('zones');

export type PostWithZone = PostRow & { zone_name: string | null };
export const listPosts = (q: Q, outletId: string): Promise<PostWithZone[]> =>
  q
    .selectFrom('posts')
    .leftJoin('zones', 'zones.id', 'posts.zone_id')
    .selectAll('posts')
    .select('zones.name as zone_name')
    .where('posts.outlet_id', '=', outletId)
    .orderBy('posts.created_at')
    .orderBy('posts.id')
    .execute();
export const findPost = (q: Q, outletId: string, id: string): Promise<PostWithZone | undefined> =>
  q
    .selectFrom('posts')
    .leftJoin('zones', 'zones.id', 'posts.zone_id')
    .selectAll('posts')
    .select('zones.name as zone_name')
    .where('posts.outlet_id', '=', outletId)
    .where('posts.id', '=', id)
    .executeTakeFirst();
export const insertPost = insertRow('posts');
export const updatePost = updateById('posts');

// ---- staff
export interface StaffFilter {
  outletId: string;
  q?: string;
  role?: string;
  active?: boolean;
}
function filteredStaff(q: Q, f: StaffFilter) {
  let query = q.selectFrom('staff').where('staff.outlet_id', '=', f.outletId);
  if (f.active !== undefined) query = query.where('staff.active', '=', f.active ? 1 : 0);
  if (f.role) query = query.where('staff.roles', 'like', `%"${f.role}"%`);
  if (f.q) query = query.where(containsText(['staff.name', 'staff.employee_no'], f.q));
  return query;
}

/** A staff member with the login linked to them, if any. */
export type StaffWithLogin = StaffRow & { user_id: string | null; username: string | null };

export async function listStaff(q: Q, f: StaffFilter, offset: number, limit: number) {
  const { rows, total } = await pageWithTotal(
    filteredStaff(q, f),
    (base) =>
      base
        .leftJoin('users', 'users.staff_id', 'staff.id')
        .selectAll('staff')
        .select(['users.id as user_id', 'users.username'])
        .orderBy('staff.employee_no'),
    offset,
    limit,
  );
  return { rows: rows as StaffWithLogin[], total };
}
export const findStaff = (q: Q, outletId: string, id: string) =>
  q
    .selectFrom('staff')
    .leftJoin('users', 'users.staff_id', 'staff.id')
    .selectAll('staff')
    .select(['users.id as user_id', 'users.username'])
    .where('staff.outlet_id', '=', outletId)
    .where('staff.id', '=', id)
    .executeTakeFirst() as Promise<StaffWithLogin | undefined>;
export const staffByEmployeeNo = (q: Q, employeeNo: string) =>
  q.selectFrom('staff').select('id').where('employee_no', '=', employeeNo).executeTakeFirst();
export const insertStaff = insertRow('staff');
export const updateStaff = updateById('staff');

// ---- business types
export const listBusinessTypes = (q: Q) =>
  q.selectFrom('business_types').selectAll().orderBy('code').execute();
export const findBusinessType = (q: Q, id: string) =>
  q.selectFrom('business_types').selectAll().where('id', '=', id).executeTakeFirst();
export const businessTypeByCode = (q: Q, code: string) =>
  q.selectFrom('business_types').select('id').where('code', '=', code).executeTakeFirst();
export const insertBusinessType = insertRow('business_types');
export const updateBusinessType = updateById('business_types');

// ---- bulk inserts (demo data, imports)
export async function insertMany<
  T extends 'outlets' | 'zones' | 'posts' | 'staff' | 'users' | 'business_types',
>(q: Q, table: T, rows: DB[T][], chunk = 200) {
  if (table === 'outlets') await touchOutletsVersion(q);
  for (let i = 0; i < rows.length; i += chunk) {
    await q
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table chosen at run time
      .values(rows.slice(i, i + chunk) as any)
      .execute();
  }
}

export async function listOutletIds(q: Q, branchId: string): Promise<string[]> {
  return (
    await q.selectFrom('outlets').select('id').where('branch_id', '=', branchId).orderBy('code').execute()
  ).map((o) => o.id);
}

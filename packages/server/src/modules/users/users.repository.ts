import { sql } from 'kysely';
import { containsText, pageWithTotal } from '../../db/query';
import type { DB, Q } from '../../db/types';

export type UserRow = DB['users'];
/** A user with the names of their outlet and of their staff record. */
export type UserWithOutlet = UserRow & { outlet_name: string | null; staff_name: string | null };

export interface UserFilter {
  branchId: string;
  q?: string;
  role?: string;
  outletId?: string;
  active?: boolean;
}

const withOutlet = (q: Q) =>
  q
    .selectFrom('users')
    .leftJoin('outlets', 'outlets.id', 'users.outlet_id')
    .leftJoin('staff', 'staff.id', 'users.staff_id')
    .selectAll('users')
    .select(['outlets.name as outlet_name', 'staff.name as staff_name']);

export const findById = (q: Q, id: string): Promise<UserWithOutlet | undefined> =>
  withOutlet(q).where('users.id', '=', id).executeTakeFirst();

export const findByUsername = (q: Q, username: string): Promise<UserWithOutlet | undefined> =>
  withOutlet(q).where('users.username', '=', username).executeTakeFirst();

/** The login of a staff member, if they have one. */
export const findByStaffId = (q: Q, staffId: string) =>
  q.selectFrom('users').select(['id', 'username']).where('staff_id', '=', staffId).executeTakeFirst();

/** Who a new login is; newUserRow fills in the rest. */
export type NewUser = Pick<
  UserRow,
  'id' | 'username' | 'display_name' | 'role' | 'branch_id' | 'outlet_id' | 'staff_id' | 'password_hash'
> &
  Partial<Pick<UserRow, 'must_change_password'>>;

/** The row of a new login at `now`: active, unlocked, zh-CN, never signed in, no password change due. */
export const newUserRow = (user: NewUser, now: string): UserRow => ({
  failed_logins: 0,
  locked_until: null,
  active: 1,
  must_change_password: 0,
  locale: 'zh-CN',
  last_login_at: null,
  created_at: now,
  updated_at: now,
  ...user,
});

export async function insert(q: Q, row: UserRow): Promise<void> {
  await q.insertInto('users').values(row).execute();
}

export async function update(q: Q, id: string, patch: Partial<UserRow>): Promise<void> {
  await q.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Counts a failed login and locks the account when it reaches the limit; atomic in one statement. */
export async function recordFailure(
  q: Q,
  id: string,
  max: number,
  lockUntil: string,
  now: string,
): Promise<void> {
  await q
    .updateTable('users')
    .set({
      failed_logins: sql`case when failed_logins + 1 >= ${max} then 0 else failed_logins + 1 end`,
      locked_until: sql`case when failed_logins + 1 >= ${max} then ${lockUntil} else locked_until end`,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

function filtered(q: Q, f: UserFilter) {
  let query = withOutlet(q).where('users.branch_id', '=', f.branchId);
  if (f.role) query = query.where('users.role', '=', f.role);
  if (f.outletId) query = query.where('users.outlet_id', '=', f.outletId);
  if (f.active !== undefined) query = query.where('users.active', '=', f.active ? 1 : 0);
  if (f.q) query = query.where(containsText(['users.username', 'users.display_name'], f.q));
  return query;
}

export async function list(q: Q, f: UserFilter, offset: number, limit: number) {
  const base = filtered(q, f);
  // the filter selects the user's columns: the count runs without them
  return pageWithTotal(base.clearSelect(), () => base.orderBy('users.username'), offset, limit);
}

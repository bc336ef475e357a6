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
  locks_since_login: 0,
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

/**
 * One more wrong password for the account (from any source), and when it held up a source, the
 * end of that hold-up: what the owner is told at their next successful login.
 */
export async function recordFailure(
  q: Q,
  id: string,
  lockedUntil: string | null,
  now: string,
): Promise<void> {
  await q
    .updateTable('users')
    .set({
      failed_logins: sql`failed_logins + 1`,
      ...(lockedUntil ? { locked_until: lockedUntil, locks_since_login: sql`locks_since_login + 1` } : {}),
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

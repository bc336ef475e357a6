import type { DB, Q } from '../../db/types';

export type SessionRow = DB['sessions'];

export async function insert(q: Q, row: SessionRow): Promise<void> {
  await q.insertInto('sessions').values(row).execute();
}

export const findById = (q: Q, id: string) =>
  q.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function touch(q: Q, id: string, at: string): Promise<void> {
  await q.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function remove(q: Q, id: string): Promise<void> {
  await q.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function removeForUser(q: Q, userId: string, exceptId?: string): Promise<void> {
  let query = q.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function removeExpired(q: Q, now: string): Promise<void> {
  await q.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

/** The session and its user in one round trip: this runs on every authenticated request. */
export const findWithUser = (q: Q, id: string) =>
  q
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.branch_id',
      'users.outlet_id',
      'users.staff_id',
      'users.locale',
      'users.active',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();

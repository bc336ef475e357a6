import type { DB, Q } from '../../db/types';

export type SessionRow = DB['sessions'];

export async function insert(q: Q, row: SessionRow): Promise<void> {
  await q.insertInto('sessions').values(row).execute();
}

export const findById = (q: Q, id: string) => q.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

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

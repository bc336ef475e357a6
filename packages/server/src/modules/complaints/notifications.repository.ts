import { pageWithTotal, countRows } from '../../db/query';
import type { DB, Q } from '../../db/types';

export type NotificationRow = DB['notifications'];

/** Complaints whose running deadline is on or before `until` (due soon or overdue). */
export const dueComplaints = (q: Q, until: string) =>
  q
    .selectFrom('complaints')
    .select(['id', 'no', 'branch_id', 'outlet_id', 'handler_id', 'due_on', 'status'])
    .where('due_on', 'is not', null)
    .where('due_on', '<=', until)
    .execute();
export const outletHeads = (q: Q, outletIds: string[]) =>
  outletIds.length
    ? q
        .selectFrom('users')
        .select(['id', 'outlet_id'])
        .where('role', '=', 'outlet_head')
        .where('active', '=', 1)
        .where('outlet_id', 'in', outletIds)
        .execute()
    : Promise.resolve([]);
/** Inserts notifications; one per user, kind, entity and day (the unique key makes it idempotent). */
export async function insertNotifications(q: Q, rows: NotificationRow[], chunk = 200) {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    const r = await q
      .insertInto('notifications')
      .values(rows.slice(i, i + chunk))
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'entity_id', 'day']).doNothing())
      .executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}
function userNotifications(q: Q, userId: string, unread?: boolean) {
  let query = q.selectFrom('notifications').where('user_id', '=', userId);
  if (unread === true) query = query.where('read_at', 'is', null);
  if (unread === false) query = query.where('read_at', 'is not', null);
  return query;
}
export async function listNotifications(
  q: Q,
  userId: string,
  unread: boolean | undefined,
  offset: number,
  limit: number,
) {
  const [{ rows, total }, unreadCount] = await Promise.all([
    pageWithTotal(
      userNotifications(q, userId, unread),
      (base) => base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'),
      offset,
      limit,
    ),
    countRows(userNotifications(q, userId, true)),
  ]);
  return { rows, total, unread: unreadCount };
}
export const findNotification = (q: Q, id: string) =>
  q.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
export async function markRead(q: Q, userId: string, ids: string[] | 'all', at: string) {
  let query = q
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') query = query.where('id', 'in', ids.length ? ids : ['-']);
  const r = await query.executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

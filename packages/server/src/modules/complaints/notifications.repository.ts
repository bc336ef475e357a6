import { pageWithTotal, countRows } from '../../db/query';
import type { DB, Q } from '../../db/types';

export type NotificationRow = DB['notifications'];

/**
 * Complaints whose running deadline is on or before `until` (due soon or overdue), or — with
 * `from` — between the two days.
 */
export const dueComplaints = (q: Q, until: string, from?: string) => {
  let query = q
    .selectFrom('complaints')
    .select(['id', 'no', 'branch_id', 'outlet_id', 'handler_id', 'due_on', 'status'])
    .where('due_on', 'is not', null)
    .where('due_on', '<=', until);
  if (from) query = query.where('due_on', '>=', from);
  return query.orderBy('due_on').orderBy('no').execute();
};
/** Which of these users chose the daily digest. */
export async function digestUsers(q: Q, userIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await q
      .selectFrom('notification_preferences')
      .select('user_id')
      .where('digest', '=', 1)
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.user_id);
  }
  return out;
}
export const findPreferences = (q: Q, userId: string) =>
  q.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
export const savePreferences = (q: Q, row: DB['notification_preferences']) =>
  q
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ digest: row.digest, updated_at: row.updated_at }))
    .execute();
/** The active users of one role in these outlets or branches. */
const activeWithRole = (q: Q, role: string, by: 'outlet_id' | 'branch_id', ids: string[]) =>
  ids.length
    ? q
        .selectFrom('users')
        .select(['id', 'outlet_id', 'branch_id'])
        .where('role', '=', role)
        .where('active', '=', 1)
        .where(by, 'in', ids)
        .execute()
    : Promise.resolve([]);
/** The active heads of these outlets. */
export const outletHeads = (q: Q, outletIds: string[]) =>
  activeWithRole(q, 'outlet_head', 'outlet_id', outletIds);
/** The active consumer-protection officers of these branches. */
export const branchOfficers = (q: Q, branchIds: string[]) =>
  activeWithRole(q, 'cp_officer', 'branch_id', branchIds);
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

import { sql } from 'kysely';
import type { DB, Q } from '../../db/types';

export type ThrottleRow = DB['login_throttle'];

/** The failures of one account from one source (IP address), if any. */
export const find = (q: Q, userId: string, source: string) =>
  q
    .selectFrom('login_throttle')
    .selectAll()
    .where('user_id', '=', userId)
    .where('source', '=', source)
    .executeTakeFirst();

/** Counts one more failure of the account from the source; answers the count now. */
export async function addFailure(q: Q, userId: string, source: string, at: string): Promise<number> {
  await q
    .insertInto('login_throttle')
    .values({ user_id: userId, source, failures: 1, locked_until: null, last_failed_at: at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'source']).doUpdateSet({
        failures: sql`login_throttle.failures + 1`,
        last_failed_at: at,
      }),
    )
    .execute();
  return (await find(q, userId, source))?.failures ?? 1;
}

export async function lock(q: Q, userId: string, source: string, until: string): Promise<void> {
  await q
    .updateTable('login_throttle')
    .set({ locked_until: until })
    .where('user_id', '=', userId)
    .where('source', '=', source)
    .execute();
}

/** Forgets the failures of the account from one source, or from every source. */
export async function clear(q: Q, userId: string, source?: string): Promise<void> {
  let query = q.deleteFrom('login_throttle').where('user_id', '=', userId);
  if (source !== undefined) query = query.where('source', '=', source);
  await query.execute();
}

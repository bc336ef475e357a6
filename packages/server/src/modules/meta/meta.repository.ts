import { sql } from 'kysely';
import type { Q } from '../../db/types';

export async function get(q: Q, key: string): Promise<string | undefined> {
  return (await q.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function set(q: Q, key: string, value: string): Promise<void> {
  await q
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function countUsers(q: Q): Promise<number> {
  const r = await q
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A round trip to the database, for the health check. */
export async function ping(q: Q): Promise<void> {
  await sql`select 1`.execute(q);
}

/** The active users among `usernames`, with their role and outlet name, in the order given. */
export async function loginsNamed(q: Q, usernames: readonly string[]) {
  if (!usernames.length) return [];
  const rows = await q
    .selectFrom('users')
    .leftJoin('outlets', 'outlets.id', 'users.outlet_id')
    .select(['users.username', 'users.role', 'outlets.name as outlet_name'])
    .where('users.username', 'in', [...usernames])
    .where('users.active', '=', 1)
    .execute();
  const at = new Map(usernames.map((u, i) => [u, i]));
  return rows.sort((a, b) => at.get(a.username)! - at.get(b.username)!);
}

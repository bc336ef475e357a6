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

import { PostgresAdapter, sql } from 'kysely';
import type { Q } from '../../db/types';
import type { IndexEntry } from './complainant-index';

// The SQL of the complainant index (complainant-index.ts): the digests of each complaint, kept in
// the transaction of the write that sets the complainant's data.

const isPostgres = (q: Q) => q.getExecutor().adapter instanceof PostgresAdapter;

/** Adds rows (import, demo, a rebuild): one statement of up to 2,000 rows; an existing kind is replaced. */
export async function putEntries(q: Q, rows: IndexEntry[], chunk = 2000) {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    if (isPostgres(q)) {
      // one array a column: three parameters whatever the number of rows
      await sql`insert into complainant_index (complaint_id, kind, digest)
        select * from unnest(${part.map((r) => r.complaint_id)}::text[], ${part.map((r) => r.kind)}::text[],
          ${part.map((r) => r.digest)}::text[])
        on conflict (complaint_id, kind) do update set digest = excluded.digest`.execute(q);
    } else {
      await q
        .insertInto('complainant_index')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['complaint_id', 'kind']).doUpdateSet((eb) => ({ digest: eb.ref('excluded.digest') })),
        )
        .execute();
    }
  }
}

/** The complaints' rows replaced by `rows` (a registration, an edit, a batch of a rebuild). */
export async function replaceEntries(q: Q, complaintIds: string[], rows: IndexEntry[]) {
  if (complaintIds.length)
    await q.deleteFrom('complainant_index').where('complaint_id', 'in', complaintIds).execute();
  await putEntries(q, rows);
}

/** The complaints after `afterId` (by id), with their encrypted data, for a rebuild. */
export const encryptedAfter = (q: Q, afterId: string, limit: number) =>
  q
    .selectFrom('complaints')
    .select(['id', 'complainant_name_enc', 'complainant_phone_enc', 'complainant_id_enc'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

export async function countEntries(q: Q): Promise<number> {
  const r = await q
    .selectFrom('complainant_index')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

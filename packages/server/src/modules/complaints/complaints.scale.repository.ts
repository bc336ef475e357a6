import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { ComplaintRow } from './complaints.repository';
import * as stats from './complaints.stats.repository';

/**
 * Bulk loading of generated complaints (`liangdian demo --complaints N`, the bench): big
 * transactions, and for their duration the settings that make them cheap.
 * - SQLite: a 256 MB page cache (index pages stay in memory while a million rows go in) and
 *   synchronous = OFF (a crash during a demo load loses the demo, never older data: WAL);
 * - PostgreSQL: synchronous_commit = off for the load's transactions only (SET LOCAL).
 */
export async function inBulkTransactions<T>(
  db: Kysely<DB>,
  work: (transaction: <R>(fn: (trx: Transaction<DB>) => Promise<R>) => Promise<R>) => Promise<T>,
): Promise<T> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const transaction = <R>(fn: (trx: Transaction<DB>) => Promise<R>) =>
    db.transaction().execute(async (trx) => {
      if (postgres) await sql`set local synchronous_commit = off`.execute(trx);
      return fn(trx);
    });
  if (postgres) return work(transaction);
  const pragma = async (name: string) =>
    (await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(db)).rows[0]?.[name];
  const cacheSize = await pragma('cache_size');
  const synchronous = await pragma('synchronous');
  await sql`pragma cache_size = -262144`.execute(db);
  await sql`pragma synchronous = OFF`.execute(db);
  try {
    return await work(transaction);
  } finally {
    await sql`pragma cache_size = ${sql.raw(String(Number(cacheSize)))}`.execute(db);
    await sql`pragma synchronous = ${sql.raw(String(Number(synchronous)))}`.execute(db);
  }
}

/**
 * Refreshes the planner's statistics after a bulk load; on PostgreSQL also the visibility map
 * (VACUUM), without which the list's counts cannot be index-only scans.
 */
export async function analyze(db: Kysely<DB>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of ['complaints', 'complaint_daily_stats', 'complaint_daily_codes'])
      await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  } else await sql`analyze`.execute(db);
}

/**
 * Runs a large write (an import) in the caller's transaction with SQLite's page cache raised
 * to 256 MB (the complaints' indexes stay in memory while 100,000 rows go in), and restores it
 * after. SQLite has one connection, held by the transaction, so nothing else sees the setting.
 * PostgreSQL: runs `work` as it is.
 */
export async function withLargeCache<T>(trx: Q, work: () => Promise<T>): Promise<T> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) return work();
  const before = (await sql<{ cache_size: number }>`pragma cache_size`.execute(trx)).rows[0]?.cache_size;
  await sql`pragma cache_size = -262144`.execute(trx);
  try {
    return await work();
  } finally {
    await sql`pragma cache_size = ${sql.raw(String(Number(before ?? -2000)))}`.execute(trx);
  }
}

// ---------------------------------------------------------------- many complaints at once (import, demo)
/**
 * Inserts many complaints: multi-row statements of `chunk` rows (PostgreSQL takes up to 65,535
 * parameters a statement, SQLite 32,766; a complaint has about 50 columns).
 */
export async function insertComplaints(q: Q, rows: ComplaintRow[], chunk = 500) {
  const delta = new stats.StatsDelta();
  const postgres = isPostgres(q);
  const size = postgres ? 5000 : chunk;
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    if (postgres) await insertUnnest(q, part);
    else await q.insertInto('complaints').values(part).execute();
    for (const r of part) delta.add(r, 1);
  }
  await stats.addStats(q, delta);
}

const isPostgres = (q: Q) => q.getExecutor().adapter instanceof PostgresAdapter;
const INTEGER_COLUMNS = new Set<string>([
  'people_count',
  'major',
  'extension_level',
  'paused_days',
  'on_time',
  'decision_on_time',
  'inform_on_time',
  'days_to_decision',
  'points',
  'forwarding_late',
]);
/**
 * PostgreSQL: many rows as one array a column (`insert … select * from unnest(…)`), so that the
 * statement has 50 parameters whatever the number of rows: parsing and planning a statement of
 * 25,000 parameters costs more than inserting its rows.
 */
async function insertUnnest(q: Q, rows: ComplaintRow[]) {
  const columns = Object.keys(rows[0]!) as (keyof ComplaintRow)[];
  const arrays = columns.map(
    (c) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(INTEGER_COLUMNS.has(c) ? 'integer[]' : 'text[]')}`,
  );
  await sql`insert into complaints (${sql.join(columns.map((c) => sql.ref(c)))})
    select * from unnest(${sql.join(arrays)})`.execute(q);
}
/** Which of these complaint numbers are taken already (the unique index, 500 a query). */
export async function takenNos(q: Q, nos: string[], chunk = 500): Promise<Set<string>> {
  const taken = new Set<string>();
  const postgres = isPostgres(q);
  const size = postgres ? 10_000 : chunk;
  for (let i = 0; i < nos.length; i += size) {
    const part = nos.slice(i, i + size);
    const rows = await q
      .selectFrom('complaints')
      .select('no')
      .where(postgres ? sql<boolean>`no = any(${part}::text[])` : sql<boolean>`no in (${sql.join(part)})`)
      .execute();
    for (const r of rows) taken.add(r.no);
  }
  return taken;
}

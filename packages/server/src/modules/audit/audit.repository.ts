import { type SqlBool, sql } from 'kysely';
import type { Dialect } from '../../db/schema';
import { containsText, pageWithTotal } from '../../db/query';
import type { DB, Q } from '../../db/types';
import { likePattern } from '../../lib/paging';

export type AuditRow = DB['audit_log'];
/** An entry with the name of its outlet, if it is about one. */
export type AuditRowWithOutlet = AuditRow & { outlet_name: string | null };

export interface AuditFilter {
  q?: string;
  action?: string;
  entityType?: string;
  actor?: string;
  outletId?: string;
  from?: string;
  to?: string;
}

/**
 * Serialises writers of the hash chain. SQLite transactions already run one at a time;
 * PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockChain(q: Q, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(727001)`.execute(q);
}

export async function last(q: Q): Promise<Pick<AuditRow, 'seq' | 'hash'> | undefined> {
  return q.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** The sequence number of the newest entry of each kind of record (0 for a kind without entries). */
export async function newestOf(q: Q, entityTypes: readonly string[]): Promise<number[]> {
  const row = await q
    .selectNoFrom((eb) =>
      entityTypes.map((t, i) =>
        eb
          .selectFrom('audit_log')
          .select((s) => s.fn.max('seq').as('m'))
          .where('entity_type', '=', t)
          .as(`v${i}`),
      ),
    )
    .executeTakeFirstOrThrow();
  return entityTypes.map((_, i) => Number((row as Record<string, unknown>)[`v${i}`] ?? 0));
}

/** The first entry hashed with the audit key, if any. */
export async function firstKeyed(q: Q): Promise<number | undefined> {
  const r = await q
    .selectFrom('audit_log')
    .select('seq')
    .where('hash_version', '=', 2)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  return r?.seq;
}

export async function insert(q: Q, row: AuditRow): Promise<void> {
  await q.insertInto('audit_log').values(row).execute();
}

function filtered(q: Q, f: AuditFilter) {
  let query = q.selectFrom('audit_log');
  if (f.action) query = query.where('audit_log.action', '=', f.action);
  if (f.entityType) query = query.where('audit_log.entity_type', '=', f.entityType);
  if (f.actor) query = query.where(containsText(['audit_log.actor_name'], f.actor));
  if (f.outletId) query = query.where('audit_log.outlet_id', '=', f.outletId);
  if (f.from) query = query.where('audit_log.at', '>=', f.from);
  if (f.to) query = query.where('audit_log.at', '<', f.to);
  if (f.q) {
    const p = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        containsText(['audit_log.entity_id'], f.q as string),
        sql<SqlBool>`lower(coalesce(audit_log.after_json, audit_log.before_json, '')) like ${p} escape '\\'`,
      ]),
    );
  }
  return query;
}

export async function list(q: Q, f: AuditFilter, offset: number, limit: number) {
  const { rows, total } = await pageWithTotal(
    filtered(q, f),
    (base) =>
      base
        .leftJoin('outlets', 'outlets.id', 'audit_log.outlet_id')
        .selectAll('audit_log')
        .select('outlets.name as outlet_name')
        .orderBy('audit_log.seq', 'desc'),
    offset,
    limit,
  );
  return { rows: rows as AuditRowWithOutlet[], total };
}

/** Rows in chain order, in batches, so verifying a long log keeps memory flat. */
export async function* inOrder(q: Q, batch = 2000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await q
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/** Every action and entity type in the log, for the filters of the audit page. */
export async function facets(q: Q): Promise<{ actions: string[]; entityTypes: string[] }> {
  const [actions, types] = await Promise.all([
    q.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    q.selectFrom('audit_log').select('entity_type').distinct().orderBy('entity_type').execute(),
  ]);
  return { actions: actions.map((r) => r.action), entityTypes: types.map((r) => r.entity_type) };
}

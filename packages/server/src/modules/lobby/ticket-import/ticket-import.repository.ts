import { pageWithTotal } from '../../../db/query';
import type { DB, Q } from '../../../db/types';

export type MappingRow = DB['ticket_import_mappings'];
export type BatchRow = DB['ticket_import_batches'];

// ---- the saved column mapping (one per outlet)
export const findMapping = (q: Q, outletId: string) =>
  q.selectFrom('ticket_import_mappings').selectAll().where('outlet_id', '=', outletId).executeTakeFirst();

export async function upsertMapping(q: Q, row: MappingRow) {
  const { outlet_id: _id, ...patch } = row;
  await q
    .insertInto('ticket_import_mappings')
    .values(row)
    .onConflict((oc) => oc.column('outlet_id').doUpdateSet(patch))
    .execute();
}

// ---- import batches
export const insertBatch = (q: Q, row: BatchRow) =>
  q.insertInto('ticket_import_batches').values(row).execute();

export async function listBatches(q: Q, outletId: string, offset: number, limit: number) {
  const base = q.selectFrom('ticket_import_batches').where('outlet_id', '=', outletId);
  return pageWithTotal(
    base,
    (b) => b.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'),
    offset,
    limit,
  );
}

// ---- what the rows refer to
export const businessTypes = (q: Q) =>
  q.selectFrom('business_types').select(['code', 'name_zh', 'name_en', 'active']).execute();

/** Every staff member the outlet has had (left staff appear in old logs too). */
export const outletStaff = (q: Q, outletId: string) =>
  q.selectFrom('staff').select(['id', 'employee_no', 'name']).where('outlet_id', '=', outletId).execute();

/** Which of these event ids the outlet has stored already (chunked: IN lists stay short). */
export async function existingEventIds(q: Q, outletId: string, ids: string[], chunk = 1000) {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += chunk) {
    const rows = await q
      .selectFrom('ticket_events')
      .select('event_id')
      .where('outlet_id', '=', outletId)
      .where('event_id', 'in', ids.slice(i, i + chunk))
      .execute();
    for (const r of rows) found.add(r.event_id);
  }
  return found;
}

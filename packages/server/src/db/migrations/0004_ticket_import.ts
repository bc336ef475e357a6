import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code. Only text and integer columns; ids
// and timestamps come from the app. Historic ticket-log imports: the column mapping each outlet
// saved, and one record per committed import. The imported events themselves go to
// `ticket_events` (0003), where the live feed's events are.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_import_mappings')
    .addColumn('outlet_id', 'text', (c) => c.primaryKey().references('outlets.id'))
    // JSON: target field → the file's column header (or null)
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ticket_import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    // csv | xlsx
    .addColumn('format', 'text', (c) => c.notNull())
    // sha256 of the file (hex)
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    // new events stored by this import
    .addColumn('rows_stored', 'integer', (c) => c.notNull())
    // good rows whose events were stored before (an earlier import, the live feed, a repeated row)
    .addColumn('rows_duplicate', 'integer', (c) => c.notNull())
    // bad rows left out (only when the user chose to import the good rows)
    .addColumn('rows_rejected', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text')
    .addColumn('last_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_import_batches_outlet')
    .on('ticket_import_batches')
    .columns(['outlet_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_import_batches').execute();
  await db.schema.dropTable('ticket_import_mappings').execute();
}

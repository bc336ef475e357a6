import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The blind index of the complainant's name, phone and ID number (encrypted in `complaints`):
// per complaint and kind (name, phone, phone_last4, id_number) the HMAC-SHA256 of the normalised
// value. A search looks up (kind, digest). The server fills it for the complaints that exist (it
// holds the key, a migration does not): at start when `meta.complainant_index_key` does not name
// the running key, or with `liangdian complaints reindex`.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complainant_index')
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complainant_index_pk', ['complaint_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('complainant_index_digest')
    .on('complainant_index')
    .columns(['kind', 'digest'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complainant_index').execute();
}

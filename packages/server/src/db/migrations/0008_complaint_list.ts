import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The complaint list shows the complainant's name, phone and ID number masked (138****1234). The
// masked forms are stored beside the encrypted ones, written with them, so that a page of the
// list reads them instead of decrypting three fields per row. Rows written before this migration
// have NULL here; the server fills them at start (it holds the key, a migration does not), and
// until then shows them by decrypting, as before.

const COLUMNS = ['complainant_name_masked', 'complainant_phone_masked', 'complainant_id_masked'];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  for (const c of COLUMNS) await db.schema.alterTable('complaints').addColumn(c, 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of COLUMNS) await db.schema.alterTable('complaints').dropColumn(c).execute();
}

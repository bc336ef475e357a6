import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The audit chain keyed: each entry says how its hash was made. 1 = plain SHA-256 of the entry
// (every entry written before this migration), 2 = HMAC-SHA256 with a key kept outside the
// database. Entries keep their hashes; the chain links across the switch.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_log')
    .addColumn('hash_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('hash_version').execute();
}

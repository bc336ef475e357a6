import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The newest audit entry of one kind of record (complaints, outlets, staff…) is the version of
// that data: a list kept as sent is good while those versions stand (http/answer-cache.ts).
// This index finds each one without reading the kind's entries.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_entity_seq').on('audit_log').columns(['entity_type', 'seq']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_entity_seq').execute();
}

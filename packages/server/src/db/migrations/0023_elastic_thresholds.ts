import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The outlet's thresholds for the elastic-window prompt (弹性窗口): JSON
// `{ enabled, surgeShare, minArrivals }`; null: the defaults (on, +30 %, 5 customers).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lobby_settings').addColumn('elastic_json', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lobby_settings').dropColumn('elastic_json').execute();
}

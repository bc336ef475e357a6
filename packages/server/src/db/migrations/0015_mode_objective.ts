import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// An outlet's own weights for the mode recommendation's objective (docs/engine.md, "Recommend"):
// a JSON object of weights, null for the engine's defaults.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lobby_settings').addColumn('mode_objective_json', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lobby_settings').dropColumn('mode_objective_json').execute();
}

import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The outlet's own special days for the arrivals forecast: the month-start pension days and the
// paydays, JSON arrays of day-of-month numbers (null: the defaults, [1,2,3,4,5] and [10,25]).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lobby_settings').addColumn('pension_days_json', 'text').execute();
  await db.schema.alterTable('lobby_settings').addColumn('paydays_json', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lobby_settings').dropColumn('paydays_json').execute();
  await db.schema.alterTable('lobby_settings').dropColumn('pension_days_json').execute();
}

import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Users and staff linked: a staff member may have a login, and the user knows their staff id
// (recusal by identity, pledges, check-ins, quizzes and rosters rely on it). One login per staff
// member at most; NULLs (accounts that are not staff: admins, officers, consultants) are distinct.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('staff_id', 'text').execute();
  await db.schema.createIndex('users_staff_id').unique().on('users').column('staff_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_staff_id').execute();
  await db.schema.alterTable('users').dropColumn('staff_id').execute();
}

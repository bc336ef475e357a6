import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Failed logins counted per account AND source (IP address): wrong passwords from one address
// hold up that address only, with a wait that doubles with each further failure, so an outsider
// cannot lock an account against its owner signing in from elsewhere. The account keeps what its
// owner is told at the next successful login: the failures (`failed_logins`, all sources) and
// how many times an address was held up (`locks_since_login`).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_throttle_pk', ['user_id', 'source'])
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('locks_since_login', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('locks_since_login').execute();
  await db.schema.dropTable('login_throttle').execute();
}

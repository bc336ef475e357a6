import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Complaints at scale (a million rows and more):
// - complaint_daily_stats: per branch, Beijing day and outlet, the number of complaints received,
//   how many are decided, how many on time and the sum of their days to decision;
// - complaint_daily_codes: per branch, Beijing day and JR/T 0169 code (channel, category, cause),
//   the number of complaints received.
// Both are maintained by the complaints repository in the same transaction as every write to
// complaints, so a year of statistics reads a few tens of thousands of rows instead of every
// complaint. This migration fills them from the complaints already stored.
// - list indexes: the deadline view walks due_on in order, counts of a status or a deadline
//   filter read an index only, and one outlet's statistics read an index only.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_daily_stats')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('outlet_id', 'text', (c) => c.notNull())
    .addColumn('complaints', 'integer', (c) => c.notNull())
    .addColumn('decided', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('decision_days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_daily_stats_pk', ['branch_id', 'day', 'outlet_id'])
    .execute();
  await db.schema
    .createIndex('complaint_daily_stats_outlet')
    .on('complaint_daily_stats')
    .columns(['outlet_id', 'day'])
    .execute();
  await db.schema
    .createTable('complaint_daily_codes')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('complaints', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_daily_codes_pk', ['branch_id', 'day', 'kind', 'code'])
    .execute();

  // The deadline view: by due_on, newest first within a day, index-only for the status filter
  // and the count of "overdue" / "due soon".
  await db.schema
    .createIndex('complaints_branch_due')
    .on('complaints')
    .columns(['branch_id', 'due_on', 'received_at desc', 'id desc', 'status'])
    .execute();
  // Counting a status filter within the branch without reading the table (replaces the index
  // on status alone).
  await db.schema.dropIndex('complaints_status_received').execute();
  await db.schema
    .createIndex('complaints_branch_status')
    .on('complaints')
    .columns(['branch_id', 'status', 'received_at', 'id'])
    .execute();
  // Statistics of one outlet: its complaints by date with the three codes, without the table.
  await db.schema
    .createIndex('complaints_outlet_codes')
    .on('complaints')
    .columns(['outlet_id', 'received_on', 'branch_id', 'channel_code', 'category_code', 'cause_code'])
    .execute();

  await sql`
    insert into complaint_daily_stats (branch_id, day, outlet_id, complaints, decided, on_time, decision_days)
    select branch_id, received_on, outlet_id, count(*), count(on_time), coalesce(sum(on_time), 0),
      coalesce(sum(days_to_decision), 0)
    from complaints group by branch_id, received_on, outlet_id`.execute(db);
  for (const [kind, column] of [
    ['channel', 'channel_code'],
    ['category', 'category_code'],
    ['cause', 'cause_code'],
  ] as const) {
    await sql`
      insert into complaint_daily_codes (branch_id, day, kind, code, complaints)
      select branch_id, received_on, ${sql.lit(kind)}, ${sql.ref(column)}, count(*)
      from complaints group by branch_id, received_on, ${sql.ref(column)}`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('complaints_outlet_codes').execute();
  await db.schema.dropIndex('complaints_branch_status').execute();
  await db.schema.dropIndex('complaints_branch_due').execute();
  await db.schema
    .createIndex('complaints_status_received')
    .on('complaints')
    .columns(['status', 'received_at'])
    .execute();
  await db.schema.dropTable('complaint_daily_codes').execute();
  await db.schema.dropTable('complaint_daily_stats').execute();
}

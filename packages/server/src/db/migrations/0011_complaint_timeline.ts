import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Every step of a complaint records when it happened, which may be earlier than when it is
// recorded. The case history keeps both (complaint_events.recorded_at beside `at`).
//
// Art. 18 sets the deadline for deciding *and informing*: complaints keep the first time the
// complainant was told of the decision (informed_at), whether the decision met the deadline
// (decision_on_time) and whether the telling did (inform_on_time); on_time becomes Art. 18 as a
// whole (both), null until the complainant is told unless the decision itself was late. The
// daily statistics count which of the two was missed (late_decision, late_inform).
// Art. 20's review window runs from informed_at.

const BEIJING_MS = 8 * 60 * 60_000;
const beijingDate = (iso: string) => new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 10);

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaints').addColumn('informed_at', 'text').execute();
  await db.schema.alterTable('complaints').addColumn('decision_on_time', 'integer').execute();
  await db.schema.alterTable('complaints').addColumn('inform_on_time', 'integer').execute();
  await db.schema.alterTable('complaint_events').addColumn('recorded_at', 'text').execute();
  for (const c of ['late_decision', 'late_inform'])
    await db.schema
      .alterTable('complaint_daily_stats')
      .addColumn(c, 'integer', (col) => col.notNull().defaultTo(0))
      .execute();

  await sql`update complaint_events set recorded_at = at`.execute(db);
  await sql`update complaints set decision_on_time = on_time where decided_at is not null`.execute(db);
  await sql`update complaints set informed_at = (
      select min(n.informed_at) from complaint_notices n
      where n.complaint_id = complaints.id and n.kind = 'decision')
    where decided_at is not null`.execute(db);
  // inform_on_time: the Beijing date told against the decision deadline, a batch at a time
  let after = '';
  for (;;) {
    const rows: { id: string; informed_at: string; decision_due_on: string | null }[] = await db
      .selectFrom('complaints')
      .select(['id', 'informed_at', 'decision_due_on'])
      .where('informed_at', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (!rows.length) break;
    after = rows.at(-1)!.id;
    const late = (r: (typeof rows)[number]) =>
      !!r.decision_due_on && beijingDate(r.informed_at) > r.decision_due_on;
    for (const [value, ids] of [
      [1, rows.filter((r) => !late(r)).map((r) => r.id)],
      [0, rows.filter(late).map((r) => r.id)],
    ] as const) {
      if (ids.length)
        await db.updateTable('complaints').set({ inform_on_time: value }).where('id', 'in', ids).execute();
    }
  }
  await sql`update complaints set on_time = case when decision_on_time = 0 then 0 else inform_on_time end
    where decided_at is not null`.execute(db);

  // the daily statistics, recomputed (as rebuildStats does) with the new columns
  await sql`delete from complaint_daily_stats`.execute(db);
  await sql`
    insert into complaint_daily_stats
      (branch_id, day, outlet_id, complaints, decided, on_time, decision_days, late_decision, late_inform)
    select branch_id, received_on, outlet_id, count(*), count(days_to_decision), coalesce(sum(on_time), 0),
      coalesce(sum(days_to_decision), 0),
      sum(case when decision_on_time = 0 then 1 else 0 end),
      sum(case when decision_on_time = 1 and inform_on_time = 0 then 1 else 0 end)
    from complaints group by branch_id, received_on, outlet_id`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['late_decision', 'late_inform'])
    await db.schema.alterTable('complaint_daily_stats').dropColumn(c).execute();
  await db.schema.alterTable('complaint_events').dropColumn('recorded_at').execute();
  await sql`update complaints set on_time = decision_on_time where decided_at is not null`.execute(db);
  for (const c of ['informed_at', 'decision_on_time', 'inform_on_time'])
    await db.schema.alterTable('complaints').dropColumn(c).execute();
}

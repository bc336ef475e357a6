import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The regulator's forwarding (Art. 33 of CBIRC Order 2020 No. 3): a complaint transferred by the
// regulator is forwarded within 7 working days of the regulator's receipt, counted on the official
// calendar. The complaint keeps that deadline and whether the forwarding was late beside the dates
// it is computed from; the server writes them with every write of the dates and recomputes them
// when the calendar changes (rows written before this migration are filled at start).
//
// The calendar ships with every year from 2024, so that older cases count right: 2024 is inserted
// here (国办发明电〔2023〕7号), unless the year already has entries (an administrator's, kept).
// 2025 and 2026 (migration 0002) were checked against the State Council's notices and agree.

const SEEDED_AT = '2026-01-01T00:00:00.000Z';

function range(first: string, n: number): string[] {
  const t = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t + i * 86_400_000).toISOString().slice(0, 10));
}
const days = (first: string, n: number, name: string) =>
  range(first, n).map((day) => ({ day, kind: 'holiday', name }));
const workday = (day: string, name: string) => ({ day, kind: 'workday', name });

/** 国务院办公厅关于2024年部分节假日安排的通知: days off and make-up working days (调休). */
const Y2024 = [
  ...days('2024-01-01', 1, '元旦'),
  ...days('2024-02-10', 8, '春节'),
  workday('2024-02-04', '春节调休'),
  workday('2024-02-18', '春节调休'),
  ...days('2024-04-04', 3, '清明节'),
  workday('2024-04-07', '清明节调休'),
  ...days('2024-05-01', 5, '劳动节'),
  workday('2024-04-28', '劳动节调休'),
  workday('2024-05-11', '劳动节调休'),
  ...days('2024-06-10', 1, '端午节'),
  ...days('2024-09-15', 3, '中秋节'),
  workday('2024-09-14', '中秋节调休'),
  ...days('2024-10-01', 7, '国庆节'),
  workday('2024-09-29', '国庆节调休'),
  workday('2024-10-12', '国庆节调休'),
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaints').addColumn('forwarding_due_on', 'text').execute();
  // 1 forwarded after the due date, 0 on time, null when not known (no dates, or not forwarded yet)
  await db.schema.alterTable('complaints').addColumn('forwarding_late', 'integer').execute();
  // The list's filter "forwarded late" and the statistics of regulator cases, within a branch.
  await db.schema
    .createIndex('complaints_branch_forwarding')
    .on('complaints')
    .columns(['branch_id', 'source', 'received_on', 'forwarding_late', 'forwarding_due_on'])
    .execute();

  const has2024 = await db
    .selectFrom('holiday_calendar')
    .select('day')
    .where('day', '>=', '2024-01-01')
    .where('day', '<=', '2024-12-31')
    .limit(1)
    .executeTakeFirst();
  if (!has2024)
    await db
      .insertInto('holiday_calendar')
      .values(Y2024.map((d) => ({ ...d, updated_at: SEEDED_AT })))
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('complaints_branch_forwarding').execute();
  await db.schema.alterTable('complaints').dropColumn('forwarding_late').execute();
  await db.schema.alterTable('complaints').dropColumn('forwarding_due_on').execute();
  await db
    .deleteFrom('holiday_calendar')
    .where('day', '>=', '2024-01-01')
    .where('day', '<=', '2024-12-31')
    .where('updated_at', '=', SEEDED_AT)
    .execute();
}

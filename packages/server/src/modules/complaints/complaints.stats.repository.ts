import { sql } from 'kysely';
import type { DB, Q } from '../../db/types';

/**
 * Complaint statistics kept per day (migration 0005): complaint_daily_stats per branch, day and
 * outlet (received, decided, on time, days to decision) and complaint_daily_codes per branch, day
 * and JR/T 0169 code. Every write to complaints goes through the complaints repository (many rows
 * at once: complaints.scale.repository), which calls addStats() with the rows' old and new values
 * in the same transaction; rebuildStats() recomputes both tables from the complaints themselves.
 */

/** The complaint columns the statistics depend on. */
export const STATS_COLUMNS = [
  'branch_id',
  'outlet_id',
  'received_on',
  'channel_code',
  'category_code',
  'cause_code',
  'on_time',
  'decision_on_time',
  'inform_on_time',
  'days_to_decision',
] as const;
export type StatsColumns = Pick<DB['complaints'], (typeof STATS_COLUMNS)[number]>;

const CODE_KINDS = [
  ['channel', 'channel_code'],
  ['category', 'category_code'],
  ['cause', 'cause_code'],
] as const;

/** Changes to the daily statistics, summed per key before they are written. */
export class StatsDelta {
  readonly days = new Map<string, DB['complaint_daily_stats']>();
  readonly codes = new Map<string, DB['complaint_daily_codes']>();

  /** Counts a complaint in (sign 1) or out (sign -1). */
  add(r: StatsColumns, sign: 1 | -1): this {
    const dk = `${r.branch_id}\u0000${r.received_on}\u0000${r.outlet_id}`;
    let d = this.days.get(dk);
    if (!d) {
      d = {
        branch_id: r.branch_id,
        day: r.received_on,
        outlet_id: r.outlet_id,
        complaints: 0,
        decided: 0,
        on_time: 0,
        decision_days: 0,
        late_decision: 0,
        late_inform: 0,
      };
      this.days.set(dk, d);
    }
    d.complaints += sign;
    // decided: days to decision are known (a case withdrawn late is late, not decided)
    if (r.days_to_decision !== null) d.decided += sign;
    d.on_time += sign * (r.on_time ?? 0);
    if (r.decision_on_time === 0) d.late_decision += sign;
    else if (r.decision_on_time === 1 && r.inform_on_time === 0) d.late_inform += sign;
    d.decision_days += sign * (r.days_to_decision ?? 0);
    for (const [kind, column] of CODE_KINDS) {
      const code = r[column];
      const ck = `${r.branch_id}\u0000${r.received_on}\u0000${kind}\u0000${code}`;
      let c = this.codes.get(ck);
      if (!c) {
        c = { branch_id: r.branch_id, day: r.received_on, kind, code, complaints: 0 };
        this.codes.set(ck, c);
      }
      c.complaints += sign;
    }
    return this;
  }

  get empty() {
    return this.days.size === 0;
  }
}

/** Whether two versions of a complaint count the same in the statistics. */
export const sameStats = (a: StatsColumns, b: StatsColumns) => STATS_COLUMNS.every((c) => a[c] === b[c]);

/**
 * Adds a delta to the daily tables (insert or add). Keys are written in sorted order, so that
 * concurrent transactions on PostgreSQL lock shared rows in the same order and cannot deadlock.
 */
export async function addStats(q: Q, delta: StatsDelta, chunk = 500): Promise<void> {
  const sorted = <T extends object>(m: Map<string, T>) =>
    [...m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, v]) => v)
      .filter((v) => Object.values(v).some((x) => typeof x === 'number' && x !== 0));
  const days = sorted(delta.days);
  for (let i = 0; i < days.length; i += chunk) {
    await q
      .insertInto('complaint_daily_stats')
      .values(days.slice(i, i + chunk))
      .onConflict((oc) =>
        oc.columns(['branch_id', 'day', 'outlet_id']).doUpdateSet((eb) => ({
          complaints: eb('complaint_daily_stats.complaints', '+', eb.ref('excluded.complaints')),
          decided: eb('complaint_daily_stats.decided', '+', eb.ref('excluded.decided')),
          on_time: eb('complaint_daily_stats.on_time', '+', eb.ref('excluded.on_time')),
          decision_days: eb('complaint_daily_stats.decision_days', '+', eb.ref('excluded.decision_days')),
          late_decision: eb('complaint_daily_stats.late_decision', '+', eb.ref('excluded.late_decision')),
          late_inform: eb('complaint_daily_stats.late_inform', '+', eb.ref('excluded.late_inform')),
        })),
      )
      .execute();
  }
  const codes = sorted(delta.codes);
  for (let i = 0; i < codes.length; i += chunk) {
    await q
      .insertInto('complaint_daily_codes')
      .values(codes.slice(i, i + chunk))
      .onConflict((oc) =>
        oc.columns(['branch_id', 'day', 'kind', 'code']).doUpdateSet((eb) => ({
          complaints: eb('complaint_daily_codes.complaints', '+', eb.ref('excluded.complaints')),
        })),
      )
      .execute();
  }
}

/** The statistics columns of some complaints, read before an update changes them. */
export const statsColumnsOf = (q: Q, ids: string[]) =>
  q
    .selectFrom('complaints')
    .select(['id', ...STATS_COLUMNS])
    .where('id', 'in', ids)
    .execute();

/** Recomputes the daily tables from the complaints (of one branch, or all). */
export async function rebuildStats(q: Q, branchId?: string): Promise<void> {
  let delDays = q.deleteFrom('complaint_daily_stats');
  let delCodes = q.deleteFrom('complaint_daily_codes');
  if (branchId) {
    delDays = delDays.where('branch_id', '=', branchId);
    delCodes = delCodes.where('branch_id', '=', branchId);
  }
  await delDays.execute();
  await delCodes.execute();
  const only = branchId ? sql`where branch_id = ${branchId}` : sql``;
  await sql`
    insert into complaint_daily_stats
      (branch_id, day, outlet_id, complaints, decided, on_time, decision_days, late_decision, late_inform)
    select branch_id, received_on, outlet_id, count(*), count(days_to_decision), coalesce(sum(on_time), 0),
      coalesce(sum(days_to_decision), 0),
      sum(case when decision_on_time = 0 then 1 else 0 end),
      sum(case when decision_on_time = 1 and inform_on_time = 0 then 1 else 0 end)
    from complaints ${only} group by branch_id, received_on, outlet_id`.execute(q);
  for (const [kind, column] of CODE_KINDS) {
    await sql`
      insert into complaint_daily_codes (branch_id, day, kind, code, complaints)
      select branch_id, received_on, ${sql.lit(kind)}, ${sql.ref(column)}, count(*)
      from complaints ${only} group by branch_id, received_on, ${sql.ref(column)}`.execute(q);
  }
}

export interface DailyFilter {
  branchId: string;
  onlyOutletId?: string | null;
  outletId?: string;
  fromDate?: string;
  toDate?: string;
}

/** Received, decided, on time and days to decision per outlet and month. */
/** How much the daily table holds: its rows (outlet-days) and the complaints they count. */
export async function statsSize(q: Q): Promise<{ rows: number; complaints: number }> {
  const r = await q
    .selectFrom('complaint_daily_stats')
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.sum<number>('complaints').as('complaints')])
    .executeTakeFirstOrThrow();
  return { rows: Number(r.rows), complaints: Number(r.complaints ?? 0) };
}

export async function dailyTotals(q: Q, f: DailyFilter) {
  const month = sql<string>`substr(day, 1, 7)`;
  let query = q.selectFrom('complaint_daily_stats').where('branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('outlet_id', '=', f.outletId);
  if (f.fromDate) query = query.where('day', '>=', f.fromDate);
  if (f.toDate) query = query.where('day', '<=', f.toDate);
  const rows = await query
    .select((eb) => [
      'outlet_id',
      month.as('month'),
      eb.fn.sum<number>('complaints').as('complaints'),
      eb.fn.sum<number>('decided').as('decided'),
      eb.fn.sum<number>('on_time').as('on_time'),
      eb.fn.sum<number>('decision_days').as('decision_days'),
      eb.fn.sum<number>('late_decision').as('late_decision'),
      eb.fn.sum<number>('late_inform').as('late_inform'),
    ])
    .groupBy(['outlet_id', month])
    .execute();
  return rows.map((r) => ({
    outletId: r.outlet_id,
    month: r.month,
    complaints: Number(r.complaints),
    decided: Number(r.decided),
    onTime: Number(r.on_time),
    decisionDays: Number(r.decision_days),
    lateDecision: Number(r.late_decision),
    lateInform: Number(r.late_inform),
  }));
}

/** Complaints per code kind and code of a whole branch (no outlet filter: see codeCountsOfOutlet). */
export async function dailyCodeCounts(q: Q, f: { branchId: string; fromDate?: string; toDate?: string }) {
  let query = q.selectFrom('complaint_daily_codes').where('branch_id', '=', f.branchId);
  if (f.fromDate) query = query.where('day', '>=', f.fromDate);
  if (f.toDate) query = query.where('day', '<=', f.toDate);
  const rows = await query
    .select((eb) => ['kind', 'code', eb.fn.sum<number>('complaints').as('n')])
    .groupBy(['kind', 'code'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, code: r.code, n: Number(r.n) }));
}

/** Complaints of one outlet per channel × category × cause (from complaints_outlet_codes). */
export async function codeCountsOfOutlet(
  q: Q,
  f: { branchId: string; outletId: string; fromDate?: string; toDate?: string },
) {
  let query = q
    .selectFrom('complaints')
    .where('outlet_id', '=', f.outletId)
    .where('branch_id', '=', f.branchId);
  if (f.fromDate) query = query.where('received_on', '>=', f.fromDate);
  if (f.toDate) query = query.where('received_on', '<=', f.toDate);
  const rows = await query
    .select((eb) => ['channel_code', 'category_code', 'cause_code', eb.fn.countAll<number>().as('n')])
    .groupBy(['channel_code', 'category_code', 'cause_code'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * The number of complaints of a list filter that only names the branch, the outlet, the dates
 * received and at most one code, from the daily tables (a few hundred rows instead of up to
 * `cap` complaints); undefined for any other filter.
 */
export async function countFromDaily(
  q: Q,
  f: DailyFilter & { code?: { kind: 'channel' | 'category' | 'cause'; code: string } },
): Promise<number | undefined> {
  if (f.code) {
    if (f.onlyOutletId || f.outletId) return undefined;
    let query = q
      .selectFrom('complaint_daily_codes')
      .where('branch_id', '=', f.branchId)
      .where('kind', '=', f.code.kind)
      .where('code', '=', f.code.code);
    if (f.fromDate) query = query.where('day', '>=', f.fromDate);
    if (f.toDate) query = query.where('day', '<=', f.toDate);
    const r = await query.select((eb) => eb.fn.sum<number>('complaints').as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
  let query = q.selectFrom('complaint_daily_stats').where('branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('outlet_id', '=', f.outletId);
  if (f.fromDate) query = query.where('day', '>=', f.fromDate);
  if (f.toDate) query = query.where('day', '<=', f.toDate);
  const r = await query.select((eb) => eb.fn.sum<number>('complaints').as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

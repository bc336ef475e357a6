import { addDays, beijingStartOfDay } from '@liangdian/engine/time';
import { sql } from 'kysely';
import { containsText, insertRow } from '../../db/query';
import type { DB, Q } from '../../db/types';
import * as stats from './complaints.stats.repository';

export type ComplaintRow = DB['complaints'];
export type ComplaintFullRow = ComplaintRow & {
  outlet_name: string;
  staff_name: string | null;
  handler_name: string | null;
  responsible_staff_name: string | null;
  /** names of the codes (null when a code is not in the tables) */
  channel_zh: string | null;
  channel_en: string | null;
  category_zh: string | null;
  category_en: string | null;
  cause_zh: string | null;
  cause_en: string | null;
};
export type EventRow = DB['complaint_events'];
export type PauseRow = DB['complaint_pauses'];
export type NoticeRow = DB['complaint_notices'];

// The code tables are read here by the statistics (insights.service): their SQL is in
// complaint-codes.repository.
export { findCode, listCodes } from './complaint-codes.repository';

// ---------------------------------------------------------------- complaints
export interface ComplaintFilter {
  branchId: string;
  onlyOutletId?: string | null;
  outletId?: string;
  q?: string;
  status?: string[];
  channel?: string;
  category?: string;
  cause?: string;
  source?: string;
  major?: boolean;
  handlerId?: string;
  staffId?: string;
  fromDate?: string;
  toDate?: string;
  /** the complainant's data: any of these digests of the blind index (complainant-index.ts) */
  complainant?: { kind: string; digest: string }[];
  /** due_on range (inclusive) */
  dueFrom?: string;
  dueTo?: string;
  /** Art. 33: regulator cases forwarded late (or not forwarded and past the due date, as of `today`), or on time */
  forwarding?: { late: boolean; today: string };
}
export type ComplaintSort = 'received_at' | 'due_on';

/** A complaint with the names it shows: outlet, people, and its three codes in the code tables. */
function fullQuery(q: Q) {
  return q
    .selectFrom('complaints as c')
    .innerJoin('outlets as o', 'o.id', 'c.outlet_id')
    .leftJoin('staff as s', 's.id', 'c.staff_id')
    .leftJoin('staff as rs', 'rs.id', 'c.responsible_staff_id')
    .leftJoin('users as u', 'u.id', 'c.handler_id')
    .leftJoin('complaint_codes as ch', (j) =>
      j.onRef('ch.code', '=', 'c.channel_code').on('ch.kind', '=', 'channel'),
    )
    .leftJoin('complaint_codes as ca', (j) =>
      j.onRef('ca.code', '=', 'c.category_code').on('ca.kind', '=', 'category'),
    )
    .leftJoin('complaint_codes as cu', (j) =>
      j.onRef('cu.code', '=', 'c.cause_code').on('cu.kind', '=', 'cause'),
    )
    .selectAll('c')
    .select([
      'o.name as outlet_name',
      's.name as staff_name',
      'u.display_name as handler_name',
      'rs.name as responsible_staff_name',
      'ch.name_zh as channel_zh',
      'ch.name_en as channel_en',
      'ca.name_zh as category_zh',
      'ca.name_en as category_en',
      'cu.name_zh as cause_zh',
      'cu.name_en as cause_en',
    ]);
}

function filtered(q: Q, f: ComplaintFilter, forPage = false) {
  let query = q.selectFrom('complaints as c').where('c.branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('c.outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('c.outlet_id', '=', f.outletId);
  if (f.status?.length) query = query.where('c.status', 'in', f.status);
  if (f.channel) query = query.where('c.channel_code', '=', f.channel);
  if (f.category) query = query.where('c.category_code', '=', f.category);
  if (f.cause) query = query.where('c.cause_code', '=', f.cause);
  if (f.source) query = query.where('c.source', '=', f.source);
  if (f.major !== undefined) query = query.where('c.major', '=', f.major ? 1 : 0);
  if (f.handlerId) query = query.where('c.handler_id', '=', f.handlerId);
  if (f.staffId) query = query.where('c.staff_id', '=', f.staffId);
  if (f.fromDate) query = query.where('c.received_on', '>=', f.fromDate);
  if (f.toDate) query = query.where('c.received_on', '<=', f.toDate);
  // received_on is the Beijing date of received_at (UTC+8 all year). For a page, the same range
  // as instants lets the walk of the received_at index start at the range's end (a count is
  // cheaper over the received_on index, which holds the codes too).
  if (f.fromDate && forPage) query = query.where('c.received_at', '>=', beijingStartOfDay(f.fromDate));
  if (f.toDate && forPage) query = query.where('c.received_at', '<', beijingStartOfDay(addDays(f.toDate, 1)));
  if (f.dueFrom) query = query.where('c.due_on', '>=', f.dueFrom);
  if (f.dueTo) query = query.where('c.due_on', '<=', f.dueTo);
  if (f.forwarding) {
    const { late, today } = f.forwarding;
    query = query
      .where('c.source', '=', 'regulator')
      .where('c.forwarding_due_on', 'is not', null)
      .where((eb) =>
        late
          ? eb.or([
              eb('c.forwarding_late', '=', 1),
              eb.and([eb('c.forwarded_on', 'is', null), eb('c.forwarding_due_on', '<', today)]),
            ])
          : eb.or([
              eb('c.forwarding_late', '=', 0),
              eb.and([eb('c.forwarded_on', 'is', null), eb('c.forwarding_due_on', '>=', today)]),
            ]),
      );
  }
  if (f.q) query = query.where(containsText(['c.no', 'c.claim'], f.q));
  if (f.complainant?.length) {
    const terms = f.complainant;
    query = query.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('complainant_index as ci')
        .select('ci.complaint_id')
        .where((w) =>
          w.or(terms.map((t) => w.and([w('ci.kind', '=', t.kind), w('ci.digest', '=', t.digest)]))),
        ),
    );
  }
  return query;
}

/** Rows with personal data but without its masked form (written before 0007). */
export const rowsWithoutMasked = (q: Q, limit: number) =>
  q
    .selectFrom('complaints')
    .select(['id', 'complainant_name_enc', 'complainant_phone_enc', 'complainant_id_enc'])
    .where((eb) =>
      eb.or([
        eb.and([eb('complainant_name_enc', 'is not', null), eb('complainant_name_masked', 'is', null)]),
        eb.and([eb('complainant_phone_enc', 'is not', null), eb('complainant_phone_masked', 'is', null)]),
        eb.and([eb('complainant_id_enc', 'is not', null), eb('complainant_id_masked', 'is', null)]),
      ]),
    )
    .limit(limit)
    .execute();
export const updateMasked = (
  q: Q,
  id: string,
  cols: Pick<ComplaintRow, 'complainant_name_masked' | 'complainant_phone_masked' | 'complainant_id_masked'>,
) => q.updateTable('complaints').set(cols).where('id', '=', id).execute();

/**
 * Lists count matching complaints up to this many: past it the answer is "10,000+", so that a
 * broad filter over millions of complaints costs a bounded index walk, not a full count.
 */
export const COUNT_CAP = 10_000;

export async function listComplaints(
  q: Q,
  f: ComplaintFilter,
  sort: ComplaintSort,
  desc: boolean,
  offset: number,
  limit: number,
  withTotal = true,
  countCap = COUNT_CAP,
): Promise<{ rows: ComplaintFullRow[]; total: number; totalCapped: boolean }> {
  // Two steps: the page's ids from the indexed complaints table alone, then the joined details
  // of just those rows.
  const dir = desc ? 'desc' : 'asc';
  const count = withTotal ? countMatching(q, f, countCap) : Promise.resolve({ n: 0 });
  const [pageIds, counted] = await Promise.all([
    sort === 'due_on'
      ? idsByDueDate(q, f, dir, offset, limit)
      : filtered(q, f, true)
          .select('c.id')
          .orderBy('c.received_at', dir)
          .orderBy('c.id', dir)
          .offset(offset)
          .limit(limit)
          .execute(),
    count,
  ]);
  const order = pageIds.map((r) => r.id);
  const rows = order.length ? await fullQuery(q).where('c.id', 'in', order).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const n = Number(counted.n);
  return { rows: order.map((id) => byId.get(id)!), total: Math.min(n, countCap), totalCapped: n > countCap };
}

/**
 * How many complaints match, up to `cap` + 1: from the daily statistics when the filter allows
 * and they are short (one outlet's days, or one code's days: a row per day), else by reading at
 * most `cap` + 1 index entries. A whole branch's daily statistics are a row per outlet and day
 * (tens of thousands a year): summing them cost more than the capped walk.
 */
async function countMatching(q: Q, f: ComplaintFilter, cap: number): Promise<{ n: number }> {
  const codes = (
    [
      ['channel', f.channel],
      ['category', f.category],
      ['cause', f.cause],
    ] as const
  ).filter(([, code]) => code);
  const daily =
    !f.q &&
    !f.complainant &&
    !f.status?.length &&
    !f.source &&
    f.major === undefined &&
    !f.handlerId &&
    !f.staffId &&
    !f.dueFrom &&
    !f.dueTo &&
    !f.forwarding &&
    codes.length <= 1 &&
    (codes.length === 1 || f.outletId || f.onlyOutletId)
      ? await stats.countFromDaily(q, {
          ...f,
          code: codes[0] ? { kind: codes[0][0], code: codes[0][1]! } : undefined,
        })
      : undefined;
  if (daily !== undefined) return { n: Math.min(daily, cap + 1) };
  return q
    .selectFrom(
      filtered(q, f)
        .select(sql<number>`1`.as('one'))
        .limit(cap + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
}

/**
 * A page by deadline: complaints with a running deadline by due_on (then newest first), those
 * without one after them. Two index walks (complaints_branch_due, then the received_at index)
 * instead of sorting every matching row by a computed key.
 */
async function idsByDueDate(q: Q, f: ComplaintFilter, dir: 'asc' | 'desc', offset: number, limit: number) {
  const running = await filtered(q, f, true)
    .where('c.due_on', 'is not', null)
    .select('c.id')
    .orderBy('c.due_on', dir)
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
  // A due-date filter leaves no complaint without a deadline; a full page needs no more.
  if (running.length === limit || f.dueFrom || f.dueTo) return running;
  // The page reaches past the last running deadline: how many there are places the rest.
  const withDue = running.length
    ? offset + running.length
    : Number(
        (
          await q
            .selectFrom(
              filtered(q, f)
                .where('c.due_on', 'is not', null)
                .select(sql<number>`1`.as('one'))
                .limit(offset + 1)
                .as('due'),
            )
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
  const rest = await filtered(q, f, true)
    .where('c.due_on', 'is', null)
    .select('c.id')
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(Math.max(0, offset - withDue))
    .limit(limit - running.length)
    .execute();
  return [...running, ...rest];
}

export const findComplaint = (q: Q, id: string): Promise<ComplaintFullRow | undefined> =>
  fullQuery(q).where('c.id', '=', id).executeTakeFirst();

// Every write to complaints keeps the daily statistics (complaints.stats.repository) in step, in
// the caller's transaction.
export async function insertComplaint(q: Q, row: ComplaintRow) {
  await q.insertInto('complaints').values(row).execute();
  await stats.addStats(q, new stats.StatsDelta().add(row, 1));
}
export async function updateComplaint(q: Q, id: string, patch: Partial<ComplaintRow>) {
  const counted = stats.STATS_COLUMNS.some((c) => c in patch);
  const before = counted ? (await stats.statsColumnsOf(q, [id]))[0] : undefined;
  await q.updateTable('complaints').set(patch).where('id', '=', id).execute();
  if (before) {
    const after = { ...before, ...patch } as stats.StatsColumns;
    if (!stats.sameStats(before, after))
      await stats.addStats(q, new stats.StatsDelta().add(before, -1).add(after, 1));
  }
}
export const complaintNoTaken = async (q: Q, no: string) =>
  !!(await q.selectFrom('complaints').select('id').where('no', '=', no).executeTakeFirst());
export const insertEvent = insertRow('complaint_events');
export async function insertEvents(q: Q, rows: EventRow[], chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk) {
    await q
      .insertInto('complaint_events')
      .values(rows.slice(i, i + chunk))
      .execute();
  }
}
/** When the latest of the given steps of a complaint happened (undefined: none yet). */
export async function lastStepAt(q: Q, complaintId: string, actions: readonly string[]) {
  const r = await q
    .selectFrom('complaint_events')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('complaint_id', '=', complaintId)
    .where('action', 'in', actions)
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? undefined;
}
export const listEvents = (q: Q, complaintId: string) =>
  q
    .selectFrom('complaint_events')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('at')
    .orderBy('id')
    .execute();

export const insertPause = insertRow('complaint_pauses');
export const listPauses = (q: Q, complaintId: string) =>
  q
    .selectFrom('complaint_pauses')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('started_at')
    .execute();
export async function endPause(q: Q, complaintId: string, at: string) {
  await q
    .updateTable('complaint_pauses')
    .set({ ended_at: at })
    .where('complaint_id', '=', complaintId)
    .where('ended_at', 'is', null)
    .execute();
}

export const insertNotice = insertRow('complaint_notices');
export const listNotices = (q: Q, complaintId: string) =>
  q
    .selectFrom('complaint_notices')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('informed_at')
    .execute();

// ---------------------------------------------------------------- people
export const findStaff = (q: Q, id: string) =>
  q.selectFrom('staff').select(['id', 'outlet_id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
export const findUser = (q: Q, id: string) =>
  q
    .selectFrom('users')
    .select(['id', 'branch_id', 'outlet_id', 'display_name', 'username', 'role', 'active', 'staff_id'])
    .where('id', '=', id)
    .executeTakeFirst();
/** Who may be made a complaint's handler for an outlet: the outlet's and the branch's handling roles. */
export const HANDLER_ROLES = ['admin', 'cp_officer', 'outlet_head', 'lobby_manager'] as const;
export const listHandlers = (q: Q, branchId: string, outletId: string) =>
  q
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'outlet_id'])
    .where('branch_id', '=', branchId)
    .where('active', '=', 1)
    .where('role', 'in', [...HANDLER_ROLES])
    .where((eb) => eb.or([eb('outlet_id', 'is', null), eb('outlet_id', '=', outletId)]))
    .orderBy('role')
    .orderBy('display_name')
    .limit(500)
    .execute();

export const findOutlet = (q: Q, id: string) =>
  q.selectFrom('outlets').select(['id', 'branch_id', 'name', 'code']).where('id', '=', id).executeTakeFirst();
export const outletsOfBranch = (q: Q, branchId: string) =>
  q.selectFrom('outlets').select(['id', 'code', 'name']).where('branch_id', '=', branchId).execute();
export const staffOfOutlet = (q: Q, outletId: string) =>
  q.selectFrom('staff').select(['id', 'name', 'employee_no']).where('outlet_id', '=', outletId).execute();

// ---------------------------------------------------------------- statistics
export interface StatsFilterRow {
  branchId: string;
  onlyOutletId?: string | null;
  outletId?: string;
  fromDate?: string;
  toDate?: string;
}
/** The complaints of a statistics filter (branch, outlet, dates received). */
export function statsBase(q: Q, f: StatsFilterRow) {
  let query = q.selectFrom('complaints').where('branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('outlet_id', '=', f.outletId);
  if (f.fromDate) query = query.where('received_on', '>=', f.fromDate);
  if (f.toDate) query = query.where('received_on', '<=', f.toDate);
  return query;
}
export type StatsDimension = 'channel_code' | 'category_code' | 'cause_code' | 'outlet_id';
export async function countBy(q: Q, f: StatsFilterRow, column: StatsDimension) {
  const rows = await statsBase(q, f)
    .select([sql.ref<string>(column).as('key'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(column)
    .execute();
  return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}
export async function countByMonth(q: Q, f: StatsFilterRow) {
  const month = sql<string>`substr(received_on, 1, 7)`;
  const rows = await statsBase(q, f)
    .select([month.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(month)
    .orderBy(month)
    .execute();
  return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}
export async function decisionTotals(q: Q, f: StatsFilterRow) {
  const r = await statsBase(q, f)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('days_to_decision').as('decided'),
      eb.fn.sum<number>('on_time').as('on_time'),
      eb.fn.sum<number>('days_to_decision').as('days'),
      eb.fn.sum<number>(eb.case().when('decision_on_time', '=', 0).then(1).else(0).end()).as('late_decision'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('decision_on_time', '=', 1), eb('inform_on_time', '=', 0)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('late_inform'),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: Number(r.total),
    decided: Number(r.decided ?? 0),
    onTime: Number(r.on_time ?? 0),
    days: Number(r.days ?? 0),
    lateDecision: Number(r.late_decision ?? 0),
    lateInform: Number(r.late_inform ?? 0),
  };
}
export async function countByThree(q: Q, f: StatsFilterRow) {
  const rows = await statsBase(q, f)
    .select(['category_code', 'cause_code', 'channel_code', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['category_code', 'cause_code', 'channel_code'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
export async function countCategoryCause(q: Q, f: StatsFilterRow & { since: string }) {
  const rows = await statsBase(q, f)
    .where('received_at', '>=', f.since)
    .select(['category_code', 'cause_code', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['category_code', 'cause_code'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

// ---------------------------------------------------------------- prevention and accountability
export const listControls = (q: Q, branchId: string) =>
  q.selectFrom('risk_controls').selectAll().where('branch_id', '=', branchId).execute();
export const findControls = (q: Q, branchId: string, category: string, cause: string) =>
  q
    .selectFrom('risk_controls')
    .selectAll()
    .where('branch_id', '=', branchId)
    .where('category_code', '=', category)
    .where('cause_code', '=', cause)
    .executeTakeFirst();
export async function upsertControls(q: Q, row: DB['risk_controls']) {
  await q
    .insertInto('risk_controls')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['branch_id', 'category_code', 'cause_code'])
        .doUpdateSet({ controls_json: row.controls_json, updated_at: row.updated_at }),
    )
    .execute();
}
export const listRules = (q: Q) =>
  q.selectFrom('accountability_rules').selectAll().orderBy('responsibility').orderBy('severity').execute();
export async function setRule(q: Q, responsibility: string, severity: string, points: number, at: string) {
  await q
    .insertInto('accountability_rules')
    .values({ id: `ar-${responsibility}-${severity}`, responsibility, severity, points, updated_at: at })
    .onConflict((oc) => oc.columns(['responsibility', 'severity']).doUpdateSet({ points, updated_at: at }))
    .execute();
}
export async function scorecard(
  q: Q,
  f: { branchId: string; onlyOutletId?: string | null; outletId?: string; month: string },
  by: 'outlet' | 'staff',
) {
  let query = q
    .selectFrom('complaints as c')
    .where('c.branch_id', '=', f.branchId)
    .where('c.decided_on', '>=', `${f.month}-01`)
    .where('c.decided_on', '<=', `${f.month}-31`)
    .where('c.points', 'is not', null);
  if (f.onlyOutletId) query = query.where('c.outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('c.outlet_id', '=', f.outletId);
  if (by === 'outlet') {
    return (
      await query
        .innerJoin('outlets as o', 'o.id', 'c.outlet_id')
        .select(['c.outlet_id as key', 'o.name as name', 'o.code as code'])
        .select((eb) => [
          eb.fn.countAll<number>().as('complaints'),
          eb.fn.sum<number>('c.points').as('points'),
        ])
        .groupBy(['c.outlet_id', 'o.name', 'o.code'])
        .execute()
    ).map((r) => ({ ...r, complaints: Number(r.complaints), points: Number(r.points ?? 0) }));
  }
  return (
    await query
      .innerJoin('staff as s', 's.id', 'c.responsible_staff_id')
      .innerJoin('outlets as o', 'o.id', 'c.outlet_id')
      .select([
        'c.responsible_staff_id as key',
        's.name as name',
        's.employee_no as code',
        'o.name as outlet_name',
      ])
      .select((eb) => [eb.fn.countAll<number>().as('complaints'), eb.fn.sum<number>('c.points').as('points')])
      .groupBy(['c.responsible_staff_id', 's.name', 's.employee_no', 'o.name'])
      .execute()
  ).map((r) => ({ ...r, key: r.key!, complaints: Number(r.complaints), points: Number(r.points ?? 0) }));
}

/** The bank a branch belongs to, as its notices name it. */
export const bankNameOf = async (q: Q, branchId: string): Promise<string | null> =>
  (await q.selectFrom('branches').select('bank_name').where('id', '=', branchId).executeTakeFirst())
    ?.bank_name ?? null;

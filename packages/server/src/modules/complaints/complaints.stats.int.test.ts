import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { createFieldCipher } from '../../lib/crypto';
import { XLSX_MIME } from '../../lib/xlsx';
import { type Client, login, makeBranchWithOutlets, makeTestApp, type TestApp } from '../../test/harness';
import { generateDemoComplaints } from './complaints.demo';
import * as repo from './complaints.repository';
import * as stats from './complaints.stats.repository';

type Cast = Awaited<ReturnType<typeof makeBranchWithOutlets>>;

const complaint = (outletId: string, over: Record<string, unknown> = {}) => ({
  outletId,
  receivedAt: '2026-10-28T10:00:00+08:00',
  channel: 'branch_premises',
  category: 'debit_card',
  cause: 'service_quality',
  source: 'walk_in',
  complainantName: '王五',
  complainantPhone: '13900001111',
  claim: '要求退还手续费',
  ...over,
});
const decision = { factsVerified: '属实', basis: '第十九条', reasons: '收费未公示', result: '退还手续费' };

interface Bucket {
  key: string;
  count: number;
}
const counts = (b: Bucket[]) => Object.fromEntries(b.map((x) => [x.key, x.count]));

describe('complaints: daily statistics (complaint_daily_stats, complaint_daily_codes)', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: Client;
  beforeEach(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
    admin = await login(t, 'admin');
  });
  afterEach(() => t.close());

  /** What the statistics are when computed from the complaints themselves. */
  async function fromComplaints(f: repo.StatsFilterRow) {
    const db = t.database.db;
    const [channel, category, cause, outlet, month, totals] = await Promise.all([
      repo.countBy(db, f, 'channel_code'),
      repo.countBy(db, f, 'category_code'),
      repo.countBy(db, f, 'cause_code'),
      repo.countBy(db, f, 'outlet_id'),
      repo.countByMonth(db, f),
      repo.decisionTotals(db, f),
    ]);
    const byKey = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
    return {
      total: totals.total,
      decided: totals.decided,
      onTime: totals.onTime,
      meanDaysToDecision: totals.decided ? totals.days / totals.decided : null,
      byChannel: byKey(channel),
      byCategory: byKey(category),
      byCause: byKey(cause),
      byOutlet: byKey(outlet),
      byMonth: byKey(month),
    };
  }
  async function fromApi(c: Client, query: string) {
    const res = await c.get(`/api/v1/complaints/stats${query}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    return {
      total: s.total,
      decided: s.decided,
      onTime: s.onTime,
      meanDaysToDecision: s.meanDaysToDecision,
      byChannel: counts(s.byChannel),
      byCategory: counts(s.byCategory),
      byCause: counts(s.byCause),
      byOutlet: counts(s.byOutlet),
      byMonth: counts(s.byMonth),
    };
  }
  const tables = async () => ({
    days: (
      await t.database.db
        .selectFrom('complaint_daily_stats')
        .selectAll()
        .where('complaints', '<>', 0)
        .orderBy('branch_id')
        .orderBy('day')
        .orderBy('outlet_id')
        .execute()
    ).map((r) => ({ ...r, decision_days: Number(r.decision_days) })),
    codes: await t.database.db
      .selectFrom('complaint_daily_codes')
      .selectAll()
      .where('complaints', '<>', 0)
      .orderBy('branch_id')
      .orderBy('day')
      .orderBy('kind')
      .orderBy('code')
      .execute(),
  });

  it('equal the statistics of the complaints after creating, deciding, editing, importing and generating', async () => {
    const created: string[] = [];
    const inputs = [
      complaint(cast.outletA),
      complaint(cast.outletA, { category: 'credit_card', cause: 'pricing_fees' }),
      complaint(cast.outletB, { channel: 'mobile_banking', receivedAt: '2026-09-30T23:30:00+08:00' }),
      complaint(cast.outletB, { category: 'loan', receivedAt: '2026-10-01T00:10:00+08:00' }),
      complaint(cast.outletA, { cause: 'disclosure', receivedAt: '2026-08-15T09:00:00+08:00' }),
    ];
    for (const body of inputs) {
      const res = await admin.post('/api/v1/complaints', body);
      expect(res.statusCode).toBe(201);
      created.push(res.json().id);
    }
    // Decide two: on_time and days_to_decision change.
    for (const id of [created[0]!, created[4]!]) {
      for (const step of ['acknowledge', 'investigate'])
        expect((await admin.post(`/api/v1/complaints/${id}/${step}`, {})).statusCode).toBe(200);
      expect((await admin.post(`/api/v1/complaints/${id}/decide`, decision)).statusCode).toBe(200);
    }
    // Reclassify one: it moves between codes.
    const edited = await admin.patch(`/api/v1/complaints/${created[1]}`, {
      channel: 'phone_banking',
      category: 'wealth_management',
      cause: 'marketing',
    });
    expect(edited.statusCode).toBe(200);
    // Withdraw one: its status changes, its counts do not.
    expect(
      (await admin.post(`/api/v1/complaints/${created[3]}/withdraw`, { comment: '客户撤诉' })).statusCode,
    ).toBe(200);
    // Import two.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('投诉');
    ws.addRow(['受理时间', '网点编号', '渠道', '业务类别', '投诉原因', '投诉人姓名', '诉求']);
    ws.addRow(['2026-10-05 09:30', 'A1', '营业现场', '借记卡', '定价收费', '赵六', '收费不合理']);
    ws.addRow(['2026-09-12 14:00', 'B1', '手机银行', '贷款', '信息披露', '孙七', '未告知利率']);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/complaints/import',
      headers: {
        cookie: `ld_session=${admin.cookie}`,
        'x-csrf-token': admin.csrf,
        'content-type': XLSX_MIME,
      },
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(imported.json()).toEqual({ imported: 2 });
    // Generate a few hundred, as `liangdian demo --complaints N` does.
    await generateDemoComplaints(t.database.db, 400, {
      branchId: cast.branchId,
      outletIds: [cast.outletA, cast.outletB],
      cipher: createFieldCipher(testConfig().secretKey),
      now: t.clock.now().toISOString(),
    });

    const whole = await fromApi(admin, '');
    expect(whole.total).toBe(407);
    expect(whole.decided).toBeGreaterThan(2);
    expect(whole).toEqual(await fromComplaints({ branchId: cast.branchId }));
    const october = { branchId: cast.branchId, fromDate: '2026-10-01', toDate: '2026-10-31' };
    expect(await fromApi(admin, '?from=2026-10-01&to=2026-10-31')).toEqual(await fromComplaints(october));
    expect(await fromApi(admin, `?outletId=${cast.outletB}&from=2026-09-01`)).toEqual(
      await fromComplaints({ branchId: cast.branchId, outletId: cast.outletB, fromDate: '2026-09-01' }),
    );
    const head = await login(t, 'head.a');
    expect(await fromApi(head, '?to=2026-10-15')).toEqual(
      await fromComplaints({ branchId: cast.branchId, onlyOutletId: cast.outletA, toDate: '2026-10-15' }),
    );
    expect(await fromApi(head, `?outletId=${cast.outletB}`)).toMatchObject({ total: 0, byChannel: {} });

    // List totals taken from the daily tables equal counts of the complaints.
    const listed = async (query: string) => {
      const res = await admin.get(`/api/v1/complaints?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().total;
    };
    const counted = async (
      where: Partial<Record<'category_code' | 'cause_code' | 'outlet_id', string>>,
      from?: string,
      to?: string,
    ) => {
      let q = t.database.db.selectFrom('complaints').where('branch_id', '=', cast.branchId);
      for (const [k, v] of Object.entries(where)) q = q.where(k as 'category_code', '=', v);
      if (from) q = q.where('received_on', '>=', from);
      if (to) q = q.where('received_on', '<=', to);
      return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    };
    expect(await listed('category=wealth_management')).toBe(
      await counted({ category_code: 'wealth_management' }),
    );
    expect(await listed('cause=pricing_fees&from=2026-10-01&to=2026-10-31')).toBe(
      await counted({ cause_code: 'pricing_fees' }, '2026-10-01', '2026-10-31'),
    );
    expect(await listed(`outletId=${cast.outletB}&to=2026-09-30`)).toBe(
      await counted({ outlet_id: cast.outletB }, undefined, '2026-09-30'),
    );
    expect(await listed('')).toBe(407);

    // What the writes kept is what a rebuild from the complaints computes.
    const kept = await tables();
    await stats.rebuildStats(t.database.db);
    expect(await tables()).toEqual(kept);
  });
});

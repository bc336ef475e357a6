import { complainantIndexOf } from './complainant-index';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { createFieldCipher } from '../../lib/crypto';
import { XLSX_MIME } from '../../lib/xlsx';
import { type Client, login, useCastApp } from '../../test/harness';
import { feeComplaintBody as complaint, feeDecisionBody as decision } from '../../test/complaints';
import { generateDemoComplaints } from './complaints.demo';
import * as repo from './complaints.repository';
import * as stats from './complaints.stats.repository';

interface Bucket {
  key: string;
  count: number;
}
const counts = (b: Bucket[]) => Object.fromEntries(b.map((x) => [x.key, x.count]));

describe('complaints: daily statistics (complaint_daily_stats, complaint_daily_codes)', () => {
  const ctx = useCastApp();

  /** What the statistics are when computed from the complaints themselves. */
  async function fromComplaints(f: repo.StatsFilterRow) {
    const db = ctx.t.database.db;
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
      await ctx.t.database.db
        .selectFrom('complaint_daily_stats')
        .selectAll()
        .where('complaints', '<>', 0)
        .orderBy('branch_id')
        .orderBy('day')
        .orderBy('outlet_id')
        .execute()
    ).map((r) => ({ ...r, decision_days: Number(r.decision_days) })),
    codes: await ctx.t.database.db
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
      complaint(ctx.cast.outletA),
      complaint(ctx.cast.outletA, { category: 'credit_card', cause: 'pricing_fees' }),
      complaint(ctx.cast.outletB, { channel: 'mobile_banking', receivedAt: '2026-09-30T23:30:00+08:00' }),
      complaint(ctx.cast.outletB, { category: 'loan', receivedAt: '2026-10-01T00:10:00+08:00' }),
      complaint(ctx.cast.outletA, { cause: 'disclosure', receivedAt: '2026-08-15T09:00:00+08:00' }),
    ];
    for (const body of inputs) {
      const res = await ctx.admin.post('/api/v1/complaints', body);
      expect(res.statusCode).toBe(201);
      created.push(res.json().id);
    }
    // Decide two: on_time and days_to_decision change.
    for (const id of [created[0]!, created[4]!]) {
      for (const step of ['acknowledge', 'investigate'])
        expect((await ctx.admin.post(`/api/v1/complaints/${id}/${step}`, {})).statusCode).toBe(200);
      expect((await ctx.admin.post(`/api/v1/complaints/${id}/decide`, decision)).statusCode).toBe(200);
    }
    // Reclassify one: it moves between codes.
    const edited = await ctx.admin.patch(`/api/v1/complaints/${created[1]}`, {
      channel: 'phone_banking',
      category: 'wealth_management',
      cause: 'marketing',
    });
    expect(edited.statusCode).toBe(200);
    // Withdraw one: its status changes, its counts do not.
    expect(
      (await ctx.admin.post(`/api/v1/complaints/${created[3]}/withdraw`, { comment: '客户撤诉' })).statusCode,
    ).toBe(200);
    // Import two.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('投诉');
    ws.addRow(['受理时间', '网点编号', '渠道', '业务类别', '投诉原因', '投诉人姓名', '诉求']);
    ws.addRow(['2026-10-05 09:30', 'A1', '营业现场', '借记卡', '定价收费', '赵六', '收费不合理']);
    ws.addRow(['2026-09-12 14:00', 'B1', '手机银行', '贷款', '信息披露', '孙七', '未告知利率']);
    const imported = await ctx.t.app.inject({
      method: 'POST',
      url: '/api/v1/complaints/import',
      headers: {
        cookie: `ld_session=${ctx.admin.cookie}`,
        'x-csrf-token': ctx.admin.csrf,
        'content-type': XLSX_MIME,
      },
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(imported.json()).toEqual({ imported: 2 });
    // Generate a few hundred, as `liangdian demo --complaints N` does.
    await generateDemoComplaints(ctx.t.database.db, 400, {
      branchId: ctx.cast.branchId,
      outletIds: [ctx.cast.outletA, ctx.cast.outletB],
      cipher: createFieldCipher(testConfig().secretKey),
      index: complainantIndexOf(testConfig().secretKey),
      now: ctx.t.clock.now().toISOString(),
    });

    const whole = await fromApi(ctx.admin, '');
    expect(whole.total).toBe(407);
    expect(whole.decided).toBeGreaterThan(2);
    expect(whole).toEqual(await fromComplaints({ branchId: ctx.cast.branchId }));
    const october = { branchId: ctx.cast.branchId, fromDate: '2026-10-01', toDate: '2026-10-31' };
    expect(await fromApi(ctx.admin, '?from=2026-10-01&to=2026-10-31')).toEqual(await fromComplaints(october));
    expect(await fromApi(ctx.admin, `?outletId=${ctx.cast.outletB}&from=2026-09-01`)).toEqual(
      await fromComplaints({
        branchId: ctx.cast.branchId,
        outletId: ctx.cast.outletB,
        fromDate: '2026-09-01',
      }),
    );
    const head = await login(ctx.t, 'head.a');
    expect(await fromApi(head, '?to=2026-10-15')).toEqual(
      await fromComplaints({
        branchId: ctx.cast.branchId,
        onlyOutletId: ctx.cast.outletA,
        toDate: '2026-10-15',
      }),
    );
    // another outlet is out of the head's scope: not found, as everywhere else
    expect((await head.get(`/api/v1/complaints/stats?outletId=${ctx.cast.outletB}`)).statusCode).toBe(404);

    // List totals taken from the daily tables equal counts of the complaints.
    const listed = async (query: string) => {
      const res = await ctx.admin.get(`/api/v1/complaints?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().total;
    };
    const counted = async (
      where: Partial<Record<'category_code' | 'cause_code' | 'outlet_id', string>>,
      from?: string,
      to?: string,
    ) => {
      let q = ctx.t.database.db.selectFrom('complaints').where('branch_id', '=', ctx.cast.branchId);
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
    expect(await listed(`outletId=${ctx.cast.outletB}&to=2026-09-30`)).toBe(
      await counted({ outlet_id: ctx.cast.outletB }, undefined, '2026-09-30'),
    );
    expect(await listed('')).toBe(407);

    // What the writes kept is what a rebuild from the complaints computes.
    const kept = await tables();
    await stats.rebuildStats(ctx.t.database.db);
    expect(await tables()).toEqual(kept);
  });
});

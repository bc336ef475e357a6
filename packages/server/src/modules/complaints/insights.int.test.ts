import { beijingWallDate } from '@liangdian/engine/time';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../lib/xlsx';
import { type Client, login, makeStaff, useCastApp } from '../../test/harness';
import { feeComplaintBody as complaint, feeDecisionBody as decision } from '../../test/complaints';
import { readSheet, expectSheetHead } from '../../test/xlsx';

describe('complaints: statistics, report, prevention and accountability', () => {
  const ctx = useCastApp();

  /** Decides now and tells the complainant now (Art. 18 is judged once they are told). */
  async function decideNow(id: string) {
    for (const step of ['acknowledge', 'investigate'])
      await ctx.admin.post(`/api/v1/complaints/${id}/${step}`, {});
    const decided = await ctx.admin.post(`/api/v1/complaints/${id}/decide`, decision);
    if (decided.statusCode !== 200) return decided;
    const told = { method: 'phone', proof: '电话告知' };
    expect((await ctx.admin.post(`/api/v1/complaints/${id}/inform`, told)).statusCode).toBe(200);
    return decided;
  }

  it('counts by dimension and month, with the on-time rate and mean days to decision', async () => {
    const a = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletA, { category: 'credit_card', cause: 'pricing_fees' }),
    );
    await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletB, {
        category: 'credit_card',
        cause: 'pricing_fees',
        channel: 'mobile_banking',
        receivedAt: '2026-09-30T10:00:00+08:00',
      }),
    );
    await decideNow(a.id); // received 10-28, decided 11-02: 5 days, on time
    const s = (await ctx.admin.get('/api/v1/complaints/stats')).json();
    expect(s).toMatchObject({ total: 3, decided: 1, onTime: 1, onTimeRate: 1, meanDaysToDecision: 5 });
    expect(s.byCategory[0]).toEqual({
      key: 'credit_card',
      nameZh: '信用卡',
      nameEn: 'Credit cards',
      count: 2,
    });
    expect(s.byMonth).toEqual([
      { key: '2026-09', nameZh: '2026-09', nameEn: '2026-09', count: 1 },
      { key: '2026-10', nameZh: '2026-10', nameEn: '2026-10', count: 2 },
    ]);
    expect(s.byOutlet.map((o: { nameZh: string; count: number }) => [o.nameZh, o.count])).toEqual([
      ['甲支行', 2],
      ['乙支行', 1],
    ]);
    const october = (await ctx.admin.get('/api/v1/complaints/stats?from=2026-10-01&to=2026-10-31')).json();
    expect(october.total).toBe(2);
    const head = await login(ctx.t, 'head.a');
    expect((await head.get('/api/v1/complaints/stats')).json().total).toBe(2);

    const report = (await ctx.admin.get('/api/v1/complaints/report')).json().items;
    expect(report).toContainEqual(
      expect.objectContaining({
        category: 'credit_card',
        cause: 'pricing_fees',
        channel: 'branch_premises',
        count: 1,
      }),
    );
    // the report as .xlsx: names for the codes, counts as numbers, the filter in the title rows
    const xlsx = await readSheet(
      await ctx.admin.get(
        `/api/v1/complaints/report/export.xlsx?from=2026-09-01&outletId=${ctx.cast.outletA}`,
      ),
    );
    expect(xlsx.title).toBe('消费投诉统计表');
    expect(xlsx.filterLine).toContain('受理日期起：2026-09-01');
    expect(xlsx.filterLine).toContain('网点：甲支行');
    expect(xlsx.headers).toEqual(['业务类别', '投诉原因', '业务办理渠道', '投诉量']);
    expect(xlsx.rows).toEqual([
      ['信用卡', '定价收费', '营业现场', 1],
      ['借记卡', '服务态度及服务质量', '营业现场', 1],
      // the total of every row (合计), as the page's last line
      ['合计', null, null, 2],
    ]);
    expect((await ctx.admin.patch('/api/v1/auth/me', { locale: 'en-US' })).statusCode).toBe(200);
    const en = await readSheet(await ctx.admin.get('/api/v1/complaints/report/export.xlsx'));
    expectSheetHead(en, {
      title: 'Consumer complaint report',
      filter: 'Filter: all',
      headers: ['Business category', 'Cause', 'Channel', 'Complaints'],
    });
    expect(en.rows).toContainEqual(['Credit cards', 'Pricing and fees', 'Mobile banking', 1]);
  });

  it('exports the statistics with names, whole counts and rounded rates', async () => {
    // three decided on 2 November: received 28 and 29 October (on time) and 1 October (late)
    const ids: string[] = [];
    for (const receivedAt of [
      '2026-10-28T10:00:00+08:00',
      '2026-10-29T10:00:00+08:00',
      '2026-10-01T10:00:00+08:00',
    ])
      ids.push(
        (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA, { receivedAt }))).json().id,
      );
    await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletB, { channel: 'mobile_banking' }));
    for (const id of ids) expect((await decideNow(id)).statusCode).toBe(200);
    const s = (await ctx.admin.get('/api/v1/complaints/stats')).json();
    expect(s).toMatchObject({ total: 4, decided: 3, onTime: 2 });
    // the page's numbers are not round: the sheet rounds them
    expect(s.onTimeRate).toBeCloseTo(2 / 3, 10);
    expect(Number.isInteger(s.meanDaysToDecision * 10)).toBe(false);

    const x = await readSheet(await ctx.admin.get('/api/v1/complaints/stats/export.xlsx?from=2026-10-01'));
    expectSheetHead(x, {
      title: '投诉统计',
      filter: '受理日期起：2026-10-01',
      headers: ['维度', '项目', '投诉量', '比率', '天数'],
    });
    expect(x.formats.slice(2)).toEqual(['#,##0', '0.0%', '#,##0.0']);
    const line = (dim: string, item: string) => x.rows.find((r) => r[0] === dim && r[1] === item);
    expect(line('渠道', '营业现场')).toEqual(['渠道', '营业现场', 3, null, null]);
    expect(line('渠道', '手机银行')).toEqual(['渠道', '手机银行', 1, null, null]);
    expect(line('业务类别', '借记卡')?.[2]).toBe(4);
    expect(line('投诉原因', '服务态度及服务质量')?.[2]).toBe(4);
    expect(line('网点', '甲支行')?.[2]).toBe(3);
    expect(line('月份', '2026-10')?.[2]).toBe(4);
    // the totals as the page shows them
    expect(line('合计', '投诉总数')).toEqual(['合计', '投诉总数', 4, null, null]);
    expect(line('合计', '按时办结率')).toEqual(['合计', '按时办结率', null, 0.667, null]);
    expect(line('合计', '平均处理天数')).toEqual([
      '合计',
      '平均处理天数',
      null,
      null,
      Math.round(s.meanDaysToDecision * 10) / 10,
    ]);

    // nothing decided yet: the rate and mean stay empty (the page shows "—")
    await ctx.admin.patch('/api/v1/auth/me', { locale: 'en-US' });
    const none = await readSheet(
      await ctx.admin.get(`/api/v1/complaints/stats/export.xlsx?outletId=${ctx.cast.outletB}`),
    );
    expect(none.filterLine).toContain('Outlet: 乙支行');
    expect(none.rows.find((r) => r[1] === 'Mobile banking')).toEqual([
      'Channel',
      'Mobile banking',
      1,
      null,
      null,
    ]);
    expect(none.rows.find((r) => r[1] === 'On-time rate')).toEqual([
      'Total',
      'On-time rate',
      null,
      null,
      null,
    ]);
  });

  it('ranks high-risk scenarios over 90 days and keeps their controls', async () => {
    for (let i = 0; i < 3; i++)
      await ctx.admin.post(
        '/api/v1/complaints',
        complaint(ctx.cast.outletA, { category: 'credit_card', cause: 'pricing_fees' }),
      );
    await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA));
    await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletA, { category: 'loan', receivedAt: '2026-06-01T10:00:00+08:00' }),
    );
    const saved = await ctx.admin.put('/api/v1/complaints/risk-controls', {
      category: 'credit_card',
      cause: 'pricing_fees',
      controls: ['收费项目逐项公示', '办理前口头提示费用'],
    });
    expect(saved.statusCode).toBe(200);
    const log = (await ctx.admin.get('/api/v1/audit?entityType=risk_controls')).json().items;
    expect(log).toEqual([
      expect.objectContaining({
        action: 'update',
        entityId: 'credit_card:pricing_fees',
        before: null,
        after: expect.objectContaining({ controls: ['收费项目逐项公示', '办理前口头提示费用'] }),
      }),
    ]);
    const risks = (await ctx.admin.get('/api/v1/complaints/risks')).json();
    expect(risks.total).toBe(2); // the June loan complaint is older than 90 days
    expect(risks.items[0]).toMatchObject({
      rank: 1,
      category: 'credit_card',
      cause: 'pricing_fees',
      count: 3,
      controls: ['收费项目逐项公示', '办理前口头提示费用'],
    });
    const x = await readSheet(await ctx.admin.get('/api/v1/complaints/risks/export.xlsx?days=30'));
    expectSheetHead(x, {
      title: '高风险场景',
      filter: '统计期间：近 30 天',
      headers: ['排名', '业务类别', '投诉原因', '投诉量', '防控措施', '措施更新时间'],
    });
    expect(x.rows[0]).toEqual([
      1,
      '信用卡',
      '定价收费',
      3,
      '收费项目逐项公示；办理前口头提示费用',
      beijingWallDate(saved.json().updatedAt),
    ]);
    expect(x.rows[1]).toEqual([2, '借记卡', '服务态度及服务质量', 1, null, null]);
    const head = await login(ctx.t, 'head.a');
    expect(
      (
        await head.put('/api/v1/complaints/risk-controls', {
          category: 'loan',
          cause: 'other',
          controls: [],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('gives points by responsibility and severity and ranks outlets and people monthly', async () => {
    const zhang = await makeStaff(ctx.t, ctx.cast.outletA, '张敏');
    const a = (
      await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA, { staffId: zhang }))
    ).json();
    const b = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletB))).json();
    await decideNow(a.id);
    await decideNow(b.id);
    const head = await login(ctx.t, 'head.a');
    expect(
      (await head.post(`/api/v1/complaints/${a.id}/assess`, { responsibility: 'full', severity: 'serious' }))
        .statusCode,
    ).toBe(403);
    const assessed = (
      await ctx.admin.post(`/api/v1/complaints/${a.id}/assess`, {
        responsibility: 'full',
        severity: 'serious',
      })
    ).json();
    expect(assessed).toMatchObject({ points: 6, responsibleStaffId: zhang, responsibleStaffName: '张敏' });
    const rules = await ctx.admin.put('/api/v1/complaints/accountability/rules', {
      rules: [{ responsibility: 'partial', severity: 'general', points: 2 }],
    });
    expect(
      rules
        .json()
        .items.find(
          (r: { responsibility: string; severity: string }) =>
            r.responsibility === 'partial' && r.severity === 'general',
        ).points,
    ).toBe(2);
    expect(
      (
        await ctx.admin.post(`/api/v1/complaints/${b.id}/assess`, {
          responsibility: 'partial',
          severity: 'general',
        })
      ).json().points,
    ).toBe(2);
    const outlets = (
      await ctx.admin.get('/api/v1/complaints/accountability/scorecards?month=2026-11&by=outlet')
    ).json();
    expect(
      outlets.items.map((r: { name: string; points: number; rank: number }) => [r.rank, r.name, r.points]),
    ).toEqual([
      [1, '乙支行', 2],
      [2, '甲支行', 6],
    ]);
    const people = (
      await ctx.admin.get('/api/v1/complaints/accountability/scorecards?month=2026-11&by=staff')
    ).json();
    expect(people.items).toEqual([
      expect.objectContaining({ name: '张敏', points: 6, complaints: 1, outletName: '甲支行' }),
    ]);
    expect(
      (await ctx.admin.get('/api/v1/complaints/accountability/scorecards?month=2026-10')).json().total,
    ).toBe(0);
    const x = await readSheet(
      await ctx.admin.get('/api/v1/complaints/accountability/scorecards/export.xlsx?month=2026-11&by=staff'),
    );
    expect(x.title).toBe('量化考核');
    expect(x.filterLine).toContain('考核月份：2026-11');
    expect(x.filterLine).toContain('考核对象：人员');
    expect(x.headers).toEqual(['排名', '编号', '名称', '网点', '投诉数', '扣分']);
    expect(x.rows).toEqual([[1, expect.stringMatching(/^E/), '张敏', '甲支行', 1, 6]]);
  });
});

describe('complaints: import', () => {
  const ctx = useCastApp();

  async function sheet(rows: (string | number | Date)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('投诉');
    ws.addRow([
      '受理时间',
      '网点编号',
      '渠道',
      '业务类别',
      '投诉原因',
      '来源',
      '转办日期',
      '投诉人姓名',
      '投诉人电话',
      '人数',
      '诉求',
    ]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = (c: Client, body: Buffer) =>
    c.post('/api/v1/complaints/import', body, { 'content-type': XLSX_MIME });

  /** A good row: 赵六's walk-in complaint at outlet A1, received at `at`. */
  const zhaoLiu = (at: string) => [
    at,
    'A1',
    '营业现场',
    '借记卡',
    '服务态度及服务质量',
    '现场',
    '',
    '赵六',
    '13700001111',
    1,
    '态度差',
  ];

  it('imports all rows or none, reporting every bad row with its number', async () => {
    const bad = await sheet([
      zhaoLiu('2026-10-01 09:30'),
      [
        '2026-10-02 09:30',
        'ZZ',
        '营业现场',
        '借记卡',
        '服务态度及服务质量',
        '现场',
        '',
        '孙七',
        '',
        1,
        '等候久',
      ],
      ['not a time', 'A1', '火星渠道', 'debit_card', 'service_quality', 'regulator', '', '周八', '', 1, ''],
    ]);
    const res = await upload(ctx.admin, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_FAILED');
    expect(res.json().title).toContain('2 行');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'rows.3.outletCode',
        'rows.4.receivedAt',
        'rows.4.channel',
        'rows.4.forwardedOn',
        'rows.4.claim',
      ]),
    );
    expect(fields.some((f: string) => f.startsWith('rows.2.'))).toBe(false);
    expect((await ctx.admin.get('/api/v1/complaints')).json().total).toBe(0);

    const good = await sheet([
      zhaoLiu('2026-10-01 23:30'),
      [
        '2026-10-02 09:30',
        'B1',
        'mobile_banking',
        'credit_card',
        'pricing_fees',
        '监管转办',
        '2026-10-02',
        '孙七',
        '',
        25,
        '年费争议',
      ],
    ]);
    const ok = await upload(ctx.admin, good);
    expect(ok.json()).toEqual({ imported: 2 });
    const list = (await ctx.admin.get('/api/v1/complaints?sort=receivedAt')).json();
    expect(list.items.map((c: { receivedOn: string; major: boolean }) => [c.receivedOn, c.major])).toEqual([
      ['2026-10-01', false],
      ['2026-10-02', true],
    ]);
    expect(list.items[0].complainantPhone).toBe('137****1111');
    const head = await login(ctx.t, 'head.a');
    expect((await upload(head, good)).statusCode).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { complaintBody, registerComplaint } from '../../test/complaints';
import { useCastApp } from '../../test/harness';
import { readSheet } from '../../test/xlsx';
import { fieldMessage } from '../../lib/messages';
import { loadExcel, XLSX_MIME } from '../../lib/xlsx';

/**
 * Art. 33: the regulator forwards within 7 working days of its receipt, on the official calendar
 * (holidays and make-up working days, 调休) — kept on the complaint, shown, filtered, exported and
 * counted; the dates checked against the case.
 */
describe('complaints: the regulator’s forwarding (Art. 33)', () => {
  const ctx = useCastApp();

  /** A regulator case received by the bank on `bankOn` (Beijing), with the regulator's dates. */
  const regulatorCase = (regulatorReceivedOn: string, forwardedOn: string, bankOn: string) =>
    complaintBody(ctx.cast.outletA, {
      source: 'regulator',
      regulatorReceivedOn,
      forwardedOn,
      receivedAt: `${bankOn}T09:00:00+08:00`,
    });
  const register = async (body: object) => {
    const res = await ctx.admin.post('/api/v1/complaints', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; forwardingDueOn: string | null; forwardingLate: boolean | null };
  };

  it.each([
    // 2024 春节: 02-10…02-17 off, Sunday 02-18 a make-up working day. From Wed 02-07: 02-08, 02-09,
    // 02-18 (Sun), 02-19, 02-20, 02-21, 02-22 — on weekdays alone it would be 02-16.
    {
      name: '2024 春节, forwarded on the last day',
      rec: '2024-02-07',
      fwd: '2024-02-22',
      due: '2024-02-22',
      late: false,
    },
    { name: '2024 春节, a day late', rec: '2024-02-07', fwd: '2024-02-23', due: '2024-02-22', late: true },
    // 2026 国庆: 10-01…10-07 off, Saturday 10-10 a make-up working day. From Tue 09-29: 09-30,
    // 10-08, 10-09, 10-10 (Sat), 10-12, 10-13, 10-14.
    { name: '2026 国庆, on time', rec: '2026-09-29', fwd: '2026-10-14', due: '2026-10-14', late: false },
    { name: '2026 国庆, late', rec: '2026-09-29', fwd: '2026-10-15', due: '2026-10-14', late: true },
  ])('counts working days on the official calendar: $name', async ({ rec, fwd, due, late }) => {
    const bankOn = fwd;
    const made = await register(regulatorCase(rec, fwd, bankOn));
    expect(made).toMatchObject({ forwardingDueOn: due, forwardingLate: late });
    const one = (await ctx.admin.get(`/api/v1/complaints/${made.id}`)).json();
    expect(one).toMatchObject({
      regulatorReceivedOn: rec,
      forwardedOn: fwd,
      forwardingDueOn: due,
      forwardingLate: late,
    });
  });

  it('lists, filters and exports the forwarding, and edits keep it right', async () => {
    const late = await register(regulatorCase('2024-02-07', '2024-02-23', '2024-02-26'));
    const onTime = await register(regulatorCase('2026-09-29', '2026-10-14', '2026-10-15'));
    const walkIn = await registerComplaint(ctx.admin, ctx.cast.outletA);
    const ids = async (query: string) =>
      ((await ctx.admin.get(`/api/v1/complaints?${query}`)).json().items as { id: string }[]).map(
        (c) => c.id,
      );
    expect(await ids('forwarding=late')).toEqual([late.id]);
    expect(await ids('forwarding=on_time')).toEqual([onTime.id]);
    expect(await ids('forwarding=late&outletId=' + ctx.cast.outletA)).toEqual([late.id]);
    expect((await ids('')).sort()).toEqual([late.id, onTime.id, walkIn].sort());
    const item = (await ctx.admin.get('/api/v1/complaints?forwarding=late')).json().items[0];
    expect(item).toMatchObject({
      forwardingDueOn: '2024-02-22',
      forwardingLate: true,
      forwardedOn: '2024-02-23',
    });

    const sheet = await readSheet(
      await ctx.admin.get('/api/v1/complaints/export.xlsx?forwarding=late', { 'accept-language': 'zh-CN' }),
    );
    expect(sheet.filterLine).toContain('监管转办：转办逾期');
    expect(sheet.rows).toHaveLength(1);
    const col = (h: string) => sheet.headers.indexOf(h);
    expect(col('转办期限')).toBeGreaterThan(0);
    expect(sheet.rows[0]![col('转办逾期')]).toBe('是');

    // forwarded a day earlier than recorded: on time now, and the list follows (its cache too)
    const edited = await ctx.admin.patch(`/api/v1/complaints/${late.id}`, { forwardedOn: '2024-02-22' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ forwardingDueOn: '2024-02-22', forwardingLate: false });
    expect(await ids('forwarding=late')).toEqual([]);
    const history = (await ctx.admin.get(`/api/v1/complaints/${late.id}/events`)).json().items;
    expect(history.at(-1).data).toEqual({ fields: ['forwardedOn'] });
  });

  it('sets the deadlines again when an administrator changes the calendar', async () => {
    const c = await register(regulatorCase('2024-02-07', '2024-02-20', '2024-02-26'));
    expect(c).toMatchObject({ forwardingDueOn: '2024-02-22', forwardingLate: false });
    // 2024 without its holidays: weekdays only, due Friday 02-16, so forwarded late on 02-20
    const put = await ctx.admin.put('/api/v1/holiday-calendar', { year: 2024, days: [] });
    expect(put.statusCode, put.body).toBe(200);
    expect((await ctx.admin.get(`/api/v1/complaints/${c.id}`)).json()).toMatchObject({
      forwardingDueOn: '2024-02-16',
      forwardingLate: true,
    });
    const listed = (await ctx.admin.get('/api/v1/complaints?forwarding=late')).json().items;
    expect(listed.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('counts regulator cases and those forwarded late in the statistics, under the filter', async () => {
    await register(regulatorCase('2024-02-07', '2024-02-23', '2024-02-26')); // late
    await register(regulatorCase('2026-09-29', '2026-10-14', '2026-10-15')); // on time
    await register(regulatorCase('2026-09-29', '2026-10-16', '2026-10-16')); // late
    await registerComplaint(ctx.admin, ctx.cast.outletA); // walk-in
    const all = (await ctx.admin.get('/api/v1/complaints/stats')).json();
    expect(all.total).toBe(4);
    expect(all.forwarding).toEqual({ regulatorCases: 3, late: 2 });
    const y2026 = (await ctx.admin.get('/api/v1/complaints/stats?from=2026-01-01&to=2026-12-31')).json();
    expect(y2026.forwarding).toEqual({ regulatorCases: 2, late: 1 });
    const other = (await ctx.admin.get(`/api/v1/complaints/stats?outletId=${ctx.cast.outletB}`)).json();
    expect(other.forwarding).toEqual({ regulatorCases: 0, late: 0 });

    const sheet = await readSheet(
      await ctx.admin.get('/api/v1/complaints/stats/export.xlsx?from=2026-01-01&to=2026-12-31', {
        'accept-language': 'zh-CN',
      }),
    );
    expect(sheet.filterLine).toContain('2026-01-01');
    expect(sheet.filterLine).toContain('2026-12-31');
    const line = (item: string) => sheet.rows.find((r) => r[0] === '监管转办' && r[1] === item);
    expect(line('监管转办投诉')?.[2]).toBe(2);
    expect(line('转办逾期')?.[2]).toBe(1);
    expect(line('转办逾期率')?.[3]).toBe(0.5);
  });

  it('imports regulator cases with their forwarding deadline, and refuses impossible dates by row', async () => {
    const ExcelJS = await loadExcel();
    const sheet = async (rows: Record<string, unknown>[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('投诉');
      const headers = [
        '受理时间',
        '网点编号',
        '渠道',
        '业务类别',
        '投诉原因',
        '来源',
        '监管受理日期',
        '转办日期',
        '投诉人姓名',
        '诉求',
      ];
      ws.addRow(headers);
      for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const row = (over: Record<string, unknown>) => ({
      受理时间: '2024-02-26 09:00',
      网点编号: 'A1',
      渠道: '营业现场',
      业务类别: '借记卡',
      投诉原因: '服务态度及服务质量',
      来源: '监管转办',
      投诉人姓名: '赵六',
      诉求: '监管转办件',
      ...over,
    });
    const upload = async (rows: Record<string, unknown>[]) =>
      ctx.admin.post('/api/v1/complaints/import', await sheet(rows), { 'content-type': XLSX_MIME });
    const bad = await upload([
      row({ 监管受理日期: '2024-02-07', 转办日期: '2024-02-06' }),
      row({ 监管受理日期: '2024-02-27', 转办日期: '2024-02-27' }),
      row({ 来源: '电话', 转办日期: '2024-02-23' }),
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'rows.2.forwardedOn:FORWARDED_BEFORE_REGULATOR_RECEIPT',
      'rows.3.regulatorReceivedOn:REGULATOR_RECEIPT_AFTER_RECEIPT',
      'rows.4.forwardedOn:REGULATOR_ONLY',
    ]);
    const good = await upload([row({ 监管受理日期: '2024-02-07', 转办日期: '2024-02-23' })]);
    expect(good.statusCode, good.body).toBe(200);
    const listed = (await ctx.admin.get('/api/v1/complaints?forwarding=late')).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      regulatorReceivedOn: '2024-02-07',
      forwardingDueOn: '2024-02-22',
      forwardingLate: true,
    });
  });

  describe('refuses dates that cannot be true, naming the field', () => {
    it.each([
      {
        name: 'forwarded before the regulator received it',
        over: {
          regulatorReceivedOn: '2026-10-20',
          forwardedOn: '2026-10-19',
          receivedAt: '2026-10-21T09:00:00+08:00',
        },
        field: 'body.forwardedOn',
        code: 'FORWARDED_BEFORE_REGULATOR_RECEIPT',
        zh: '转办日期不能早于监管受理日期（2026-10-20）',
      },
      {
        name: 'received by the regulator after the bank',
        over: {
          regulatorReceivedOn: '2026-10-22',
          forwardedOn: '2026-10-22',
          receivedAt: '2026-10-21T09:00:00+08:00',
        },
        field: 'body.regulatorReceivedOn',
        code: 'REGULATOR_RECEIPT_AFTER_RECEIPT',
        zh: '监管受理日期不能晚于本行受理日期（2026-10-21）',
      },
      {
        // 00:30 in Beijing on 10-21 is still 10-20 in UTC: the bank's date is Beijing's
        name: 'received by the regulator after the bank (Beijing date, not UTC)',
        over: {
          regulatorReceivedOn: '2026-10-22',
          forwardedOn: '2026-10-22',
          receivedAt: '2026-10-21T23:30:00+08:00',
        },
        field: 'body.regulatorReceivedOn',
        code: 'REGULATOR_RECEIPT_AFTER_RECEIPT',
        zh: '监管受理日期不能晚于本行受理日期（2026-10-21）',
      },
      {
        name: 'a forwarding date on a complaint the regulator did not transfer',
        over: { source: 'walk_in', forwardedOn: '2026-10-22' },
        field: 'body.forwardedOn',
        code: 'REGULATOR_ONLY',
        zh: '仅监管转办的投诉填写此日期',
      },
    ])('at registration: $name', async ({ over, field, code, zh }) => {
      const body = complaintBody(ctx.cast.outletA, { source: 'regulator', ...over });
      const res = await ctx.admin.post('/api/v1/complaints', body, { 'accept-language': 'zh-CN' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field, code })]);
      expect(res.json().errors[0].message).toContain(zh);
      // the message of the user's language (the session's locale): English as well
      const en = fieldMessage(res.json().errors[0], 'en-US');
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toContain(code);
      expect((await ctx.admin.get('/api/v1/complaints')).json().total).toBe(0);
    });

    it('accepts the same day for all three dates (Beijing)', async () => {
      const c = await register(
        complaintBody(ctx.cast.outletA, {
          source: 'regulator',
          regulatorReceivedOn: '2026-10-21',
          forwardedOn: '2026-10-21',
          receivedAt: '2026-10-21T00:30:00+08:00',
        }),
      );
      expect(c.forwardingLate).toBe(false);
    });

    it.each([
      {
        name: 'forwarded before the regulator’s receipt',
        patch: { forwardedOn: '2026-09-28' },
        field: 'body.forwardedOn',
        code: 'FORWARDED_BEFORE_REGULATOR_RECEIPT',
      },
      {
        name: 'regulator’s receipt after the bank’s',
        patch: { regulatorReceivedOn: '2026-10-16', forwardedOn: '2026-10-16' },
        field: 'body.regulatorReceivedOn',
        code: 'REGULATOR_RECEIPT_AFTER_RECEIPT',
      },
      {
        name: 'the forwarding date cleared',
        patch: { forwardedOn: null },
        field: 'body.forwardedOn',
        code: 'FORWARDED_ON_REQUIRED',
      },
    ])('at an edit: $name', async ({ patch, field, code }) => {
      const c = await register(regulatorCase('2026-09-29', '2026-10-14', '2026-10-15'));
      const res = await ctx.admin.patch(`/api/v1/complaints/${c.id}`, patch);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field, code })]);
      expect((await ctx.admin.get(`/api/v1/complaints/${c.id}`)).json()).toMatchObject({
        regulatorReceivedOn: '2026-09-29',
        forwardedOn: '2026-10-14',
        forwardingDueOn: '2026-10-14',
      });
    });

    it('at an edit of a complaint the regulator did not transfer', async () => {
      const id = await registerComplaint(ctx.admin, ctx.cast.outletA);
      const res = await ctx.admin.patch(`/api/v1/complaints/${id}`, { regulatorReceivedOn: '2026-10-01' });
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'body.regulatorReceivedOn', code: 'REGULATOR_ONLY' }),
      ]);
    });
  });
});

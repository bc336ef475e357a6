import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../lib/xlsx';
import { type Client, login, useCastApp } from '../../test/harness';

describe('complaints: the .xlsx import and its template', () => {
  const ctx = useCastApp();

  const upload = (c: Client, body: Buffer) =>
    c.post('/api/v1/complaints/import', body, { 'content-type': XLSX_MIME });

  /** The template as downloaded, filled in below its own headers. */
  async function filledTemplate(c: Client, rows: Record<string, unknown>[]): Promise<Buffer> {
    const res = await c.get('/api/v1/complaints/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('takes back its own template, reading Excel date cells as Beijing time', async () => {
    const file = await filledTemplate(ctx.admin, [
      {
        // an Excel date cell holds the wall clock: 07:32 is 07:32 in Beijing
        受理时间: new Date('2026-10-08T07:32:00Z'),
        网点编号: 'A1',
        渠道: '营业现场',
        业务类别: '借记卡',
        投诉原因: '服务态度及服务质量',
        投诉人姓名: '钱八',
        投诉人电话: '13600001111',
        诉求: '模板导入',
      },
      {
        受理时间: '2026-10-09 23:30',
        网点编号: 'B1',
        渠道: 'mobile_banking',
        业务类别: 'loan',
        投诉原因: 'pricing_fees',
        来源: '电话',
        投诉人姓名: '孙九',
        人数: 3,
        诉求: '利率争议',
      },
    ]);
    const res = await upload(ctx.admin, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    const list = (await ctx.admin.get('/api/v1/complaints?sort=receivedAt')).json().items;
    expect(
      list.map((c: { receivedAt: string; receivedOn: string; source: string; peopleCount: number }) => [
        c.receivedAt,
        c.receivedOn,
        c.source,
        c.peopleCount,
      ]),
    ).toEqual([
      ['2026-10-07T23:32:00.000Z', '2026-10-08', 'walk_in', 1],
      ['2026-10-09T15:30:00.000Z', '2026-10-09', 'phone', 3],
    ]);
    expect(list[0].complainantPhone).toBe('136****1111');
    const audit = await ctx.t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ imported: 2 });
  });

  it('serves the template in English to an English reader, and reads English headers back', async () => {
    await ctx.admin.patch('/api/v1/auth/me', { locale: 'en-US' });
    const en = await login(ctx.t, 'admin');
    const file = await filledTemplate(en, [
      {
        'Received at': '2026-10-08 09:00',
        'Outlet code': 'A1',
        Channel: 'Branch premises',
        Category: 'Debit cards',
        Cause: 'service_quality',
        'Complainant name': 'Li Lei',
        Claim: 'English sheet',
      },
    ]);
    expect((await upload(en, file)).json()).toEqual({ imported: 1 });
    const [c] = (await en.get('/api/v1/complaints')).json().items;
    expect(c).toMatchObject({ claim: 'English sheet', receivedAt: '2026-10-08T01:00:00.000Z' });
  });

  it('refuses a file that is no sheet, missing columns, and people who may not import', async () => {
    const notXlsx = await upload(ctx.admin, Buffer.from('not a workbook'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().errors[0]).toMatchObject({ field: 'body', code: 'invalid_format' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['受理时间', '网点编号']);
    const missing = await upload(ctx.admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['columns.channel', 'columns.complainantName', 'columns.claim']),
    );
    const bad = await upload(
      ctx.admin,
      await filledTemplate(ctx.admin, [
        {
          受理时间: '2026-10-08 25:00',
          网点编号: 'A1',
          渠道: 'x',
          业务类别: '借记卡',
          投诉原因: '定价收费',
          投诉人姓名: '甲',
          诉求: 'y',
        },
      ]),
    );
    expect(bad.json().code).toBe('IMPORT_FAILED');
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['rows.2.receivedAt', 'rows.2.channel']),
    );
    for (const who of ['head.a', 'lobby.a', 'consultant']) {
      const c = await login(ctx.t, who);
      expect((await upload(c, Buffer.from('x'))).statusCode).toBe(403);
    }
    expect((await ctx.admin.get('/api/v1/complaints')).json().total).toBe(0);
  });
});

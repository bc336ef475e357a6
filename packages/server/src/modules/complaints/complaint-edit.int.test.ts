import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Client, login, useCastApp } from '../../test/harness';
import { registerComplaint } from '../../test/complaints';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);

describe('complaints: editing, attachment limits and the import template', () => {
  let id: string;

  const ctx = useCastApp({ config: { attachmentMaxBytes: 128 * 1024 } });
  beforeEach(async () => {
    id = await registerComplaint(ctx.admin, ctx.cast.outletA, { claim: '柜员态度差', facts: '等候过久' });
  });

  const events = async (c: Client) =>
    (await c.get(`/api/v1/complaints/${id}/events`)).json().items as {
      action: string;
      data: { fields?: string[] } | null;
      actorName: string;
    }[];

  it('edits the claim, keeps what was left out, and records the edit in the case history', async () => {
    const res = await ctx.admin.patch(`/api/v1/complaints/${id}`, { claim: '要求柜员当面道歉' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      claim: '要求柜员当面道歉',
      facts: '等候过久',
      complainantName: '张*丰',
      complainantPhone: '138****1234',
    });
    const history = await events(ctx.admin);
    expect(history.map((e) => e.action)).toEqual(['register', 'update']);
    expect(history[1]!.data).toEqual({ fields: ['claim'] });
  });

  it('keeps the people count and the major flag when the edit leaves them out', async () => {
    expect((await ctx.admin.patch(`/api/v1/complaints/${id}`, { peopleCount: 25 })).json().major).toBe(true);
    const res = await ctx.admin.patch(`/api/v1/complaints/${id}`, { cause: 'pricing_fees' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      peopleCount: 25,
      major: true,
      cause: 'pricing_fees',
      facts: '等候过久',
    });
  });

  it('records no history entry when nothing changed', async () => {
    const res = await ctx.admin.patch(`/api/v1/complaints/${id}`, { claim: '柜员态度差', facts: '等候过久' });
    expect(res.statusCode).toBe(200);
    expect((await events(ctx.admin)).map((e) => e.action)).toEqual(['register']);
  });

  it('replaces re-entered personal data, clears the phone with null, and audits it masked', async () => {
    const res = await ctx.admin.patch(`/api/v1/complaints/${id}`, {
      complainantName: '张三峰',
      complainantPhone: null,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      complainantName: '张*峰',
      complainantPhone: null,
      complainantIdNumber: '530102********1234',
    });
    const clear = (await ctx.admin.post(`/api/v1/complaints/${id}/unmask`, { reason: '核对' })).json();
    expect(clear).toMatchObject({ complainantName: '张三峰', complainantPhone: null });
    expect((await events(ctx.admin))[1]!.data).toEqual({ fields: ['complainantName', 'complainantPhone'] });
    const audit = (await ctx.admin.get('/api/v1/audit?entityType=complaint&action=update')).body;
    expect(audit).toContain('张*峰');
    expect(audit).not.toContain('张三峰');
    expect(audit).not.toContain('13812341234');
  });

  it('refuses an empty name and lets only the handlers edit', async () => {
    const empty = await ctx.admin.patch(`/api/v1/complaints/${id}`, { complainantName: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('body.complainantName');
    const lobby = await login(ctx.t, 'lobby.a');
    expect((await lobby.patch(`/api/v1/complaints/${id}`, { claim: 'x' })).statusCode).toBe(403);
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.patch(`/api/v1/complaints/${id}`, { claim: 'x' })).statusCode).toBe(403);
    expect((await events(ctx.admin)).map((e) => e.action)).toEqual(['register']);
  });

  it('announces the attachment limits it enforces, and names the uploader in the list', async () => {
    const limits = await ctx.admin.get('/api/v1/complaints/attachment-limits');
    expect(limits.statusCode).toBe(200);
    expect(limits.json()).toEqual({
      maxBytes: 128 * 1024,
      extensions: expect.arrayContaining(['pdf', 'jpg', 'png', 'xlsx', 'txt']),
    });
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.get('/api/v1/complaints/attachment-limits')).statusCode).toBe(403);

    const boundary = '----edit-test';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="回单.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await ctx.t.app.inject({
      method: 'POST',
      url: `/api/v1/complaints/${id}/attachments`,
      headers: {
        cookie: `ld_session=${ctx.admin.cookie}`,
        'x-csrf-token': ctx.admin.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(up.statusCode).toBe(201);
    const list = (await ctx.admin.get(`/api/v1/complaints/${id}/attachments`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].uploadedByName).toBeTruthy();
    expect(list.items[0].uploadedByName).toBe(up.json().uploadedByName);
  });

  it('serves the import template with every column header', async () => {
    const res = await ctx.admin.get('/api/v1/complaints/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(headers).toEqual(expect.arrayContaining(['受理时间', '网点编号', '投诉人姓名', '诉求']));
  });
});

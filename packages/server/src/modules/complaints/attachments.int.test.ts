import { beforeEach, describe, expect, it } from 'vitest';
import { type Client, login, makeUser, useCastApp } from '../../test/harness';
import { registerComplaint } from '../../test/complaints';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('回单：客户已签收\n'),
  Buffer.alloc(200, 0x20),
]);

function multipart(fileName: string, data: Buffer, field = 'file') {
  const boundary = '----liangdian-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('complaint attachments', () => {
  let complaintId: string;

  const upload = (c: Client, fileName: string, data: Buffer, field?: string) => {
    const m = multipart(fileName, data, field);
    return ctx.t.app.inject({
      method: 'POST',
      url: `/api/v1/complaints/${complaintId}/attachments`,
      headers: { cookie: `ld_session=${c.cookie}`, 'x-csrf-token': c.csrf, 'content-type': m.contentType },
      payload: m.payload,
    });
  };

  const ctx = useCastApp();
  beforeEach(async () => {
    complaintId = await registerComplaint(ctx.admin, ctx.cast.outletA, {
      claim: '柜员态度差',
      facts: '等候过久',
    });
  });

  it('keeps a file with the complaint and returns the same bytes, auditing both', async () => {
    const res = await upload(ctx.admin, '签收回单.pdf', PDF);
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({ fileName: '签收回单.pdf', mediaType: 'application/pdf', size: PDF.length });
    const list = (await ctx.admin.get(`/api/v1/complaints/${complaintId}/attachments`)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([saved.id]);
    const file = await ctx.admin.get(`/api/v1/complaints/${complaintId}/attachments/${saved.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const audit = (await ctx.admin.get('/api/v1/audit?entityType=complaint')).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['attachment.upload', 'attachment.download']),
    );
  });

  it('refuses a file whose content does not match its name (415) and names the field', async () => {
    const res = await upload(ctx.admin, 'photo.jpg', Buffer.from('MZ\x90\x00 a program'));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      errors: [{ field: 'body.file' }],
    });
    expect((await ctx.admin.get(`/api/v1/complaints/${complaintId}/attachments`)).json().items).toEqual([]);
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70 * 1024, 0x20)]);
    const res = await upload(ctx.admin, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect((await ctx.admin.get(`/api/v1/complaints/${complaintId}/attachments`)).json().items).toEqual([]);
  });

  it('asks for the file when none is sent', async () => {
    const res = await ctx.admin.post(`/api/v1/complaints/${complaintId}/attachments`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.file');
  });

  it('keeps files from consultants (403) and from other outlets (404)', async () => {
    const saved = (await upload(ctx.admin, 'a.pdf', PDF)).json();
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.get(`/api/v1/complaints/${complaintId}/attachments`)).statusCode).toBe(403);
    expect(
      (await consultant.get(`/api/v1/complaints/${complaintId}/attachments/${saved.id}`)).statusCode,
    ).toBe(403);
    await makeUser(ctx.t, ctx.cast.branchId, 'outlet_head', ctx.cast.outletB, 'head.b');
    const headB = await login(ctx.t, 'head.b');
    expect((await headB.get(`/api/v1/complaints/${complaintId}/attachments`)).statusCode).toBe(404);
    expect((await headB.get(`/api/v1/complaints/${complaintId}/attachments/${saved.id}`)).statusCode).toBe(
      404,
    );
    const head = await login(ctx.t, 'head.a');
    expect((await head.get(`/api/v1/complaints/${complaintId}/attachments`)).statusCode).toBe(200);
  });
});

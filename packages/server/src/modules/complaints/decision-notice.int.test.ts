import { describe, expect, it } from 'vitest';
import { complaintBody as complaint, decisionBody as decision } from '../../test/complaints';
import { type Client, login, useCastApp } from '../../test/harness';
import { readPdf } from '../../test/pdf';
import { resolvePdfFont } from './decision-notice.pdf';

describe('the decision notice: real name behind the audited unmask, and the PDF', () => {
  const ctx = useCastApp();

  /** A complaint of outlet A, decided by its head (张三丰's, about a teller). */
  async function decided(head: Client) {
    const id = (await head.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json().id as string;
    const url = `/api/v1/complaints/${id}`;
    expect((await head.post(`${url}/acknowledge`, {})).statusCode).toBe(200);
    expect((await head.post(`${url}/investigate`, {})).statusCode).toBe(200);
    expect((await head.post(`${url}/decide`, decision)).statusCode).toBe(200);
    ctx.t.clock.advanceMinutes(20);
    const told = { method: 'sms', informedAt: '2026-11-02T09:10:00+08:00', proof: '短信回执' };
    expect((await head.post(`${url}/inform`, told)).statusCode).toBe(200);
    return url;
  }
  const unmaskEntries = () =>
    ctx.t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'unmask').execute();

  it('gives a cp_officer the real name with one audit entry naming the notice; others masked or 403', async () => {
    const head = await login(ctx.t, 'head.a');
    const url = await decided(head);
    const cpo = await login(ctx.t, 'cpo');

    const masked = (await cpo.get(`${url}/decision-notice`)).json();
    expect(masked).toMatchObject({ complainantName: '张*丰', personalData: 'masked', bankName: '测试银行' });
    expect(await unmaskEntries()).toHaveLength(0);

    // the reason is required
    const noReason = await cpo.get(`${url}/decision-notice?clear=true`);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toMatchObject({ field: 'query.reason', code: 'REASON_REQUIRED' });

    const clear = await cpo.get(
      `${url}/decision-notice?clear=true&reason=${encodeURIComponent('寄送告知书')}`,
    );
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toMatchObject({ complainantName: '张三丰', personalData: 'clear' });
    const entries = await unmaskEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_name: 'cpo', entity_type: 'complaint' });
    expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({
      fields: ['complainantName'],
      reason: '寄送告知书',
      purpose: 'decision_notice',
    });
    expect(entries[0]!.after_json).not.toContain('张三丰');

    // outlet roles: masked, never clear
    const lobby = await login(ctx.t, 'lobby.a');
    for (const who of [head, lobby]) {
      expect((await who.get(`${url}/decision-notice`)).json()).toMatchObject({
        complainantName: '张*丰',
        personalData: 'masked',
      });
      expect((await who.get(`${url}/decision-notice?clear=true&reason=x`)).statusCode).toBe(403);
      expect((await who.get(`${url}/decision-notice.pdf?clear=true&reason=x`)).statusCode).toBe(403);
    }
    // consultants: no name at all
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.get(`${url}/decision-notice`)).json()).toMatchObject({
      complainantName: null,
      personalData: 'hidden',
    });
    expect((await consultant.get(`${url}/decision-notice?clear=true&reason=x`)).statusCode).toBe(403);
    expect(await unmaskEntries()).toHaveLength(1);
  });

  it('makes a PDF with the embedded CJK font and the notice’s text; in clear only audited', async () => {
    const head = await login(ctx.t, 'head.a');
    const url = await decided(head);
    const res = await head.get(`${url}/decision-notice.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="TS20261102[0-9A-F]{6}\.pdf"/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    expect(read.embeddedFonts.some((f) => /NotoS(erif|ans)CJK/.test(f))).toBe(true);
    for (const text of [
      '测试银行',
      '投诉处理决定告知书',
      '尊敬的 张*丰：',
      '甲支行',
      decision.factsVerified,
      decision.basis,
      decision.reasons,
      decision.result,
      '救济途径',
      '告知记录',
      '短信回执',
    ])
      expect(read.text.replace(/\n/g, '')).toContain(text);
    expect(read.text).toMatch(/TS20261102[0-9A-F]{6}/);
    // the review window (Art. 20) as the complaint's view has it
    const by = (await head.get(url)).json().reviewRequestBy as string;
    const [y, m, d] = by.split('-').map(Number);
    expect(read.text.replace(/\n/g, '')).toContain(`（请于 ${y}年${m}月${d}日 前提出）`);
    expect(read.text).not.toContain('张三丰');
    expect(await unmaskEntries()).toHaveLength(0);

    const cpo = await login(ctx.t, 'cpo');
    const clear = await cpo.get(`${url}/decision-notice.pdf?clear=true&reason=${encodeURIComponent('邮寄')}`);
    expect(clear.statusCode).toBe(200);
    expect(readPdf(clear.rawPayload).text).toContain('尊敬的 张三丰：');
    const entries = await unmaskEntries();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({ purpose: 'decision_notice', pdf: true });

    // in English for a reader who works in English
    const en = await cpo.get(`${url}/decision-notice.pdf`, { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(200);
  });

  it('answers INVALID_STATE before the decision', async () => {
    const id = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json().id;
    expect((await ctx.admin.get(`/api/v1/complaints/${id}/decision-notice.pdf`)).json().code).toBe(
      'INVALID_STATE',
    );
  });
});

describe('the decision notice PDF: without a CJK font', () => {
  const ctx = useCastApp({ config: { pdfFontPath: '/nonexistent/NoFont.ttc' } });

  it('refuses with PDF_FONT_MISSING and a message a clerk can act on', async () => {
    const id = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json().id;
    const res = await ctx.admin.get(`/api/v1/complaints/${id}/decision-notice.pdf`);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'PDF_FONT_MISSING' });
    expect(res.json().title).toContain('打印');
  });

  it('picks the first Noto CJK file that exists, a configured face, or none', () => {
    expect(resolvePdfFont('', (f) => f.endsWith('NotoSansCJK-Regular.ttc'))).toEqual({
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      name: 'NotoSansCJKsc-Regular',
    });
    expect(resolvePdfFont('/f/x.ttc#Face-Name', () => true)).toEqual({ file: '/f/x.ttc', name: 'Face-Name' });
    expect(() => resolvePdfFont('', () => false)).toThrow('PDF_FONT_MISSING');
  });
});

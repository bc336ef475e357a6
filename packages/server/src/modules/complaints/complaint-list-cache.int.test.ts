import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../test/complaints';
import { login, useCastApp } from '../../test/harness';

/**
 * The complaint list's pages are kept as sent (http/answer-cache.ts). A kept page is only ever
 * the page the same request would make now: every change shows at once, and nobody is handed a
 * page made for someone who sees more.
 */
describe('the complaint list served from the answer cache', () => {
  const ctx = useCastApp();
  const list = async (client = ctx.admin, query = '') => {
    const res = await client.get(`/api/v1/complaints${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as {
      total: number;
      items: { id: string; claim: string; outletName: string; deadline: { daysLeft: number | null } }[];
    };
  };

  it('answers a page asked again from the cache, the same bytes', async () => {
    await registerComplaint(ctx.admin, ctx.cast.outletA);
    const first = await ctx.admin.get('/api/v1/complaints?pageSize=20');
    const hits = ctx.t.app.answers.hits;
    const again = await ctx.admin.get('/api/v1/complaints?pageSize=20');
    expect(ctx.t.app.answers.hits).toBe(hits + 1);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.headers['cache-control']).toBe('no-store');
  });

  it('keeps its pages through changes to what they do not show', async () => {
    await registerComplaint(ctx.admin, ctx.cast.outletA);
    await list();
    const questions = [{ question: '理财会亏损吗？', answer: '理财非存款，产品有风险。' }];
    const res = await ctx.admin.put(`/api/v1/outlets/${ctx.cast.outletA}/ten-questions/wealth`, {
      questions,
    });
    expect(res.statusCode).toBe(200);
    const hits = ctx.t.app.answers.hits;
    await list();
    expect(ctx.t.app.answers.hits).toBe(hits + 1);
  });

  it('shows a new complaint, an edit and a renamed outlet at once', async () => {
    const id = await registerComplaint(ctx.admin, ctx.cast.outletA, { claim: '第一次的诉求' });
    expect((await list()).items.map((c) => c.claim)).toEqual(['第一次的诉求']);

    await registerComplaint(ctx.admin, ctx.cast.outletB);
    expect((await list()).total).toBe(2);

    expect((await ctx.admin.patch(`/api/v1/complaints/${id}`, { claim: '改过的诉求' })).statusCode).toBe(200);
    expect((await list()).items.find((c) => c.id === id)?.claim).toBe('改过的诉求');

    expect(
      (await ctx.admin.patch(`/api/v1/outlets/${ctx.cast.outletA}`, { name: '甲支行（新址）' })).statusCode,
    ).toBe(200);
    expect((await list()).items.find((c) => c.id === id)?.outletName).toBe('甲支行（新址）');
  });

  it('never hands a page made for the branch to an outlet, nor masked data to a consultant', async () => {
    await registerComplaint(ctx.admin, ctx.cast.outletA);
    await registerComplaint(ctx.admin, ctx.cast.outletB);
    expect((await list()).total).toBe(2); // the branch's page is now in the cache
    const head = await login(ctx.t, 'head.a');
    const own = await list(head);
    expect(own.total).toBe(1);
    expect(own.items.every((c) => c.outletName === '甲支行')).toBe(true);
    const consultant = await login(ctx.t, 'consultant');
    const hidden = (await consultant.get('/api/v1/complaints')).json().items as {
      complainantName: string | null;
    }[];
    expect(hidden).toHaveLength(2);
    expect(hidden.every((c) => c.complainantName === null)).toBe(true);
  });

  it('still refuses an outlet outside the scope when the page is in the cache', async () => {
    await registerComplaint(ctx.admin, ctx.cast.outletB);
    expect((await list(ctx.admin, `?outletId=${ctx.cast.outletB}`)).total).toBe(1);
    const head = await login(ctx.t, 'head.a');
    expect((await head.get(`/api/v1/complaints?outletId=${ctx.cast.outletB}`)).statusCode).toBe(404);
  });
});

describe('the complaint list served from the answer cache, a day later', () => {
  // sessions that outlive the night, so that nothing but the date changes
  const ctx = useCastApp({ config: { sessionIdleMinutes: 3 * 24 * 60, sessionMaxHours: 72 } });

  it('counts the days left from the new Beijing date after midnight', async () => {
    await registerComplaint(ctx.admin, ctx.cast.outletA);
    const daysLeft = async () =>
      (await ctx.admin.get('/api/v1/complaints')).json().items[0].deadline.daysLeft;
    const before = await daysLeft();
    expect(await daysLeft()).toBe(before); // kept
    ctx.t.clock.advanceMinutes(24 * 60);
    expect(await daysLeft()).toBeLessThan(before);
  });
});

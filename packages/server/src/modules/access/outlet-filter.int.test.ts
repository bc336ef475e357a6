import { API, type EndpointDef } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import { login, makeBranch, makeOutlet, useCastApp } from '../../test/harness';

/** Every list of the contract that takes an `?outletId=` filter, with what else it requires. */
const REQUIRED: Record<string, Record<string, string>> = {
  '/complaints/accountability/scorecards': { month: '2026-03' },
};
const filtered = Object.values(API)
  .flatMap((feature) => Object.values(feature) as EndpointDef[])
  .filter((e) => e.method === 'GET' && !e.path.includes(':') && e.query && 'outletId' in e.query.shape)
  .flatMap((e) => [e.path, ...(e.exportable ? [`${e.path}/export.xlsx`] : [])]);

describe('the ?outletId= filter of every list', () => {
  const ctx = useCastApp();

  it('finds the lists that take it', () => {
    expect(filtered).toEqual(expect.arrayContaining(['/complaints', '/rectification-tasks', '/users']));
    expect(filtered.length).toBeGreaterThanOrEqual(10);
  });

  it.each(filtered)('%s: an outlet out of scope is NOT_FOUND, one in scope is listed', async (path) => {
    const other = await makeOutlet(ctx.t, await makeBranch(ctx.t, 'QJ'), { code: 'Q1' });
    const query = (outletId: string) =>
      new URLSearchParams({ ...(REQUIRED[path.replace('/export.xlsx', '')] ?? {}), outletId }).toString();
    const foreign = await ctx.admin.get(`/api/v1${path}?${query(other)}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    expect((await ctx.admin.get(`/api/v1${path}?${query(ctx.cast.outletA)}`)).statusCode).toBe(200);
  });

  it('answers an outlet user NOT_FOUND for another outlet of the branch', async () => {
    const head = await login(ctx.t, 'head.a');
    const r = await head.get(`/api/v1/complaints?outletId=${ctx.cast.outletB}`);
    expect(r.statusCode).toBe(404);
    expect((await head.get(`/api/v1/complaints?outletId=${ctx.cast.outletA}`)).statusCode).toBe(200);
  });
});

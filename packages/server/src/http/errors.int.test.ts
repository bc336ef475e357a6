import { describe, expect, it } from 'vitest';
import { DB_KIND, login, useCastApp } from '../test/harness';

describe('HTTP errors and health', () => {
  const ctx = useCastApp({ config: { bodyLimitBytes: 4096 }, signIn: false });

  it('reports health with the database kind and version', async () => {
    const res = await ctx.t.app.inject({ url: '/api/health' });
    expect(res.json()).toEqual({
      status: 'ok',
      db: DB_KIND,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const c = await login(ctx.t, 'admin');
    const res = await ctx.t.app.inject({
      method: 'POST',
      url: '/api/v1/outlets',
      headers: {
        cookie: `ld_session=${c.cookie}`,
        'x-csrf-token': c.csrf,
        'content-type': 'application/json',
      },
      payload: '{"code": "X", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('MALFORMED_JSON');
  });

  it('answers an oversized body with 413', async () => {
    const c = await login(ctx.t, 'admin');
    const res = await c.post('/api/v1/outlets', { branchId: 'x', code: 'X', name: 'x'.repeat(10_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await ctx.t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('never leaks stack traces or SQL', async () => {
    const c = await login(ctx.t, 'admin');
    // Break the database under the app: the next query fails inside a repository.
    await ctx.t.database.db.schema.alterTable('outlets').renameTo('outlets_gone').execute();
    const res = await c.get('/api/v1/outlets?pageSize=5');
    expect(res.statusCode).toBe(500);
    const body = res.body;
    expect(res.json().code).toBe('INTERNAL');
    expect(body).not.toMatch(/select|from|outlets_gone|sqlite|relation|at .*\.ts|node_modules/i);
  });

  it('publishes the OpenAPI document', async () => {
    const res = await ctx.t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/outlets', '/api/v1/outlets/{outletId}/staff', '/api/health']),
    );
  });
});

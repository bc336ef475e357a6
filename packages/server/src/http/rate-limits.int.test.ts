import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config';
import { registerComplaint } from '../test/complaints';
import { login, makeBranchWithOutlets, makeTestApp, type TestApp } from '../test/harness';
import { rateClassOf } from './rate-limits';

/** A test app whose limits are tiny (each test sets the one it hits); the others stay generous. */
async function withLimits(limits: Partial<Config>, run: (t: TestApp) => Promise<void>) {
  const t = await makeTestApp(limits);
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

function expectLimited(r: LightMyRequestResponse) {
  expect(r.statusCode).toBe(429);
  expect(r.headers['content-type']).toContain('application/problem+json');
  expect(r.json().code).toBe('RATE_LIMITED');
  expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
}

describe('rate limits', () => {
  it('limits each session, apart from the other sessions of the same address', async () => {
    await withLimits({ rateLimitPerMinute: 3 }, async (t) => {
      await makeBranchWithOutlets(t);
      const a = await login(t, 'admin');
      const b = await login(t, 'cpo');
      for (let i = 0; i < 3; i++) expect((await a.get('/api/v1/outlets')).statusCode).toBe(200);
      expectLimited(await a.get('/api/v1/outlets'));
      expect((await b.get('/api/v1/outlets')).statusCode).toBe(200);
    });
  });

  it('limits each address, signed in or not', async () => {
    await withLimits({ rateLimitIpPerMinute: 3 }, async (t) => {
      const get = (ip: string) => t.app.inject({ url: '/api/v1/meta', remoteAddress: ip });
      for (let i = 0; i < 3; i++) expect((await get('10.0.0.1')).statusCode).toBe(200);
      const limited = await get('10.0.0.1');
      expectLimited(limited);
      expect(limited.json().detail).toBe('请求过于频繁，请稍后再试');
      expect((await get('10.0.0.2')).statusCode).toBe(200);
      // counted before the session is looked up: an anonymous flood gets 429, not 401
      const anonymous = await t.app.inject({ url: '/api/v1/outlets', remoteAddress: '10.0.0.1' });
      expect(anonymous.statusCode).toBe(429);
    });
  });

  it('keeps login tight', async () => {
    await withLimits({ loginRatePerMinute: 2 }, async (t) => {
      const attempt = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'x', password: 'y' },
        });
      expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(401);
      expectLimited(await attempt());
    });
  });

  it('keeps exports tight, apart from the page itself', async () => {
    await withLimits({ rateLimitExportPerMinute: 1 }, async (t) => {
      await makeBranchWithOutlets(t);
      const admin = await login(t, 'admin');
      expect((await admin.get('/api/v1/outlets/export.xlsx')).statusCode).toBe(200);
      expectLimited(await admin.get('/api/v1/users/export.xlsx'));
      expect((await admin.get('/api/v1/outlets')).statusCode).toBe(200);
    });
  });

  it('keeps unmasking a complainant tight', async () => {
    await withLimits({ rateLimitUnmaskPerMinute: 1 }, async (t) => {
      const cast = await makeBranchWithOutlets(t);
      const admin = await login(t, 'admin');
      const id = await registerComplaint(admin, cast.outletA);
      expect((await admin.post(`/api/v1/complaints/${id}/unmask`, { reason: '核对' })).statusCode).toBe(200);
      expectLimited(await admin.post(`/api/v1/complaints/${id}/unmask`, { reason: '核对' }));
      expect((await admin.get(`/api/v1/complaints/${id}`)).statusCode).toBe(200);
    });
  });

  it('gives the ticket machine and the board their own, generous limits', async () => {
    await withLimits({ rateLimitIpPerMinute: 2 }, async (t) => {
      const cast = await makeBranchWithOutlets(t);
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/v1/outlets/${cast.outletA}/ticket-events`,
          headers: { authorization: 'Bearer not-a-token' },
          payload: { events: [] },
        });
        expect(r.statusCode).not.toBe(429);
      }
    });
  });
});

describe('the class of a route', () => {
  it('sorts the ticket machine, the board stream, login, unmask and exports apart', () => {
    expect(rateClassOf('POST', '/api/v1/auth/login')).toBe('login');
    expect(rateClassOf('POST', '/api/v1/outlets/:outletId/ticket-events')).toBe('machine');
    expect(rateClassOf('GET', '/api/v1/outlets/:outletId/lobby/stream')).toBe('stream');
    expect(rateClassOf('POST', '/api/v1/complaints/:id/unmask')).toBe('unmask');
    expect(rateClassOf('GET', '/api/v1/complaints/export.xlsx')).toBe('export');
    expect(rateClassOf('GET', '/api/v1/complaints')).toBe('api');
    // the decision notice in clear is an unmasking
    expect(rateClassOf('GET', '/api/v1/complaints/:id/decision-notice')).toBe('api');
    expect(rateClassOf('GET', '/api/v1/complaints/:id/decision-notice.pdf', true)).toBe('unmask');
  });
});

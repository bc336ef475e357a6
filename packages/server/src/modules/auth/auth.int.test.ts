import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, makeBranch, makeTestApp, makeUser, PASSWORD, type TestApp } from '../../test/harness';

describe('accounts and sessions', () => {
  let t: TestApp;
  let username: string;
  beforeEach(async () => {
    t = await makeTestApp({ loginRatePerMinute: 1000 });
    const branchId = await makeBranch(t);
    username = (await makeUser(t, branchId, 'cp_officer', null, 'li.juan')).username;
  });
  afterEach(() => t.close());

  const attempt = (password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

  it('signs in with an HttpOnly, SameSite=Strict session cookie and a CSRF token', async () => {
    const res = await attempt(PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ld_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.secure).toBeFalsy();
    expect(res.json()).toMatchObject({
      user: { username, role: 'cp_officer' },
      csrfToken: expect.any(String),
    });
    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { cookie: `ld_session=${cookie.value}` },
    });
    expect(me.json().user.username).toBe(username);
  });

  it('marks the cookie Secure when COOKIE_SECURE is on', async () => {
    const s = await makeTestApp({ cookieSecure: true });
    try {
      const b = await makeBranch(s);
      await makeUser(s, b, 'admin', null, 'admin');
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'ld_session')!.secure).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await attempt('not-the-password-1');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('locks the account for 15 minutes after five wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password-1')).statusCode).toBe(401);
    const fifth = await attempt('wrong-password-1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const sixth = await attempt(PASSWORD);
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().detail).toMatch(/锁定至 \d\d:\d\d/);
    t.clock.advanceMinutes(14);
    expect((await attempt(PASSWORD)).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('forgets earlier failures after a successful login', async () => {
    for (let i = 0; i < 4; i++) await attempt('wrong-password-1');
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password-1')).statusCode).toBe(401);
  });

  it('limits login attempts per IP address', async () => {
    const s = await makeTestApp({ loginRatePerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        const r = await s.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'x', password: 'y' },
        });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'x', password: 'y' },
      });
      expect(r.json().code).toBe('RATE_LIMITED');
    } finally {
      await s.close();
    }
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const c = await login(t, username);
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: `ld_session=${c.cookie}` },
      payload: { locale: 'en-US' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_TOKEN_INVALID');
    const wrongToken = await c.patch('/api/v1/auth/me', { locale: 'en-US' }, { 'x-csrf-token': 'forged' });
    expect(wrongToken.statusCode).toBe(403);
    const ok = await c.patch('/api/v1/auth/me', { locale: 'en-US' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe('en-US');
  });

  it('refuses a cross-site login form', async () => {
    const res = await attempt(PASSWORD, { origin: 'https://evil.example', host: 'localhost:8080' });
    expect(res.statusCode).toBe(403);
  });

  it('expires idle sessions and ends sessions at logout', async () => {
    const c = await login(t, username);
    t.clock.advanceMinutes(29);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const expired = await c.get('/api/v1/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('UNAUTHENTICATED');

    const d = await login(t, username);
    expect((await d.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await d.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends a session after its absolute lifetime however active it is', async () => {
    const c = await login(t, username);
    for (let h = 0; h < 12 * 3; h++) {
      t.clock.advanceMinutes(20);
      await c.get('/api/v1/auth/me');
    }
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('changes the password under the policy and ends other sessions', async () => {
    const a = await login(t, username);
    const b = await login(t, username);
    const weak = await a.post('/api/v1/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('PASSWORD_POLICY');
    expect(weak.json().errors.map((e: { field: string }) => e.field)).toContain('body.newPassword');
    const wrongCurrent = await a.post('/api/v1/auth/change-password', {
      currentPassword: 'nope-nope-1',
      newPassword: 'new-password-42',
    });
    expect(wrongCurrent.json().code).toBe('WRONG_PASSWORD');
    const ok = await a.post('/api/v1/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: 'new-password-42',
    });
    expect(ok.statusCode).toBe(204);
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await attempt(PASSWORD)).statusCode).toBe(401);
    expect((await attempt('new-password-42')).statusCode).toBe(200);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});

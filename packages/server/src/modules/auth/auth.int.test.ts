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

  const from = (ip: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('holds up an address after five wrong passwords, longer after each further one, and no other address', async () => {
    const outsider = '203.0.113.9';
    for (let i = 0; i < 4; i++) expect((await from(outsider, 'wrong-password-1')).statusCode).toBe(401);
    const fifth = await from(outsider, 'wrong-password-1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    // held up: even the right password is not checked from there
    const held = await from(outsider, PASSWORD);
    expect(held.statusCode).toBe(423);
    expect(held.json().detail).toMatch(/锁定至 \d\d:\d\d/);
    // the owner, from their own address, signs in at once
    expect((await from('10.1.2.3', PASSWORD)).statusCode).toBe(200);

    // the first wait is a minute, then two, then four (LOGIN_LOCK_MINUTES doubling)
    t.clock.advanceMinutes(1);
    expect((await from(outsider, 'wrong-password-1')).statusCode).toBe(423);
    t.clock.advanceMinutes(1);
    expect((await from(outsider, PASSWORD)).statusCode).toBe(423);
    t.clock.advanceMinutes(1);
    expect((await from(outsider, 'wrong-password-1')).statusCode).toBe(423);
    t.clock.advanceMinutes(3);
    expect((await from(outsider, PASSWORD)).statusCode).toBe(423);
    t.clock.advanceMinutes(1);
    expect((await from(outsider, PASSWORD)).statusCode).toBe(200);
  });

  it('caps the wait at LOGIN_LOCK_MAX_MINUTES', async () => {
    const s = await makeTestApp({ loginMaxFailures: 2, loginLockMinutes: 10, loginLockMaxMinutes: 25 });
    try {
      const b = await makeBranch(s);
      await makeUser(s, b, 'admin', null, 'admin');
      const attempt2 = (password: string) =>
        s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password } });
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await attempt2('wrong-password-1');
        if (r.statusCode === 423) {
          const until = new Date(r.json().lockedUntil).getTime();
          waits.push(Math.round((until - s.clock.now().getTime()) / 60_000));
          s.clock.advanceMinutes(waits.at(-1)!);
        }
      }
      expect(waits).toEqual([10, 20, 25, 25]);
    } finally {
      await s.close();
    }
  });

  it('tells the owner once, at their next login, of the wrong passwords and hold-ups since the last', async () => {
    for (let i = 0; i < 6; i++) await from('203.0.113.9', 'wrong-password-1');
    await from('198.51.100.7', 'wrong-password-1');
    const first = await from('10.1.2.3', PASSWORD);
    expect(first.json().notice).toEqual({ failedAttempts: 6, locks: 1 });
    const second = await from('10.1.2.3', PASSWORD);
    expect(second.json().notice).toBeNull();
  });

  it('writes no name typed for an account that does not exist into the audit log', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'Hunter2-typed-in-the-name-box', password: 'x' },
      remoteAddress: '203.0.113.9',
    });
    const rows = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'login.failed')
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/hunter2/i);
    expect(rows[0]).toMatchObject({ entity_id: '-', actor_name: '-', ip: '203.0.113.9' });
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
    expect(weak.json().errors).toEqual([
      { field: 'body.newPassword', code: 'PASSWORD_TOO_SHORT', message: '新密码：至少 12 个字符' },
    ]);
    const common = await a.post(
      '/api/v1/auth/change-password',
      { currentPassword: PASSWORD, newPassword: 'password1234' },
      { 'accept-language': 'en-US' },
    );
    expect(common.json().errors[0]).toMatchObject({ field: 'body.newPassword', code: 'PASSWORD_TOO_COMMON' });
    const named = await a.post('/api/v1/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: 'li.juan-2024!x',
    });
    expect(named.json().errors[0]).toMatchObject({
      code: 'PASSWORD_CONTAINS_NAME',
      message: expect.stringContaining('不能由用户名或姓名构成'),
    });
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

describe('what the server enforces before anything else', () => {
  let t: TestApp;
  let branchId: string;
  beforeEach(async () => {
    t = await makeTestApp();
    branchId = await makeBranch(t);
    await makeUser(t, branchId, 'admin', null, 'admin');
  });
  afterEach(() => t.close());

  it('holds a user who must change their password to me, change-password and logout', async () => {
    const admin = await login(t, 'admin');
    const created = await admin.post('/api/v1/users', {
      username: 'new.officer',
      displayName: '新专员',
      role: 'cp_officer',
      password: 'given-by-admin-1',
    });
    expect(created.json().mustChangePassword).toBe(true);
    const fresh = await login(t, 'new.officer', 'given-by-admin-1');
    for (const url of ['/api/v1/home', '/api/v1/complaints', '/api/v1/notifications', '/api/v1/outlets']) {
      const r = await fresh.get(url);
      expect(r.statusCode, url).toBe(403);
      expect(r.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const en = await fresh.get('/api/v1/outlets', { 'accept-language': 'en-US' });
    expect(en.json().title).toBeTruthy();
    expect((await fresh.patch('/api/v1/auth/me', { locale: 'en-US' })).statusCode).toBe(403);
    // what stays open: who am I, the change itself, signing out, and the public meta
    expect((await fresh.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await fresh.get('/api/v1/meta')).statusCode).toBe(200);
    const changed = await fresh.post('/api/v1/auth/change-password', {
      currentPassword: 'given-by-admin-1',
      newPassword: 'my-own-pass-of-2026',
    });
    expect(changed.statusCode).toBe(204);
    expect((await fresh.get('/api/v1/outlets')).statusCode).toBe(200);
    expect((await fresh.post('/api/v1/auth/logout')).statusCode).toBe(204);
  });

  it('lets a user who must change their password sign out', async () => {
    const admin = await login(t, 'admin');
    await admin.post('/api/v1/users', {
      username: 'new.officer',
      displayName: '新专员',
      role: 'cp_officer',
      password: 'given-by-admin-1',
    });
    const fresh = await login(t, 'new.officer', 'given-by-admin-1');
    expect((await fresh.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await fresh.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('answers an anonymous request 401 before looking at its body', async () => {
    for (const [method, url] of [
      ['POST', '/api/v1/users'],
      ['POST', '/api/v1/outlets'],
      ['POST', '/api/v1/complaints'],
    ] as const) {
      const r = await t.app.inject({ method, url, payload: { nonsense: true } });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().code).toBe('UNAUTHENTICATED');
      expect(r.json().errors).toBeUndefined();
      const malformed = await t.app.inject({
        method,
        url,
        payload: '{not json',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.statusCode, url).toBe(401);
    }
    // a signed-in request without its CSRF token is refused before validation too
    const admin = await login(t, 'admin');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: `ld_session=${admin.cookie}` },
      payload: { nonsense: true },
    });
    expect(noCsrf.json().code).toBe('CSRF_TOKEN_INVALID');
    // public routes still validate for anyone
    const login400 = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
    expect(login400.statusCode).toBe(400);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, login, makeBranchWithOutlets, makeTestApp, type TestApp } from '../../test/harness';

describe('user administration', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof makeBranchWithOutlets>>;
  let admin: Client;
  beforeEach(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
    admin = await login(t, 'admin');
  });
  afterEach(() => t.close());

  it('creates a user who must change the password, and checks role against scope', async () => {
    const noOutlet = await admin.post('/api/v1/users', {
      username: 'wang.fang',
      displayName: '王芳',
      role: 'lobby_manager',
      password: 'lobby-pass-123',
    });
    expect(noOutlet.statusCode).toBe(400);
    expect(noOutlet.json().errors[0]).toMatchObject({ field: 'body.outletId', code: 'SCOPE_MISMATCH' });
    const branchWithOutlet = await admin.post('/api/v1/users', {
      username: 'x.y',
      displayName: 'x',
      role: 'cp_officer',
      outletId: cast.outletA,
      password: 'lobby-pass-123',
    });
    expect(branchWithOutlet.statusCode).toBe(400);
    const weak = await admin.post('/api/v1/users', {
      username: 'wang.fang',
      displayName: '王芳',
      role: 'lobby_manager',
      outletId: cast.outletA,
      password: 'wang.fang1',
    });
    expect(weak.json().code).toBe('PASSWORD_POLICY');
    const ok = await admin.post('/api/v1/users', {
      username: 'wang.fang',
      displayName: '王芳',
      role: 'lobby_manager',
      outletId: cast.outletA,
      password: 'lobby-pass-123',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      username: 'wang.fang',
      outletName: '甲支行',
      mustChangePassword: true,
      active: true,
    });
    const dup = await admin.post('/api/v1/users', {
      username: 'wang.fang',
      displayName: '另一个',
      role: 'staff',
      outletId: cast.outletA,
      password: 'lobby-pass-123',
    });
    expect(dup.statusCode).toBe(409);
    const wang = await login(t, 'wang.fang', 'lobby-pass-123');
    expect((await wang.get(`/api/v1/outlets/${cast.outletB}`)).statusCode).toBe(404);
  });

  it('pages and filters users, and exports them', async () => {
    const list = (await admin.get('/api/v1/users?pageSize=2')).json();
    expect(list.total).toBe(6);
    expect(list.items).toHaveLength(2);
    expect(
      (await admin.get('/api/v1/users?role=outlet_head'))
        .json()
        .items.map((u: { username: string }) => u.username),
    ).toEqual(['head.a']);
    expect((await admin.get(`/api/v1/users?outletId=${cast.outletA}`)).json().total).toBe(2);
    const xlsx = await admin.get('/api/v1/users/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('deactivating a user ends their sessions at once', async () => {
    const head = await login(t, 'head.a');
    expect((await head.get('/api/v1/auth/me')).statusCode).toBe(200);
    const off = await admin.post(`/api/v1/users/${cast.headA.id}/deactivate`);
    expect(off.json().active).toBe(false);
    expect((await head.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(login(t, 'head.a')).rejects.toThrow(/401/);
    await admin.post(`/api/v1/users/${cast.headA.id}/reactivate`);
    expect((await login(t, 'head.a')).csrf).toBeTruthy();
  });

  it('moving a user to another outlet changes their scope at once', async () => {
    const head = await login(t, 'head.a');
    expect((await head.get(`/api/v1/outlets/${cast.outletA}`)).statusCode).toBe(200);
    await admin.patch(`/api/v1/users/${cast.headA.id}`, { outletId: cast.outletB });
    expect((await head.get(`/api/v1/outlets/${cast.outletA}`)).statusCode).toBe(401);
    const again = await login(t, 'head.a');
    expect((await again.get(`/api/v1/outlets/${cast.outletA}`)).statusCode).toBe(404);
    expect((await again.get(`/api/v1/outlets/${cast.outletB}`)).statusCode).toBe(200);
  });

  it('resets a password and unlocks an account', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'lobby.a', password: 'wrong-wrong-1' },
      });
    }
    expect((await admin.get('/api/v1/users?q=lobby')).json().items[0].lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/v1/users/${cast.lobbyA.id}/unlock`)).json().lockedUntil).toBeNull();
    expect(
      (await admin.post(`/api/v1/users/${cast.lobbyA.id}/reset-password`, { password: 'brand-new-pass-7' }))
        .statusCode,
    ).toBe(204);
    const lobby = await login(t, 'lobby.a', 'brand-new-pass-7');
    expect((await lobby.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('never lets an admin lock themselves out', async () => {
    expect((await admin.post(`/api/v1/users/${cast.admin.id}/deactivate`)).statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/users/${cast.admin.id}`, { role: 'reviewer' })).statusCode).toBe(403);
  });
});

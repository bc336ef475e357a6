import { describe, expect, it } from 'vitest';
import { login, makeStaff, PASSWORD, useCastApp } from '../../test/harness';
import { readSheet, expectSheetHead } from '../../test/xlsx';

describe('user administration', () => {
  const ctx = useCastApp();

  it('creates a user who must change the password, and checks role against scope', async () => {
    const noOutlet = await ctx.admin.post('/api/v1/users', {
      username: 'wang.fang',
      displayName: '王芳',
      role: 'lobby_manager',
      password: 'lobby-pass-123',
    });
    expect(noOutlet.statusCode).toBe(400);
    expect(noOutlet.json().errors[0]).toMatchObject({ field: 'body.outletId', code: 'SCOPE_MISMATCH' });
    const branchWithOutlet = await ctx.admin.post('/api/v1/users', {
      username: 'x.y',
      displayName: 'x',
      role: 'cp_officer',
      outletId: ctx.cast.outletA,
      password: 'lobby-pass-123',
    });
    expect(branchWithOutlet.statusCode).toBe(400);
    const wangFang = (password: string) =>
      ctx.admin.post('/api/v1/users', {
        username: 'wang.fang',
        displayName: '王芳',
        role: 'lobby_manager',
        outletId: ctx.cast.outletA,
        password,
      });
    // the policy's reason, on the field: too short, built from the name, too common
    for (const [password, code] of [
      ['wang.fang1', 'PASSWORD_TOO_SHORT'],
      ['Wang.Fang-1990', 'PASSWORD_CONTAINS_NAME'],
      ['qwertyuiop123', 'PASSWORD_TOO_COMMON'],
    ] as const) {
      const weak = await wangFang(password);
      expect(weak.json().code).toBe('PASSWORD_POLICY');
      expect(weak.json().errors[0]).toMatchObject({ field: 'body.password', code });
    }
    const ok = await wangFang('lobby-pass-123');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      username: 'wang.fang',
      outletName: '甲支行',
      mustChangePassword: true,
      active: true,
    });
    const dup = await ctx.admin.post('/api/v1/users', {
      username: 'wang.fang',
      displayName: '另一个',
      role: 'staff',
      outletId: ctx.cast.outletA,
      password: 'lobby-pass-123',
    });
    expect(dup.statusCode).toBe(409);
    const wang = await login(ctx.t, 'wang.fang', 'lobby-pass-123');
    expect((await wang.get(`/api/v1/outlets/${ctx.cast.outletB}`)).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    await wang.post('/api/v1/auth/change-password', {
      currentPassword: 'lobby-pass-123',
      newPassword: 'wang-own-pass-2026',
    });
    expect((await wang.get(`/api/v1/outlets/${ctx.cast.outletB}`)).statusCode).toBe(404);
  });

  it('pages and filters users, and exports them', async () => {
    const list = (await ctx.admin.get('/api/v1/users?pageSize=2')).json();
    expect(list.total).toBe(6);
    expect(list.items).toHaveLength(2);
    expect(
      (await ctx.admin.get('/api/v1/users?role=outlet_head'))
        .json()
        .items.map((u: { username: string }) => u.username),
    ).toEqual(['head.a']);
    expect((await ctx.admin.get(`/api/v1/users?outletId=${ctx.cast.outletA}`)).json().total).toBe(2);
    const xlsx = await ctx.admin.get('/api/v1/users/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const all = await readSheet(xlsx);
    expectSheetHead(all, {
      title: '用户列表',
      headers: ['用户名', '姓名', '角色', '数据范围', '员工档案', '状态', '最近登录', '创建时间'],
    });
    expect(all.rows).toHaveLength(6);
    // roles by their names, the scope by the outlet's name, times as Excel dates (Beijing)
    const head = all.rows.find((r) => r[0] === 'head.a')!;
    expect(head.slice(2, 4)).toEqual(['网点负责人', '甲支行']);
    expect(all.rows.find((r) => r[0] === 'cpo')!.slice(2, 4)).toEqual(['分行消保部', '全分行']);
    expect(all.rows.find((r) => r[0] === 'admin')![6]).toEqual(new Date('2026-11-02T09:00:00Z'));
    expect(head[7]).toBeInstanceOf(Date);
    expect(head[7]).toEqual(new Date('2026-11-02T09:00:00Z'));
    // the filter line names the filter, the outlet by its name; in English for whoever reads English
    await ctx.admin.patch('/api/v1/auth/me', { locale: 'en-US' });
    const en = await readSheet(
      await ctx.admin.get(`/api/v1/users/export.xlsx?role=outlet_head&outletId=${ctx.cast.outletA}`),
    );
    expect(en.title).toBe('Users');
    expect(en.filterLine).toContain('Role: Outlet head; Outlet: 甲支行');
    expect(en.rows.map((r) => [r[0], r[2], r[5]])).toEqual([['head.a', 'Outlet head', 'Active']]);
  });

  it('searches user names and the audit log for "_" and "%" as the characters they are', async () => {
    for (const username of ['li_na', 'lixna'])
      expect(
        (
          await ctx.admin.post('/api/v1/users', {
            username,
            displayName: `测试${username}`,
            role: 'staff',
            outletId: ctx.cast.outletA,
            password: PASSWORD,
          })
        ).statusCode,
      ).toBe(201);
    const found = async (path: string) =>
      (await ctx.admin.get(path)).json().items.map((u: { username: string }) => u.username);
    expect(await found('/api/v1/users?q=li_na')).toEqual(['li_na']);
    expect(await found('/api/v1/users?q=%25')).toEqual([]);
    // the audit log: the entity and the actor searched the same way
    const audit = async (query: string) => (await ctx.admin.get(`/api/v1/audit?${query}`)).json();
    const created = (await audit('action=create&pageSize=100')).items.filter(
      (e: { after: { username?: string } | null }) => e.after?.username === 'li_na',
    );
    expect(created).toHaveLength(1);
    expect((await audit('q=li_na&action=create')).items).toHaveLength(1);
    expect((await audit('q=%25')).total).toBe(0);
    expect((await audit('actor=%25')).total).toBe(0);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const head = await login(ctx.t, 'head.a');
    expect((await head.get('/api/v1/auth/me')).statusCode).toBe(200);
    const off = await ctx.admin.post(`/api/v1/users/${ctx.cast.headA.id}/deactivate`);
    expect(off.json().active).toBe(false);
    expect((await head.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(login(ctx.t, 'head.a')).rejects.toThrow(/401/);
    await ctx.admin.post(`/api/v1/users/${ctx.cast.headA.id}/reactivate`);
    expect((await login(ctx.t, 'head.a')).csrf).toBeTruthy();
  });

  it('moving a user to another outlet changes their scope at once', async () => {
    const head = await login(ctx.t, 'head.a');
    expect((await head.get(`/api/v1/outlets/${ctx.cast.outletA}`)).statusCode).toBe(200);
    await ctx.admin.patch(`/api/v1/users/${ctx.cast.headA.id}`, { outletId: ctx.cast.outletB });
    expect((await head.get(`/api/v1/outlets/${ctx.cast.outletA}`)).statusCode).toBe(401);
    const again = await login(ctx.t, 'head.a');
    expect((await again.get(`/api/v1/outlets/${ctx.cast.outletA}`)).statusCode).toBe(404);
    expect((await again.get(`/api/v1/outlets/${ctx.cast.outletB}`)).statusCode).toBe(200);
  });

  it('resets a password and unlocks an account, audited', async () => {
    const attempt = (password: string) =>
      ctx.t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'lobby.a', password },
        remoteAddress: '203.0.113.9',
      });
    for (let i = 0; i < 5; i++) await attempt('wrong-wrong-1');
    expect((await attempt(PASSWORD)).statusCode).toBe(423);
    expect((await ctx.admin.get('/api/v1/users?q=lobby')).json().items[0].lockedUntil).not.toBeNull();
    expect(
      (await ctx.admin.post(`/api/v1/users/${ctx.cast.lobbyA.id}/unlock`)).json().lockedUntil,
    ).toBeNull();
    // the held-up address may try again at once; the owner is still told of the wrong passwords
    const after = await attempt(PASSWORD);
    expect(after.statusCode).toBe(200);
    expect(after.json().notice).toEqual({ failedAttempts: 5, locks: 1 });
    const audit = (await ctx.admin.get('/api/v1/audit?action=unlock')).json();
    expect(audit.items.map((e: { entityId: string }) => e.entityId)).toContain(ctx.cast.lobbyA.id);

    const weak = await ctx.admin.post(`/api/v1/users/${ctx.cast.lobbyA.id}/reset-password`, {
      password: 'lobby.a-2026',
    });
    expect(weak.json().errors[0]).toMatchObject({ field: 'body.password', code: 'PASSWORD_CONTAINS_NAME' });
    expect(
      (
        await ctx.admin.post(`/api/v1/users/${ctx.cast.lobbyA.id}/reset-password`, {
          password: 'brand-new-pass-7',
        })
      ).statusCode,
    ).toBe(204);
    const lobby = await login(ctx.t, 'lobby.a', 'brand-new-pass-7');
    expect((await lobby.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('never lets an admin lock themselves out', async () => {
    expect((await ctx.admin.post(`/api/v1/users/${ctx.cast.admin.id}/deactivate`)).statusCode).toBe(403);
    expect(
      (await ctx.admin.patch(`/api/v1/users/${ctx.cast.admin.id}`, { role: 'reviewer' })).statusCode,
    ).toBe(403);
  });

  describe('logins of staff members', () => {
    const body = (staffId: string, over: Record<string, unknown> = {}) => ({
      username: 'zhao.min',
      displayName: '赵敏',
      role: 'staff',
      outletId: ctx.cast.outletA,
      password: 'lobby-pass-123',
      staffId,
      ...over,
    });

    it('makes a staff member a login of their outlet, once, in a role they hold', async () => {
      const teller = await makeStaff(ctx.t, ctx.cast.outletA, '钱进', ['teller']);
      const lobbyStaff = await makeStaff(ctx.t, ctx.cast.outletA, '赵敏', ['lobby_manager', 'teller']);
      const ofB = await makeStaff(ctx.t, ctx.cast.outletB, '孙涛', ['lobby_manager']);

      // a teller may sign in as staff, not as a lobby manager or outlet head
      const wrongRole = await ctx.admin.post('/api/v1/users', body(teller, { role: 'lobby_manager' }));
      expect(wrongRole.statusCode).toBe(400);
      expect(wrongRole.json()).toMatchObject({ code: 'STAFF_ROLE_MISMATCH' });
      expect(wrongRole.json().errors[0]).toMatchObject({ field: 'body.role', code: 'STAFF_ROLE_MISMATCH' });
      expect(wrongRole.json().detail).toContain('钱进');
      // the staff member must work at the outlet the login is scoped to
      const wrongOutlet = await ctx.admin.post('/api/v1/users', body(ofB, { role: 'lobby_manager' }));
      expect(wrongOutlet.statusCode).toBe(400);
      expect(wrongOutlet.json()).toMatchObject({ code: 'STAFF_NOT_IN_OUTLET' });
      expect(wrongOutlet.json().errors[0].field).toBe('body.outletId');
      const branchRole = await ctx.admin.post(
        '/api/v1/users',
        body(lobbyStaff, { role: 'cp_officer', outletId: null }),
      );
      expect(branchRole.statusCode).toBe(400);
      expect(branchRole.json().code).toBe('STAFF_NOT_IN_OUTLET');
      const unknown = await ctx.admin.post('/api/v1/users', body('no-such-staff'));
      expect(unknown.json().code).toBe('STAFF_NOT_IN_OUTLET');

      const made = await ctx.admin.post('/api/v1/users', body(lobbyStaff, { role: 'lobby_manager' }));
      expect(made.statusCode).toBe(201);
      expect(made.json()).toMatchObject({
        username: 'zhao.min',
        role: 'lobby_manager',
        outletName: '甲支行',
        staffId: lobbyStaff,
        staffName: '赵敏',
      });
      // the staff record shows its login
      const staff = (await ctx.admin.get(`/api/v1/outlets/${ctx.cast.outletA}/staff?q=赵敏`)).json().items[0];
      expect(staff).toMatchObject({ id: lobbyStaff, userId: made.json().id, username: 'zhao.min' });
      // one login per staff member, said in the user's language
      const again = await ctx.admin.post('/api/v1/users', body(lobbyStaff, { username: 'zhao.min2' }));
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'STAFF_HAS_LOGIN',
        detail: '员工赵敏已有登录账号（zhao.min），每位员工只能有一个账号',
      });
      await ctx.admin.patch('/api/v1/auth/me', { locale: 'en-US' });
      const againEn = await ctx.admin.post('/api/v1/users', body(lobbyStaff, { username: 'zhao.min2' }));
      await ctx.admin.patch('/api/v1/auth/me', { locale: 'zh-CN' });
      expect(againEn.json().detail).toBe(
        '赵敏 already has a login (zhao.min); a staff member has one login at most',
      );

      // the session knows the staff record
      const zhao = await login(ctx.t, 'zhao.min', 'lobby-pass-123');
      expect((await zhao.get('/api/v1/auth/me')).json().user).toMatchObject({
        staffId: lobbyStaff,
        staffName: '赵敏',
      });
      // the audit log has the link
      const entry = (await ctx.admin.get('/api/v1/audit?entityType=user&action=create')).json().items[0];
      expect(entry.after).toMatchObject({ username: 'zhao.min', staffId: lobbyStaff });
      // the user list and its export show the staff record
      const listed = (await ctx.admin.get('/api/v1/users?q=zhao')).json().items[0];
      expect(listed.staffName).toBe('赵敏');
      const sheet = await readSheet(await ctx.admin.get('/api/v1/users/export.xlsx?q=zhao'));
      expect(sheet.rows[0]![4]).toBe('赵敏');
    });

    it('keeps a linked login at its staff member’s outlet, and unlinks it on request', async () => {
      const s = await makeStaff(ctx.t, ctx.cast.outletA, '钱进', ['teller']);
      const made = (await ctx.admin.post('/api/v1/users', body(s))).json();
      const moved = await ctx.admin.patch(`/api/v1/users/${made.id}`, { outletId: ctx.cast.outletB });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().code).toBe('STAFF_NOT_IN_OUTLET');
      const promoted = await ctx.admin.patch(`/api/v1/users/${made.id}`, { role: 'outlet_head' });
      expect(promoted.json().code).toBe('STAFF_ROLE_MISMATCH');
      // unlinked, the login may move; the staff record has no login any more
      const unlinked = await ctx.admin.patch(`/api/v1/users/${made.id}`, {
        staffId: null,
        outletId: ctx.cast.outletB,
      });
      expect(unlinked.statusCode).toBe(200);
      expect(unlinked.json()).toMatchObject({ staffId: null, staffName: null, outletName: '乙支行' });
      const staff = (await ctx.admin.get(`/api/v1/outlets/${ctx.cast.outletA}/staff?q=钱进`)).json().items[0];
      expect(staff).toMatchObject({ userId: null, username: null });
      // and an existing login may be linked to a staff member without one
      const relinked = await ctx.admin.patch(`/api/v1/users/${ctx.cast.lobbyA.id}`, { staffId: s });
      expect(relinked.statusCode).toBe(400); // lobby.a is a lobby manager; 钱进 is a teller
      const asStaff = await ctx.admin.patch(`/api/v1/users/${ctx.cast.lobbyA.id}`, {
        staffId: s,
        role: 'staff',
      });
      expect(asStaff.json()).toMatchObject({ staffId: s, role: 'staff' });
    });

    it('lets only admins make logins for staff', async () => {
      const s = await makeStaff(ctx.t, ctx.cast.outletA, '钱进', ['teller']);
      for (const who of ['cpo', 'head.a']) {
        const c = await login(ctx.t, who);
        expect((await c.post('/api/v1/users', body(s, { password: PASSWORD }))).statusCode).toBe(403);
      }
      const staff = (await ctx.admin.get(`/api/v1/outlets/${ctx.cast.outletA}/staff?q=钱进`)).json().items[0];
      expect(staff.userId).toBeNull();
    });
  });
});

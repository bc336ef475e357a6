import { describe, expect, it } from 'vitest';
import { login, useCastApp } from '../../test/harness';
import { readSheet, expectSheetHead } from '../../test/xlsx';

describe('audit log', () => {
  const ctx = useCastApp({ signIn: false });

  it('records logins and every change with before/after, personal data masked', async () => {
    const admin = await login(ctx.t, 'admin');
    const base = `/api/v1/outlets/${ctx.cast.outletA}`;
    const s = (
      await admin.post(`${base}/staff`, {
        employeeNo: 'E9',
        name: '孙丽',
        roles: ['teller'],
        phone: '13800001111',
      })
    ).json();
    await admin.patch(`${base}/staff/${s.id}`, { name: '孙丽丽' });
    await admin.post(`${base}/staff/${s.id}/deactivate`);
    try {
      await login(ctx.t, 'admin', 'wrong-password-1');
    } catch {}

    const log = (await admin.get('/api/v1/audit?pageSize=50')).json();
    const actions = log.items.map(
      (e: { action: string; entityType: string }) => `${e.entityType}:${e.action}`,
    );
    expect(actions).toEqual([
      'user:login.failed',
      'staff:deactivate',
      'staff:update',
      'staff:create',
      'user:login',
    ]);
    const update = log.items.find((e: { action: string }) => e.action === 'update');
    expect(update.before.name).toBe('孙丽');
    expect(update.after.name).toBe('孙丽丽');
    expect(update.actorName).toBe('admin');
    expect(update.outletId).toBe(ctx.cast.outletA);
    const raw = JSON.stringify(log.items);
    expect(raw).not.toContain('13800001111');
    expect(raw).toContain('138****1111');

    const filtered = (await admin.get('/api/v1/audit?entityType=staff&action=update')).json();
    expect(filtered.total).toBe(1);
  });

  it('verifies the hash chain and names the first tampered entry', async () => {
    const admin = await login(ctx.t, 'admin');
    for (let i = 0; i < 4; i++) {
      await admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, {
        kind: 'cash',
        name: `区${i}`,
        capacity: 1,
      });
    }
    const ok = (await admin.get('/api/v1/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, checked: 5, firstBrokenSeq: null });

    await ctx.t.database.db
      .updateTable('audit_log')
      .set({ after_json: '{"name":"篡改"}' })
      .where('seq', '=', 3)
      .execute();
    const broken = (await admin.get('/api/v1/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: 3 });

    const svc = ctx.t.app.services.audit;
    expect((await svc.verify(ctx.t.database.db)).firstBrokenSeq).toBe(3);
  });

  it('detects a deleted entry', async () => {
    const admin = await login(ctx.t, 'admin');
    await admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, { kind: 'cash', name: '区', capacity: 1 });
    await admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, { kind: 'cash', name: '区2', capacity: 1 });
    await ctx.t.database.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect((await admin.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    const admin = await login(ctx.t, 'admin');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, {
          kind: 'cash',
          name: `并发${i}`,
          capacity: 1,
        }),
      ),
    );
    expect((await admin.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true, checked: 13 });
  });

  it('lists every action and entity type for the filters', async () => {
    const admin = await login(ctx.t, 'admin');
    await admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, { kind: 'cash', name: '区', capacity: 1 });
    const f = (await admin.get('/api/v1/audit/facets')).json();
    expect(f).toEqual({ actions: ['create', 'login'], entityTypes: ['user', 'zone'] });
    const head = await login(ctx.t, 'head.a');
    expect((await head.get('/api/v1/audit/facets')).statusCode).toBe(403);
  });

  it('exports the filtered log with names for actions and entity types, Beijing times and the outlet', async () => {
    const admin = await login(ctx.t, 'admin');
    await admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, {
      kind: 'cash',
      name: '现金区',
      capacity: 2,
    });
    ctx.t.clock.advanceMinutes(10);
    await admin.post(`/api/v1/outlets/${ctx.cast.outletB}/zones`, {
      kind: 'wealth',
      name: '理财区',
      capacity: 1,
    });
    const all = await readSheet(await admin.get('/api/v1/audit/export.xlsx'));
    expectSheetHead(all, {
      title: '审计日志',
      filter: '筛选条件：全部',
      headers: [
        '序号',
        '时间（北京）',
        '操作人',
        '操作',
        '对象类型',
        '对象编号',
        '网点',
        '变更前',
        '变更后',
        'IP 地址',
      ],
    });
    expect(all.rows.map((r) => [r[0], r[2], r[3], r[4], r[6]])).toEqual([
      [3, 'admin', '新建', '功能区', '乙支行'],
      [2, 'admin', '新建', '功能区', '甲支行'],
      [1, 'admin', '登录', '用户', null],
    ]);
    // 2026-11-02 01:10 UTC is 09:10 in Beijing, as a real date cell
    expect(all.rows[0]![1]).toEqual(new Date('2026-11-02T09:10:00Z'));
    expect(all.formats[1]).toBe('yyyy-mm-dd hh:mm');
    expect(JSON.parse(String(all.rows[0]![8]))).toMatchObject({ name: '理财区', kind: 'wealth' });

    const from = encodeURIComponent('2026-11-02T09:05:00+08:00');
    const filtered = await readSheet(
      await admin.get(`/api/v1/audit/export.xlsx?entityType=zone&action=create&from=${from}`),
    );
    expect(filtered.filterLine).toContain('操作：新建；对象类型：功能区；起始时间：2026-11-02 09:05');
    expect(filtered.rows.map((r) => r[6])).toEqual(['乙支行']);
    // the page carries the outlet name too
    const page = (await admin.get('/api/v1/audit?entityType=zone')).json();
    expect(page.items.map((e: { outletName: string }) => e.outletName)).toEqual(['乙支行', '甲支行']);
    // officers only
    const head = await login(ctx.t, 'head.a');
    expect((await head.get('/api/v1/audit/export.xlsx')).statusCode).toBe(403);
  });
});

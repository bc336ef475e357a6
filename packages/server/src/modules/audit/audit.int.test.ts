import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, makeBranchWithOutlets, makeTestApp, type TestApp } from '../../test/harness';

describe('audit log', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof makeBranchWithOutlets>>;
  beforeEach(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
  });
  afterEach(() => t.close());

  it('records logins and every change with before/after, personal data masked', async () => {
    const admin = await login(t, 'admin');
    const base = `/api/v1/outlets/${cast.outletA}`;
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
      await login(t, 'admin', 'wrong-password-1');
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
    expect(update.outletId).toBe(cast.outletA);
    const raw = JSON.stringify(log.items);
    expect(raw).not.toContain('13800001111');
    expect(raw).toContain('138****1111');

    const filtered = (await admin.get('/api/v1/audit?entityType=staff&action=update')).json();
    expect(filtered.total).toBe(1);
  });

  it('verifies the hash chain and names the first tampered entry', async () => {
    const admin = await login(t, 'admin');
    for (let i = 0; i < 4; i++) {
      await admin.post(`/api/v1/outlets/${cast.outletA}/zones`, {
        kind: 'cash',
        name: `区${i}`,
        capacity: 1,
      });
    }
    const ok = (await admin.get('/api/v1/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, checked: 5, firstBrokenSeq: null });

    await t.database.db
      .updateTable('audit_log')
      .set({ after_json: '{"name":"篡改"}' })
      .where('seq', '=', 3)
      .execute();
    const broken = (await admin.get('/api/v1/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: 3 });

    const svc = t.app.services.audit;
    expect((await svc.verify(t.database.db)).firstBrokenSeq).toBe(3);
  });

  it('detects a deleted entry', async () => {
    const admin = await login(t, 'admin');
    await admin.post(`/api/v1/outlets/${cast.outletA}/zones`, { kind: 'cash', name: '区', capacity: 1 });
    await admin.post(`/api/v1/outlets/${cast.outletA}/zones`, { kind: 'cash', name: '区2', capacity: 1 });
    await t.database.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect((await admin.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    const admin = await login(t, 'admin');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        admin.post(`/api/v1/outlets/${cast.outletA}/zones`, { kind: 'cash', name: `并发${i}`, capacity: 1 }),
      ),
    );
    expect((await admin.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true, checked: 13 });
  });

  it('lists every action and entity type for the filters', async () => {
    const admin = await login(t, 'admin');
    await admin.post(`/api/v1/outlets/${cast.outletA}/zones`, { kind: 'cash', name: '区', capacity: 1 });
    const f = (await admin.get('/api/v1/audit/facets')).json();
    expect(f).toEqual({ actions: ['create', 'login'], entityTypes: ['user', 'zone'] });
    const head = await login(t, 'head.a');
    expect((await head.get('/api/v1/audit/facets')).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeBranchWithOutlets, makeTestApp, type TestApp } from '../../test/harness';

/**
 * Scope: a user of outlet A asking for anything of outlet B gets 404 — one case per resource
 * type and verb, so a new route that forgets the check fails here.
 */
describe('outlet scope', () => {
  let t: TestApp;
  let cast: Awaited<ReturnType<typeof makeBranchWithOutlets>>;
  let headA: Client;
  let lobbyA: Client;
  const ids = { zoneB: '', postB: '', staffB: '', zoneA: '' };

  beforeAll(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
    const admin = await login(t, 'admin');
    const b = `/api/v1/outlets/${cast.outletB}`;
    ids.zoneB = (await admin.post(`${b}/zones`, { kind: 'cash', name: '现金区', capacity: 2 })).json().id;
    ids.postB = (await admin.post(`${b}/posts`, { kind: 'welcome', name: '迎宾位' })).json().id;
    ids.staffB = (
      await admin.post(`${b}/staff`, { employeeNo: 'B-1', name: '乙员工', roles: ['teller'] })
    ).json().id;
    ids.zoneA = (
      await admin.post(`/api/v1/outlets/${cast.outletA}/zones`, { kind: 'cash', name: '现金区', capacity: 2 })
    ).json().id;
    headA = await login(t, 'head.a');
    lobbyA = await login(t, 'lobby.a');
  });
  afterAll(() => t.close());

  const B = () => `/api/v1/outlets/${cast.outletB}`;
  const A = () => `/api/v1/outlets/${cast.outletA}`;
  const cases: [string, (c: Client) => ReturnType<Client['get']>][] = [
    ['GET outlet', (c) => c.get(B())],
    ['PATCH outlet', (c) => c.patch(B(), { name: 'x' })],
    ['deactivate outlet', (c) => c.post(`${B()}/deactivate`)],
    ['GET zones', (c) => c.get(`${B()}/zones`)],
    ['POST zone', (c) => c.post(`${B()}/zones`, { kind: 'cash', name: 'x', capacity: 1 })],
    ['PATCH zone', (c) => c.patch(`${B()}/zones/${ids.zoneB}`, { name: 'x' })],
    ['deactivate zone', (c) => c.post(`${B()}/zones/${ids.zoneB}/deactivate`)],
    ['GET posts', (c) => c.get(`${B()}/posts`)],
    ['POST post', (c) => c.post(`${B()}/posts`, { kind: 'welcome', name: 'x' })],
    ['PATCH post', (c) => c.patch(`${B()}/posts/${ids.postB}`, { name: 'x' })],
    ['GET staff', (c) => c.get(`${B()}/staff`)],
    ['export staff', (c) => c.get(`${B()}/staff/export.xlsx`)],
    ['POST staff', (c) => c.post(`${B()}/staff`, { employeeNo: 'X-1', name: 'x', roles: ['teller'] })],
    ['PATCH staff', (c) => c.patch(`${B()}/staff/${ids.staffB}`, { name: 'x' })],
    ['deactivate staff', (c) => c.post(`${B()}/staff/${ids.staffB}/deactivate`)],
    // B's records reached through A's path
    ['PATCH B zone via A', (c) => c.patch(`${A()}/zones/${ids.zoneB}`, { name: 'x' })],
    ['PATCH B post via A', (c) => c.patch(`${A()}/posts/${ids.postB}`, { name: 'x' })],
    ['PATCH B staff via A', (c) => c.patch(`${A()}/staff/${ids.staffB}`, { name: 'x' })],
  ];

  for (const [name, call] of cases) {
    it(`${name} of another outlet → 404 for the outlet head`, async () => {
      const res = await call(headA);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    });
    // Through A's own path the lobby manager is refused any change (403) before any lookup.
    const expected = name.includes('via A') ? 403 : 404;
    it(`${name} of another outlet → ${expected} for the lobby manager`, async () => {
      expect((await call(lobbyA)).statusCode).toBe(expected);
    });
  }

  it('lists only the own outlet for outlet users', async () => {
    const list = (await headA.get('/api/v1/outlets?pageSize=100')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(cast.outletA);
  });

  it('lets the outlet head edit the own outlet but not create outlets', async () => {
    expect((await headA.patch(A(), { phone: '0871-1234567' })).statusCode).toBe(200);
    expect((await headA.patch(`${A()}/zones/${ids.zoneA}`, { capacity: 4 })).json().capacity).toBe(4);
    expect(
      (await headA.post('/api/v1/outlets', { branchId: cast.branchId, code: 'Z9', name: 'x' })).statusCode,
    ).toBe(403);
    expect((await headA.post(`${A()}/deactivate`)).statusCode).toBe(403);
  });

  it('lets the lobby manager read but not change the own outlet', async () => {
    expect((await lobbyA.get(`${A()}/zones`)).statusCode).toBe(200);
    expect((await lobbyA.patch(A(), { name: 'x' })).statusCode).toBe(403);
    expect((await lobbyA.post(`${A()}/zones`, { kind: 'cash', name: 'x', capacity: 1 })).statusCode).toBe(
      403,
    );
  });

  it('lets branch reviewers read every outlet but change none', async () => {
    const reviewer = await login(t, 'reviewer');
    expect((await reviewer.get(B())).statusCode).toBe(200);
    expect((await reviewer.patch(B(), { name: 'x' })).statusCode).toBe(403);
  });

  it('keeps users and the audit log to their roles', async () => {
    for (const c of [headA, lobbyA, await login(t, 'consultant'), await login(t, 'reviewer')]) {
      expect((await c.get('/api/v1/users')).statusCode).toBe(403);
      expect((await c.get('/api/v1/audit')).statusCode).toBe(403);
    }
    const cpo = await login(t, 'cpo');
    expect((await cpo.get('/api/v1/audit')).statusCode).toBe(200);
    expect((await cpo.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('refuses anonymous requests with 401', async () => {
    const res = await t.app.inject({ url: `/api/v1/outlets/${cast.outletA}` });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { login, makeUser, useCastApp } from '../../test/harness';
import { makeFloor } from '../lobby/lobby.fixtures';
import { requirementRows } from './staffing.service';

/**
 * The staffing requirement through the API, on both databases: the answer per day and half hour
 * (Erlang and the simulation, the fixed posts held), validation, scope, permission and the .xlsx.
 */
describe('staffing requirement', () => {
  const ctx = useCastApp();
  const url = (q: string, outlet = ctx.cast.outletA) => `/api/v1/outlets/${outlet}/staffing/requirement${q}`;

  it('answers per half hour for each zone and the welcome post, from the default profile', async () => {
    await makeFloor(ctx.t, ctx.cast.outletA);
    const res = await ctx.admin.get(url('?from=2026-11-02&days=2'));
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.from).toBe('2026-11-02');
    expect(r.to).toBe('2026-11-03');
    expect(r.serviceLevelTarget).toBe(0.8);
    expect(r.days).toHaveLength(2);
    const d = r.days[0];
    expect(d.weekday).toBe(0); // a Monday
    expect(d.source).toBe('default');
    expect(d.hours).toEqual({ open: '09:00', close: '17:00' });
    expect(d.slots).toHaveLength(16);
    expect(d.slots[0].slot).toBe(18);
    expect(r.zones.map((z: { name: string }) => z.name)).toContain('现金区');
    for (const s of d.slots) {
      expect(s.welcome.simulated).toBeGreaterThanOrEqual(1);
      expect(s.zones[0].simulated).toBeGreaterThanOrEqual(1); // fixed assignment: the zone is held
      expect(s.total.simulated).toBe(
        s.zones.reduce((a: number, z: { simulated: number }) => a + z.simulated, 0) + s.welcome.simulated,
      );
      expect(s.zones[0].differs).toBe(s.zones[0].erlang !== s.zones[0].simulated);
    }
    // the peak of the default profile (55 an hour at 10:00) needs more than the quietest half hour
    const at = (hhmm: string) => d.slots.find((s: { start: string }) => s.start === hhmm);
    expect(at('10:00').zones[0].simulated).toBeGreaterThan(at('16:30').zones[0].simulated);
    // flat, as the roster reads it: per day, half hour and post, with the skills a post needs
    const rows = requirementRows(r);
    expect(rows).toHaveLength(2 * 16 * 2);
    expect(rows[0]).toMatchObject({ date: '2026-11-02', start: '09:00', kind: 'zone', post: r.zones[0].id });
    expect(rows[0]!.skills).toContain('cash');
    expect(rows[1]).toMatchObject({ post: 'welcome', kind: 'welcome', people: d.slots[0].welcome.simulated });
  });

  it('keeps /api/health answering while the simulations run in the worker', async () => {
    await makeFloor(ctx.t, ctx.cast.outletA);
    let done = false;
    const pending = ctx.admin.get(url('?from=2026-11-02&days=3')).then((r) => {
      done = true;
      return r;
    });
    // the event loop is free: health answers before the three days' simulations are done
    const health = await ctx.t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(done).toBe(false);
    expect((await pending).statusCode).toBe(200);
  });

  it('rejects bad parameters with the field, an unknown outlet with 404, a teller with 403', async () => {
    for (const q of [
      '',
      '?from=2026-13-01',
      '?from=2026-02-30',
      '?from=2026-11-02&days=0',
      '?from=2026-11-02&days=15',
    ]) {
      const res = await ctx.admin.get(url(q));
      expect(res.statusCode, q).toBe(400);
      expect(JSON.stringify(res.json()), q).toMatch(/from|days/);
    }
    expect((await ctx.admin.get(url('?from=2026-11-02', 'no-such-outlet'))).statusCode).toBe(404);
    await makeUser(ctx.t, ctx.cast.branchId, 'staff', ctx.cast.outletA, 'teller.a');
    const teller = await login(ctx.t, 'teller.a');
    expect((await teller.get(url('?from=2026-11-02&days=1'))).statusCode).toBe(403);
    // the other outlet's lobby manager does not see outlet A
    await makeUser(ctx.t, ctx.cast.branchId, 'lobby_manager', ctx.cast.outletB, 'lobby.b');
    const lobbyB = await login(ctx.t, 'lobby.b');
    expect((await lobbyB.get(url('?from=2026-11-02&days=1'))).statusCode).toBe(404);
  });

  it('exports the requirement as .xlsx, one row per day, half hour and zone or post', async () => {
    await makeFloor(ctx.t, ctx.cast.outletA);
    const lobby = await login(ctx.t, 'lobby.a');
    const res = await lobby.get(url('/export.xlsx?from=2026-11-02&days=1'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).toContain('迎宾位');
    expect(text).toContain('现金区');
    expect(text).toContain('仿真人数');
    // title, filter and header rows, then 16 half hours × (1 zone + 迎宾位)
    expect(ws.actualRowCount).toBeGreaterThanOrEqual(32);
  });
});

import { parseScenario, syntheticHistory } from '@liangdian/engine';
import { beijingDate } from '@liangdian/engine/time';
import { describe, expect, it } from 'vitest';
import { login, useCastApp } from '../../../test/harness';
import { makeFloor } from '../lobby.fixtures';
import * as lobbyRepo from '../lobby.repository';

/** Five weeks of synthetic tickets (Monday 7 September to Sunday 11 October), through the repository. */
async function seedHistory(db: Parameters<typeof lobbyRepo.insertEvents>[0], outletId: string) {
  const events = syntheticHistory({ from: '2026-09-07', to: '2026-10-11', seed: 3 });
  const rows: lobbyRepo.EventRow[] = events.map((e, i) => {
    const iso = new Date(e.at).toISOString();
    return {
      outlet_id: outletId,
      event_id: `s${i}`,
      ticket: e.ticket,
      business_type: e.businessType,
      kind: e.kind,
      at: iso,
      day: beijingDate(iso),
      counter: e.counter ?? null,
      staff_id: null,
      to_business_type: null,
      received_at: iso,
    };
  });
  await lobbyRepo.insertEvents(db, rows, 2_000);
  return rows.length;
}

describe('lobby calibration', () => {
  const ctx = useCastApp({ signIn: false });
  const url = (outletId: string, q = '') => `/api/v1/outlets/${outletId}/lobby/calibration${q}`;

  it('fits the inputs on the last four weeks and backtests the last week', { timeout: 60_000 }, async () => {
    ctx.t.clock.set('2026-10-12T01:00:00Z'); // Monday 09:00 in Beijing
    await makeFloor(ctx.t, ctx.cast.outletA);
    expect(await seedHistory(ctx.t.database.db, ctx.cast.outletA)).toBeGreaterThan(20_000);
    const lobbyMgr = await login(ctx.t, 'lobby.a');
    const res = await lobbyMgr.get(url(ctx.cast.outletA, '?replications=4'));
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.window).toMatchObject({ from: '2026-09-14', to: '2026-10-10', days: 24 });
    expect(c.hours.find((h: { dayClass: string }) => h.dayClass === 'weekday').open).toBe('09:00');
    expect(c.slots[0]).toBe('09:00');
    expect(c.arrivals.find((a: { key: string }) => a.key === 'weekday').perType.cash).toHaveLength(
      c.slots.length,
    );
    expect(c.service.map((s: { businessType: string }) => s.businessType)).toEqual(['cash', 'non_cash']);
    expect(c.patience.pooled.curve[0]).toEqual({ minutes: 0, survival: 1 });
    // the floor's one cash zone takes both types (their default zone kind): five counters
    expect(c.counters.zones).toHaveLength(1);
    expect(c.counters.zones[0]).toMatchObject({ zoneName: '现金区', counters: ['1', '2', '3', '5', '6'] });
    expect(c.backtest.test).toEqual({ from: '2026-10-05', to: '2026-10-10', days: 6 });
    expect(c.backtest.fit.days).toBe(24);
    expect(c.backtest.replications).toBe(4);
    expect(c.backtest.slots.length).toBeGreaterThan(10);
    expect(typeof c.backtest.overall.error.meanWait).toBe('number');
    expect(c.backtestNote).toBeNull();

    const inputs = await ctx.t.app.services.lobby.calibration.fittedInputs(ctx.cast.outletA);
    const sc = inputs!.scenarioFor('2026-10-12')!;
    expect(parseScenario(sc).ok).toBe(true);
    expect(sc.zones).toHaveLength(1);
  });

  it('says clearly when the history is too thin, and checks who may ask', async () => {
    const lobbyMgr = await login(ctx.t, 'lobby.a');
    const thin = await lobbyMgr.get(url(ctx.cast.outletA));
    expect(thin.statusCode).toBe(422);
    expect(thin.json().code).toBe('LOBBY_CALIBRATION_TOO_THIN');
    expect(thin.json().title).toContain('0 天');
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.get(url(ctx.cast.outletA))).statusCode).toBe(403);
    expect((await lobbyMgr.get(url(ctx.cast.outletB))).statusCode).toBe(404);
    expect((await lobbyMgr.get(url(ctx.cast.outletA, '?replications=0'))).statusCode).toBe(400);
  });
});

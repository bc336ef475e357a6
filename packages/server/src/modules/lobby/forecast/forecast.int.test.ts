import { addDays, beijingMs } from '@liangdian/engine/time';
import { describe, expect, it } from 'vitest';
import { type Client, login, useCastApp } from '../../../test/harness';

/**
 * The arrivals forecast through the API: too little history, five weeks of tickets around the
 * National Day, the outlet's pension days and paydays in the settings.
 */
describe('lobby arrivals forecast', () => {
  const ctx = useCastApp({ signIn: false });
  const url = (p: string, outlet = ctx.cast.outletA) => `/api/v1/outlets/${outlet}${p}`;

  /** Issued tickets of a deterministic shape: 09:00–17:00, a morning peak, weekends at half, holidays closed. */
  async function seedHistory(from: string, to: string, holidays: Set<string>) {
    const rows = [];
    let n = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (holidays.has(d)) continue;
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      const weekend = wd === 0 || wd === 6;
      for (let s = 18; s < 34; s++) {
        const base = (s < 24 ? 8 : 5) * (weekend ? 0.5 : 1);
        for (const [type, w] of [
          ['cash', 1],
          ['non_cash', 0.5],
        ] as const) {
          const k = Math.round(base * w + ((n * 7919) % 5) - 2);
          for (let i = 0; i < Math.max(0, k); i++) {
            const at = new Date(
              beijingMs(d, `${String(Math.floor(s / 2)).padStart(2, '0')}:${s % 2 ? '30' : '00'}`) +
                i * 60_000,
            ).toISOString();
            n++;
            rows.push({
              outlet_id: ctx.cast.outletA,
              event_id: `f-${n}`,
              ticket: `A${n}`,
              business_type: type,
              kind: 'issued',
              at,
              day: d,
              counter: null,
              staff_id: null,
              to_business_type: null,
              received_at: at,
            });
          }
        }
      }
    }
    for (let i = 0; i < rows.length; i += 500)
      await ctx.t.database.db
        .insertInto('ticket_events')
        .values(rows.slice(i, i + 500))
        .execute();
    return rows.length;
  }

  it('refuses too little history with a code and a clerk-readable message', async () => {
    const lobby: Client = await login(ctx.t, 'lobby.a');
    const res = await lobby.get(url('/lobby/forecast?weeks=2'));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('FORECAST_TOO_LITTLE_HISTORY');
    expect(res.json().title).toContain('21');
    expect((await lobby.get(url('/lobby/forecast?weeks=9'))).statusCode).toBe(400);
    expect((await lobby.get(url('/lobby/forecast?weeks=0'))).statusCode).toBe(400);
  });

  it('forecasts the weeks asked from five weeks of tickets, with the backtest of both models', async () => {
    // the official calendar (migration 0002): 国庆 10-01…10-07, make-up Saturday 10-10
    const holidays = ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`);
    // the clock is Monday 2026-11-02: history to Sunday 11-01
    const stored = await seedHistory('2026-09-28', '2026-11-01', new Set(holidays));
    expect(stored).toBeGreaterThan(3000);
    const lobby = await login(ctx.t, 'lobby.a');
    const res = await lobby.get(url('/lobby/forecast?weeks=2'));
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.weeks).toBe(2);
    expect(f.businessTypes).toEqual(['cash', 'non_cash']);
    expect(f.history.from).toBe('2026-09-28');
    expect(f.history.to).toBe('2026-11-01');
    // holidays had no tickets: 35 days less the 7 closed
    expect(f.history.days).toHaveLength(28);
    expect(f.history.slots.every((s: { slot: number }) => s.slot >= 18 && s.slot < 34)).toBe(true);
    expect(f.forecast.from).toBe('2026-11-02');
    expect(f.forecast.to).toBe('2026-11-15');
    expect(f.forecast.days).toHaveLength(14);
    expect(f.forecast.days[0].dayType).toMatchObject({ kind: 'workday', pension: true });
    const mon = f.forecast.days[0];
    expect(mon.total.low).toBeLessThanOrEqual(mon.total.mean);
    expect(mon.total.high).toBeGreaterThanOrEqual(mon.total.mean);
    expect(mon.byType).toHaveLength(2);
    const sat = f.forecast.days.find((d: { day: string }) => d.day === '2026-11-07');
    expect(sat.total.mean).toBeLessThan(mon.total.mean);
    expect(f.forecast.slots.length).toBeGreaterThan(14 * 10);
    expect(f.backtest.scores.map((s: { model: string }) => s.model)).toEqual(['seasonalNaive', 'poisson']);
    expect(f.backtest.origins.length).toBeGreaterThan(0);
    for (const s of f.backtest.scores) {
      expect(s.wape).toBeGreaterThanOrEqual(0);
      expect(s.mase).toBeGreaterThanOrEqual(0);
    }
    expect(['poisson', 'seasonalNaive']).toContain(f.used);
    expect(f.reason).toBe(f.used === 'poisson' ? 'lowerWape' : 'naiveNotBeaten');

    // the outlet's own pension days move the flag
    const head = await login(ctx.t, 'head.a');
    const dup = await head.put(url('/lobby/settings'), {
      serviceLevelTarget: 0.8,
      targetWaitMinutes: 10,
      pensionDays: [20, 20],
      paydays: [32],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ['body.pensionDays', 'DUPLICATE_DAYS'],
        ['body.paydays.0', 'too_big'],
      ]),
    );
    const put = await head.put(url('/lobby/settings'), {
      serviceLevelTarget: 0.8,
      targetWaitMinutes: 10,
      pensionDays: [20],
      paydays: [15],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ pensionDays: [20], paydays: [15] });
    // a PUT without them keeps them
    await head.put(url('/lobby/settings'), { serviceLevelTarget: 0.9, targetWaitMinutes: 10 });
    expect((await head.get(url('/lobby/settings'))).json()).toMatchObject({
      pensionDays: [20],
      paydays: [15],
    });
    const again = (await lobby.get(url('/lobby/forecast?weeks=3'))).json();
    const type = (d: string) => again.forecast.days.find((x: { day: string }) => x.day === d).dayType;
    expect(type('2026-11-02').pension).toBe(false);
    expect(type('2026-11-20').pension).toBe(true);
    expect(type('2026-11-15').payday).toBe(true); // a Sunday: outlets open on weekends, it stays
    expect(type('2026-11-16').payday).toBe(false);
    expect(type('2026-11-10').payday).toBe(false);

    // the day the recommendation asks for
    const day = await ctx.t.app.services.lobby.forecast.arrivalsOn(ctx.cast.outletA, '2026-11-04');
    expect([...day.keys()]).toEqual(['cash', 'non_cash']);
    expect(day.get('cash')).toHaveLength(48);
    expect(day.get('cash')![19]).toBeGreaterThan(0);
    expect(day.get('cash')![3]).toBe(0);

    // the branch administrator reads it too; the outlet without tickets gets the clerk's message
    const admin = await login(ctx.t, 'admin');
    expect((await admin.get(url('/lobby/forecast?weeks=1'))).statusCode).toBe(200);
    const other = await admin.get(url('/lobby/forecast?weeks=1', ctx.cast.outletB));
    expect(other.json().code).toBe('FORECAST_TOO_LITTLE_HISTORY');
    expect(other.json().title).toBe('取号记录不足：客流预测至少需要 21 天的取号历史，目前只有 0 天');
  });
});

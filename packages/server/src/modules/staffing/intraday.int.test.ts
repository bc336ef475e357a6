import { beijingDate, beijingMs } from '@liangdian/engine/time';
import { describe, expect, it } from 'vitest';
import { useCastApp } from '../../test/harness';

/** Intraday through the API: today's tickets per half hour and the waits against the limit. */
describe('lobby intraday', () => {
  const ctx = useCastApp();
  const url = (outlet = ctx.cast.outletA) => `/api/v1/outlets/${outlet}/lobby/intraday`;

  it("counts today's tickets per half hour, their mean wait and whether it passes the limit", async () => {
    const day = beijingDate(ctx.t.clock.now());
    const row = (n: number, kind: string, hhmm: string, plusMinutes: number) => {
      const at = new Date(beijingMs(day, hhmm) + plusMinutes * 60_000).toISOString();
      return {
        outlet_id: ctx.cast.outletA,
        event_id: `i-${kind}-${n}`,
        ticket: `A${n}`,
        business_type: 'cash',
        kind,
        at,
        day,
        counter: null,
        staff_id: null,
        to_business_type: null,
        received_at: at,
      };
    };
    // 09:00: three tickets called after 2 minutes; 09:30: two called after 15 minutes (limit 10)
    const rows = [
      ...[1, 2, 3].flatMap((n) => [row(n, 'issued', '09:00', n), row(n, 'called', '09:00', n + 2)]),
      ...[4, 5].flatMap((n) => [row(n, 'issued', '09:30', n), row(n, 'called', '09:30', n + 15)]),
    ];
    await ctx.t.database.db.insertInto('ticket_events').values(rows).execute();
    const res = await ctx.admin.get(url());
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.day).toBe(day);
    expect(r.targetWaitMinutes).toBe(10);
    expect(r.forecastAvailable).toBe(false); // no history to forecast from
    const at = (s: string) => r.slots.find((x: { start: string }) => s === x.start);
    expect(at('09:00')).toMatchObject({
      slot: 18,
      actual: 3,
      meanWaitMinutes: 2,
      overLimit: false,
      forecast: null,
    });
    expect(at('09:30')).toMatchObject({ slot: 19, actual: 2, meanWaitMinutes: 15, overLimit: true });
    expect((await ctx.admin.get(url('no-such-outlet'))).statusCode).toBe(404);
  });
});

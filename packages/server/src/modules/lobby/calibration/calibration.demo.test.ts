import { backtestVisits, holidayCalendar, TICKET_KINDS, visitsFromEvents } from '@liangdian/engine';
import { TICKET_KINDS as API_TICKET_KINDS } from '@liangdian/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_BUSINESS_TYPES, DEMO_ZONES } from '../../demo/demo.data';
import { generateOutletHistory } from '../../demo/demo.history';
import { floorMapping, ticketEventOf } from './calibration.model';

/**
 * The backtest on the demo's ticket history (its own queue simulation, whose parameters the
 * calibration never reads): five weeks of an outlet, fitted on four, predicting the fifth.
 */
function demoBacktest(code: string, arrivals: 'fit' | 'observed') {
  const zones = DEMO_ZONES.map((z) => ({ id: z.kind, name: z.name, kind: z.kind, capacity: z.capacity }));
  const floor = floorMapping(
    zones,
    DEMO_BUSINESS_TYPES.map((b) => ({ code: b.code, default_zone_kind: b.defaultZoneKind })),
  );
  const events = generateOutletHistory({
    code,
    from: '2026-10-26',
    to: '2026-11-29',
    calendar: holidayCalendar([]),
    seed: 11,
    zones: DEMO_ZONES.map((z) => ({ kind: z.kind, capacity: z.capacity })),
  });
  const visits = visitsFromEvents(events.map(ticketEventOf));
  return backtestVisits(visits, { ...floor, arrivals, replications: 10 })!;
}

describe('the backtest on the demo history', () => {
  for (const code of ['LSW', 'JJ'])
    it(`${code}: a quiet week's service level and abandonment close, its short waits overpredicted`, () => {
      const bt = demoBacktest(code, 'observed');
      expect(bt.test.days).toBe(7);
      expect(bt.fit.days).toBe(28);
      expect(Math.abs(bt.overall.error.serviceLevel!)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(bt.overall.error.abandonment!)).toBeLessThanOrEqual(0.25);
      // Known gap (docs/calibration.md): in a week with waits of about a minute the model
      // predicts longer ones (+31% LSW, +79% JJ on this seed): the 20% goal is not met here.
      expect(bt.overall.error.meanWait!).toBeGreaterThan(0);
    });
});

describe('ticket kinds', () => {
  // the engine depends on nothing, so it keeps its own list: the two must stay one
  it('the engine and the API name the same ticket kinds', () => {
    expect([...TICKET_KINDS]).toEqual([...API_TICKET_KINDS]);
  });
});

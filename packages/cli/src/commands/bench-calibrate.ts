import {
  backtestVisits,
  calibrateVisits,
  holidayCalendar,
  type TicketEvent,
  visitsFromEvents,
} from '@liangdian/engine';
import { generateOutletHistory, ticketEventOf } from '@liangdian/server';

/** The floor the bench's outlet history is generated on (kinds and counters). */
const ZONES = [
  { kind: 'cash', capacity: 4 },
  { kind: 'non_cash', capacity: 3 },
  { kind: 'super_counter', capacity: 3 },
  { kind: 'wealth', capacity: 2 },
];

function history(from: string, to: string, scale: number): TicketEvent[] {
  return generateOutletHistory({
    code: 'LSW',
    from,
    to,
    calendar: holidayCalendar([]),
    seed: 7,
    zones: ZONES,
    scale,
  }).map(ticketEventOf);
}

/**
 * `bench calibrate`: four weeks of one outlet's tickets (~50,000 events, the demo's generator
 * scaled up) from events to fitted inputs (target < 3 s); then the backtest of a fifth week
 * (fit + 7 days × 10 replications of the engine), with its engine events/s.
 */
export function benchCalibrate(quick: boolean): void {
  const target = quick ? 5_000 : 50_000;
  const probe = history('2026-11-02', '2026-11-08', 1).length;
  const scale = Math.max(0.1, target / (probe * 4));
  const four = history('2026-11-02', '2026-11-29', scale);
  let best = Number.POSITIVE_INFINITY;
  let tickets = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const fit = calibrateVisits(visitsFromEvents(four));
    best = Math.min(best, (performance.now() - t0) / 1000);
    tickets = fit.tickets;
  }
  console.log(
    `bench calibrate events=${four.length} tickets=${tickets} wall=${best.toFixed(3)}s events-in/s=${Math.round(four.length / best)} target=3s`,
  );
  const five = visitsFromEvents(history('2026-11-02', '2026-12-06', scale));
  const t0 = performance.now();
  const bt = backtestVisits(five, { replications: 10 });
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `bench calibrate-backtest wall=${secs.toFixed(3)}s engine-events=${bt?.events ?? 0} events/s=${Math.round((bt?.events ?? 0) / secs)} replications=10 days=${bt?.test.days ?? 0}`,
  );
}

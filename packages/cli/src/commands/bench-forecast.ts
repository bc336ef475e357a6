import { forecastArrivals, holidayCalendar } from '@liangdian/engine';
import { addDays } from '@liangdian/engine/time';
import {
  countArrivals,
  DEMO_HISTORY_WEEKS,
  DEMO_OUTLETS,
  DEMO_ZONES,
  generateOutletHistory,
} from '@liangdian/server';

/** 2026's official days off and make-up days around the benchmark's window (中秋, 国庆). */
const CALENDAR = holidayCalendar([
  ...['2026-09-25', '2026-09-26', '2026-09-27'].map((date) => ({ date, kind: 'holiday' as const })),
  ...Array.from({ length: 7 }, (_, i) => ({ date: addDays('2026-10-01', i), kind: 'holiday' as const })),
  { date: '2026-09-20', kind: 'workday' as const },
  { date: '2026-10-10', kind: 'workday' as const },
]);

/**
 * `bench forecast-12x4w`: the arrivals forecast (backtest of both models and the forecast with
 * its band) of the 12 demo outlets, 4 weeks ahead, from the demo's ten weeks of ticket history
 * built in memory (not timed). events/s: issued tickets counted and forecast from per second.
 */
export function benchForecast(repeat: number, scale = 1): string {
  const to = '2026-12-02';
  const from = addDays(to, -7 * DEMO_HISTORY_WEEKS + 1);
  const zones = DEMO_ZONES.map((z) => ({ kind: z.kind, capacity: z.capacity }));
  const outlets = DEMO_OUTLETS.slice(0, 12);
  const issued = outlets.map((o, i) =>
    generateOutletHistory({ code: o.code, from, to, calendar: CALENDAR, seed: 1 + i, zones, scale }).filter(
      (e) => e.kind === 'issued',
    ),
  );
  const arrivals = issued.reduce((s, e) => s + e.length, 0);
  let secs = Number.POSITIVE_INFINITY;
  let gains: number[] = [];
  for (let k = 0; k < Math.max(1, repeat); k++) {
    const t0 = performance.now();
    gains = issued.map((ev) => {
      const r = forecastArrivals({ counts: countArrivals(ev), from, to, weeks: 4, calendar: CALENDAR });
      const [naive, poisson] = r.backtest.scores;
      return 1 - poisson!.wape / naive!.wape;
    });
    secs = Math.min(secs, (performance.now() - t0) / 1000);
  }
  const minGain = Math.min(...gains);
  return `bench forecast-12x4w events/s=${Math.round(arrivals / secs)} arrivals=${arrivals} outlets=${outlets.length} weeks=4 wall=${secs.toFixed(3)}s target-wall=5s min-wape-gain=${minGain.toFixed(3)}`;
}

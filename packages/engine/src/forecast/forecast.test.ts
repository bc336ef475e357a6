import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../complaints/calendar';
import { Xoshiro128 } from '../rng';
import { addDays } from '../time/beijing';
import { dayType } from '../time/daytypes';
import { band, countQuantile, normalQuantile } from './band';
import { type ArrivalCount, ForecastHistoryError, forecastArrivals } from './forecast';

// 2026 National Day: 10-01…10-08 off, make-up 09-27 (Sun) and 10-10 (Sat)
const cal = holidayCalendar([
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
    date: `2026-10-${d}`,
    kind: 'holiday' as const,
  })),
  { date: '2026-09-27', kind: 'workday' },
  { date: '2026-10-10', kind: 'workday' },
]);

function poisson(rng: Xoshiro128, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.uniform();
  while (p > l) {
    k++;
    p *= rng.uniform();
  }
  return k;
}
const gauss = (rng: Xoshiro128) =>
  Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());

/** A synthetic outlet of this test's own (not the demo's): a morning peak, a lunch trough, the calendar's days. */
function synthetic(from: string, to: string, calendar = cal, seed = 7): ArrivalCount[] {
  const rng = new Xoshiro128(seed);
  const out: ArrivalCount[] = [];
  const types = { cash: 1, non_cash: 0.6, wealth: 0.25 };
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const t = dayType(d, calendar);
    if (t.kind === 'holiday') continue;
    let dayMult = t.kind === 'weekend' ? 0.5 : t.weekday === 1 ? 1.2 : 1;
    if (t.preHoliday) dayMult *= 1.5;
    if (t.postHoliday) dayMult *= 1.6;
    for (let s = 18; s < 34; s++) {
      const h = s / 2;
      const shape =
        4 +
        6 * Math.exp(-((h - 10) ** 2) / 1.5) -
        2 * Math.exp(-((h - 12.5) ** 2) / 0.5) +
        3 * Math.exp(-((h - 15) ** 2) / 2);
      for (const [b, w] of Object.entries(types)) {
        let m = shape * w * dayMult;
        if (t.pension && b === 'cash') m *= s < 24 ? 2.2 : 1.4;
        if (t.payday && b !== 'wealth') m *= 1.4;
        const count = poisson(rng, m);
        if (count) out.push({ day: d, slot: s, businessType: b, count });
      }
    }
  }
  return out;
}

describe('arrivals forecast', () => {
  const from = '2026-09-14';
  const to = '2026-11-22';
  const counts = synthetic(from, to);

  it('beats seasonal naive by at least 10% WAPE in the rolling-origin backtest and uses the regression', () => {
    const r = forecastArrivals({ counts, from, to, weeks: 1, calendar: cal });
    const [naive, poissonScore] = r.backtest.scores;
    expect(naive!.model).toBe('seasonalNaive');
    expect(r.backtest.origins).toHaveLength(4);
    expect(poissonScore!.wape).toBeLessThan(naive!.wape * 0.9);
    expect(poissonScore!.mase).toBeLessThan(naive!.mase);
    expect(r.used).toBe('poisson');
    expect(r.reason).toBe('lowerWape');
    console.info('synthetic backtest', JSON.stringify(r.backtest.scores));
    // the 80% band holds about 80% of the tested half hours
    expect(poissonScore!.coverage).toBeGreaterThan(0.7);
    expect(poissonScore!.coverage).toBeLessThan(0.95);
  });

  it('forecasts the weeks asked, day types included: closed on holidays, more on pension days', () => {
    const r = forecastArrivals({ counts, from, to, weeks: 2, calendar: cal });
    expect(r.days).toHaveLength(14);
    expect(r.from).toBe('2026-11-23');
    expect(r.to).toBe('2026-12-06');
    expect(r.businessTypes).toEqual(['cash', 'non_cash', 'wealth']);
    const day = (d: string) => r.days.find((x) => x.day === d)!;
    // 12-01 (Tue) is a pension day, 11-24 an ordinary Tuesday
    expect(day('2026-12-01').byType[0]!.mean).toBeGreaterThan(day('2026-11-24').byType[0]!.mean * 1.3);
    // a Saturday about half a weekday
    expect(day('2026-11-28').total.mean).toBeLessThan(day('2026-11-27').total.mean * 0.7);
    for (const d of r.days) expect(d.total.low).toBeLessThanOrEqual(d.total.mean);
    for (const s of r.slots) {
      expect(s.slot).toBeGreaterThanOrEqual(18);
      expect(s.slot).toBeLessThan(34);
      expect(s.total.high).toBeGreaterThanOrEqual(s.total.low);
    }
  });

  it('forecasts a holiday as closed when the history saw holidays closed', () => {
    const calendar = holidayCalendar([
      ...['2026-08-20', '2026-08-21'].map((date) => ({ date, kind: 'holiday' as const })),
      ...['01', '02', '03'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const })),
    ]);
    const r = forecastArrivals({
      counts: synthetic('2026-08-10', '2026-09-27', calendar),
      from: '2026-08-10',
      to: '2026-09-27',
      weeks: 2,
      calendar,
    });
    expect(r.days.find((d) => d.day === '2026-10-02')!.total.mean).toBe(0);
    expect(r.days.find((d) => d.day === '2026-09-29')!.total.mean).toBeGreaterThan(0);
  });

  it('shortens the backtest horizon when the history is short for the weeks asked', () => {
    const short = '2026-10-12'; // six weeks: 4 weeks ahead leave the 2 weeks a fit needs
    const r = forecastArrivals({
      counts: counts.filter((c) => c.day >= short),
      from: short,
      to,
      weeks: 8,
      calendar: cal,
    });
    expect(r.days).toHaveLength(56);
    expect(r.backtest.horizonWeeks).toBe(4);
    expect(r.backtest.origins.length).toBeGreaterThan(0);
  });

  it('refuses too little history', () => {
    expect(() =>
      forecastArrivals({
        counts: synthetic('2026-11-10', '2026-11-22'),
        from: '2026-11-10',
        to: '2026-11-22',
        weeks: 1,
        calendar: cal,
      }),
    ).toThrow(ForecastHistoryError);
    expect(() => forecastArrivals({ counts: [], from, to, weeks: 1, calendar: cal })).toThrow(
      ForecastHistoryError,
    );
  });

  it('picks seasonal naive when the regression does not beat it (a pure weekly pattern the calendar cannot explain)', () => {
    // the same counts every week, with a pattern only the weekday-and-slot copy follows exactly
    const c: ArrivalCount[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const t = dayType(d, holidayCalendar([]));
      for (let s = 18; s < 34; s++)
        c.push({
          day: d,
          slot: s,
          businessType: 'cash',
          count: ((s * 7 + t.weekday * 3) % 11) + (s % 3 === t.weekday % 3 ? 9 : 0),
        });
    }
    const r = forecastArrivals({ counts: c, from, to, weeks: 1, calendar: holidayCalendar([]) });
    expect(r.backtest.scores[0]!.wape).toBe(0);
    expect(r.used).toBe('seasonalNaive');
    expect(r.reason).toBe('naiveNotBeaten');
  });
});

describe('count bands', () => {
  it('gives Poisson quantiles without overdispersion', () => {
    // Poisson(4): P(X ≤ 1) = 0.0916, P(X ≤ 2) = 0.238; P(X ≤ 6) = 0.889, P(X ≤ 7) = 0.949
    expect(countQuantile(4, 1, 0.1)).toBe(2);
    expect(countQuantile(4, 1, 0.9)).toBe(7);
    expect(countQuantile(0, 1, 0.9)).toBe(0);
  });
  it('widens with overdispersion and approximates large means', () => {
    const narrow = band(20, 1, 0.8);
    const wide = band(20, 3, 0.8);
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
    expect(normalQuantile(0.9)).toBeCloseTo(1.28155, 4);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.32635, 4);
    const big = band(1000, 1, 0.8);
    expect(big.low).toBeGreaterThan(955);
    expect(big.low).toBeLessThan(965);
  });
});

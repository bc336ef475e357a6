import { type BacktestResult, type Calibration, SLOTS_PER_DAY, slotClock } from '@liangdian/engine';
import type { Calibration as CalibrationView } from '@liangdian/shared/api';

/** Survival curve points shown: every grid step up to this many minutes. */
const CURVE_MINUTES = 60;

function patienceView(p: Calibration['patience']['pooled']) {
  const e = p.estimate;
  const curve: { minutes: number; survival: number }[] = [];
  for (let i = 0; i < e.edges.length && e.edges[i]! <= CURVE_MINUTES; i++)
    curve.push({ minutes: e.edges[i]!, survival: e.survival[i]! });
  return {
    businessType: p.businessType,
    exact: p.exact,
    left: p.left,
    right: p.right,
    medianMinutes: p.median,
    tail: e.tail,
    curve,
  };
}

/** The calibration and its backtest as the API shows them (rows over the fitted hours only). */
export function presentCalibration(
  outletId: string,
  fit: Calibration,
  zones: { id: string; name: string }[],
  backtest: BacktestResult | null,
  backtestNote: string | null,
): CalibrationView {
  const first = Math.min(...fit.hours.map((h) => h.openSlot), SLOTS_PER_DAY);
  const last = Math.max(...fit.hours.map((h) => h.closeSlot), first);
  const cut = (row: number[] | undefined) => (row ? row.slice(first, last) : null);
  const slots = Array.from({ length: last - first }, (_, k) => slotClock(first + k));
  return {
    outletId,
    window: { from: fit.from, to: fit.to, days: fit.days, tickets: fit.tickets, visits: fit.visits },
    hours: fit.hours.map((h) => ({ dayClass: h.dayClass, days: h.days, open: h.open, close: h.close })),
    slots,
    businessTypes: fit.businessTypes,
    arrivals: fit.arrivals.map((a) => ({
      key: a.key,
      dayClass: a.dayClass,
      flag: a.flag,
      days: a.days,
      source: a.source,
      factor: a.factor,
      perType: Object.fromEntries(Object.entries(a.perType).map(([t, row]) => [t, row.slice(first, last)])),
    })),
    service: fit.service.map((s) => ({
      businessType: s.businessType,
      n: s.n,
      mean: s.mean,
      median: s.median,
      p90: s.p90,
      byPeriod: s.byPeriod.map((p) => ({
        from: p.from,
        to: p.to,
        n: p.n,
        mean: p.mean,
        median: p.median,
        p90: p.p90,
      })),
      tested: s.tested,
    })),
    patience: { pooled: patienceView(fit.patience.pooled), byType: fit.patience.byType.map(patienceView) },
    counters: {
      spellGapMinutes: fit.counters.spellGapMinutes,
      zones: fit.counters.zones.map((z) => ({
        zoneId: z.zone,
        zoneName: zones.find((x) => x.id === z.zone)?.name ?? z.zone,
        counters: z.counters,
        weekday: cut(z.byClass.weekday),
        weekend: cut(z.byClass.weekend),
      })),
    },
    backtest: backtest
      ? {
          fit: backtest.fit,
          test: backtest.test,
          arrivals: backtest.arrivals,
          replications: backtest.replications,
          seed: backtest.seed,
          slots: backtest.slots.map((s) => ({
            start: s.start,
            end: s.end,
            actual: s.actual,
            predicted: s.predicted,
            error: s.error,
          })),
          overall: backtest.overall,
          goal: backtest.goal,
          meetsGoal: backtest.meetsGoal,
          events: backtest.events,
        }
      : null,
    backtestNote,
  };
}

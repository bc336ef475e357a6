import type { LobbyForecast } from '@liangdian/shared/api';
import type { OutletForecast } from './forecast.service';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const finite = (x: number) => (Number.isFinite(x) ? round(x, 4) : null);

/** The forecast as the API gives it: history per day and half hour, the forecast, the backtest. */
export function presentForecast(f: OutletForecast): LobbyForecast {
  const { result } = f;
  const types = result.businessTypes;
  const index = new Map(types.map((b, i) => [b, i]));
  const slotMap = new Map<string, { day: string; slot: number; counts: number[] }>();
  const dayMap = new Map<string, { day: string; total: number; counts: number[] }>();
  for (const c of f.history.counts) {
    const i = index.get(c.businessType)!;
    const sk = `${c.day}|${c.slot}`;
    let s = slotMap.get(sk);
    if (!s) {
      s = { day: c.day, slot: c.slot, counts: types.map(() => 0) };
      slotMap.set(sk, s);
    }
    s.counts[i]! += c.count;
    let d = dayMap.get(c.day);
    if (!d) {
      d = { day: c.day, total: 0, counts: types.map(() => 0) };
      dayMap.set(c.day, d);
    }
    d.counts[i]! += c.count;
    d.total += c.count;
  }
  const byDaySlot = (a: { day: string; slot?: number }, b: { day: string; slot?: number }) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : (a.slot ?? 0) - (b.slot ?? 0);
  const band = (b: { mean: number; low: number; high: number }) => ({
    mean: round(b.mean),
    low: b.low,
    high: b.high,
  });
  return {
    outletId: f.outletId,
    weeks: f.weeks,
    businessTypes: types,
    history: {
      from: f.history.from,
      to: f.history.to,
      days: [...dayMap.values()].sort(byDaySlot),
      slots: [...slotMap.values()].sort(byDaySlot),
    },
    forecast: {
      from: result.from,
      to: result.to,
      bandLevel: result.bandLevel,
      dispersion: {
        cell: round(result.dispersion.cell, 3),
        slotTotal: round(result.dispersion.slotTotal, 3),
        dayType: round(result.dispersion.dayType, 3),
        dayTotal: round(result.dispersion.dayTotal, 3),
      },
      days: result.days.map((d) => ({
        day: d.day,
        dayType: {
          kind: d.type.kind,
          pension: d.type.pension,
          payday: d.type.payday,
          preHoliday: d.type.preHoliday,
          postHoliday: d.type.postHoliday,
        },
        total: band(d.total),
        byType: d.byType.map(band),
      })),
      slots: result.slots.map((s) => ({
        day: s.day,
        slot: s.slot,
        total: band(s.total),
        byType: s.byType.map(band),
      })),
    },
    backtest: {
      origins: result.backtest.origins,
      horizonWeeks: result.backtest.horizonWeeks,
      scores: result.backtest.scores.map((s) => ({
        model: s.model,
        mase: finite(s.mase),
        wape: finite(s.wape),
        coverage: round(s.coverage, 4),
      })),
    },
    used: result.used,
    reason: result.reason,
  };
}

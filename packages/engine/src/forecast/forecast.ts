/**
 * The arrivals forecast of an outlet (pure, docs/forecast.md): counts per (day, half hour,
 * business type) from its tickets, two models (seasonal naive and a Poisson regression on the
 * day types), a rolling-origin backtest of both (MASE, WAPE, coverage of the band), the better
 * one used, and the forecast of the coming weeks with an 80% band.
 */
import type { HolidayCalendar } from '../complaints/calendar';
import { addDays, daysBetween } from '../time/beijing';
import { DEFAULT_OUTLET_DAYS, type DayType, dayTypes, type OutletDays } from '../time/daytypes';
import { type Band, band } from './band';
import { type CountCube, PoissonModel, SLOTS_PER_DAY, seasonalNaive } from './model';

export type ForecastModel = 'seasonalNaive' | 'poisson';
export const FORECAST_MODELS: readonly ForecastModel[] = ['seasonalNaive', 'poisson'];
/** Days of history below which there is no forecast (two weeks to fit, one to test). */
export const MIN_HISTORY_DAYS = 21;
/** Days a backtest's fit needs at least. */
const MIN_TRAIN_DAYS = 14;
const ORIGINS = 4;
export const BAND_LEVEL = 0.8;

export interface ArrivalCount {
  day: string;
  /** half hour of the day, 0 = 00:00–00:30 … 47 */
  slot: number;
  businessType: string;
  count: number;
}

export interface ForecastInput {
  counts: readonly ArrivalCount[];
  /** the history: every day from…to inclusive (a day without counts had no arrivals) */
  from: string;
  to: string;
  /** weeks ahead from the day after `to` (1–8) */
  weeks: number;
  calendar: HolidayCalendar;
  outletDays?: OutletDays;
}

export interface ModelScore {
  model: ForecastModel;
  /** mean absolute scaled error: MAE over the in-sample MAE of the one-week seasonal naive */
  mase: number;
  /** weighted absolute percentage error: Σ|error| / Σ actual */
  wape: number;
  /** share of the tested cells with arrivals inside the model's 80% band */
  coverage: number;
}

export interface Backtest {
  /** the first day forecast by each origin */
  origins: string[];
  horizonWeeks: number;
  scores: ModelScore[];
}

/** Pearson dispersion (≥ 1) of the backtest errors per level of aggregation. */
export interface Dispersion {
  /** one half hour of one business type */
  cell: number;
  /** one half hour, all types */
  slotTotal: number;
  /** one day of one business type */
  dayType: number;
  /** one day, all types */
  dayTotal: number;
}
const LEVELS = ['cell', 'slotTotal', 'dayType', 'dayTotal'] as const;

/** Adds the Pearson sums of forecast `f` against `y` (same days) at each level to `acc`. */
function addPearson(f: CountCube, y: CountCube, acc: Record<keyof Dispersion, [number, number]>) {
  const add = (k: keyof Dispersion, fc: number, yc: number) => {
    if (fc <= 0) return;
    acc[k][0] += ((yc - fc) * (yc - fc)) / fc;
    acc[k][1]++;
  };
  const nDays = (f[0]?.length ?? 0) / SLOTS_PER_DAY;
  for (let d = 0; d < nDays; d++) {
    let fDay = 0;
    let yDay = 0;
    const fSlot = new Float64Array(SLOTS_PER_DAY);
    const ySlot = new Float64Array(SLOTS_PER_DAY);
    f.forEach((fb, b) => {
      const yb = y[b]!;
      let fd = 0;
      let yd = 0;
      for (let s = 0; s < SLOTS_PER_DAY; s++) {
        const i = d * SLOTS_PER_DAY + s;
        add('cell', fb[i]!, yb[i]!);
        fd += fb[i]!;
        yd += yb[i]!;
        fSlot[s]! += fb[i]!;
        ySlot[s]! += yb[i]!;
      }
      add('dayType', fd, yd);
      fDay += fd;
      yDay += yd;
    });
    for (let s = 0; s < SLOTS_PER_DAY; s++) add('slotTotal', fSlot[s]!, ySlot[s]!);
    add('dayTotal', fDay, yDay);
  }
}

export type ForecastReason = 'lowerWape' | 'naiveNotBeaten';

export interface ForecastDay {
  day: string;
  type: DayType;
  total: Band;
  byType: Band[];
}
export interface ForecastSlot {
  day: string;
  slot: number;
  total: Band;
  byType: Band[];
}

export interface ForecastResult {
  businessTypes: string[];
  from: string;
  to: string;
  used: ForecastModel;
  reason: ForecastReason;
  backtest: Backtest;
  /**
   * variance over mean of the used model's backtest errors, per level of the bands (a day's
   * common swing makes daily totals vary more than their half hours' sum of Poisson counts)
   */
  dispersion: Dispersion;
  bandLevel: number;
  days: ForecastDay[];
  /** the half hours with a forecast above zero */
  slots: ForecastSlot[];
}

/** Too little history to forecast (fewer than MIN_HISTORY_DAYS days). */
export class ForecastHistoryError extends Error {
  constructor(readonly days: number) {
    super(`forecast needs at least ${MIN_HISTORY_DAYS} days of history, got ${days}`);
    this.name = 'ForecastHistoryError';
  }
}

/** The counts as a cube over the days from…to, per business type (sorted codes). */
export function countCube(counts: readonly ArrivalCount[], from: string, to: string) {
  const nDays = daysBetween(from, to) + 1;
  const businessTypes = [...new Set(counts.map((c) => c.businessType))].sort();
  const index = new Map(businessTypes.map((b, i) => [b, i]));
  const cube: CountCube = businessTypes.map(() => new Float64Array(nDays * SLOTS_PER_DAY));
  for (const c of counts) {
    const d = daysBetween(from, c.day);
    if (d < 0 || d >= nDays || c.slot < 0 || c.slot >= SLOTS_PER_DAY) continue;
    cube[index.get(c.businessType)!]![d * SLOTS_PER_DAY + c.slot]! += c.count;
  }
  return { cube, businessTypes, nDays };
}

const slice = (cube: CountCube, fromDay: number, toDay: number): CountCube =>
  cube.map((y) => y.subarray(fromDay * SLOTS_PER_DAY, toDay * SLOTS_PER_DAY));

/** In-sample MAE of the one-week seasonal naive over the first `n` days (MASE's scale). */
function naiveScale(cube: CountCube, n: number): number {
  let sum = 0;
  let cells = 0;
  for (const y of cube)
    for (let i = 7 * SLOTS_PER_DAY; i < n * SLOTS_PER_DAY; i++) {
      sum += Math.abs(y[i]! - y[i - 7 * SLOTS_PER_DAY]!);
      cells++;
    }
  return cells ? sum / cells : 0;
}

interface Errors {
  abs: number;
  actual: number;
  cells: number;
  covered: number;
  pearson: Record<keyof Dispersion, [number, number]>;
  maseSum: number;
}

function forecastOf(
  model: ForecastModel,
  cube: CountCube,
  types: DayType[],
  origin: number,
  end: number,
): CountCube {
  const targets = Array.from({ length: end - origin }, (_, i) => origin + i);
  if (model === 'seasonalNaive') return seasonalNaive(cube, origin, targets);
  return PoissonModel.fit(cube, types, origin).predict(types.slice(origin, end));
}

/**
 * The rolling-origin backtest: origins a week apart whose horizon (the weeks asked, or fewer
 * when the history is short) ends by the history's last day, each fitted on every day before it.
 */
function backtest(cube: CountCube, types: DayType[], nDays: number, weeks: number, from: string) {
  let horizon = weeks;
  while (horizon > 1 && nDays - 7 * horizon < MIN_TRAIN_DAYS) horizon--;
  const origins: number[] = [];
  for (let k = 0; k < ORIGINS; k++) {
    const o = nDays - 7 * horizon - 7 * k;
    if (o >= MIN_TRAIN_DAYS) origins.unshift(o);
  }
  const errors = new Map<ForecastModel, Errors>(
    FORECAST_MODELS.map((m) => [
      m,
      {
        abs: 0,
        actual: 0,
        cells: 0,
        covered: 0,
        pearson: { cell: [0, 0], slotTotal: [0, 0], dayType: [0, 0], dayTotal: [0, 0] },
        maseSum: 0,
      },
    ]),
  );
  const forecasts = new Map<ForecastModel, CountCube[]>(FORECAST_MODELS.map((m) => [m, []]));
  for (const o of origins) {
    const end = Math.min(nDays, o + 7 * horizon);
    const actual = slice(cube, o, end);
    const scale = naiveScale(cube, o) || 1;
    for (const m of FORECAST_MODELS) {
      const f = forecastOf(m, cube, types, o, end);
      forecasts.get(m)!.push(f);
      const e = errors.get(m)!;
      let abs = 0;
      let cells = 0;
      f.forEach((fb, b) => {
        const yb = actual[b]!;
        for (let i = 0; i < fb.length; i++) {
          const r = yb[i]! - fb[i]!;
          abs += Math.abs(r);
          e.actual += yb[i]!;
          cells++;
        }
      });
      addPearson(f, actual, e.pearson);
      e.abs += abs;
      e.cells += cells;
      e.maseSum += cells ? abs / cells / scale : 0;
    }
  }
  // the band's dispersion of each model, out of sample; then its coverage on the same cells
  const dispersion = new Map<ForecastModel, Dispersion>();
  for (const m of FORECAST_MODELS) {
    const e = errors.get(m)!;
    const disp = Object.fromEntries(
      LEVELS.map((k) => [k, e.pearson[k][1] ? Math.max(1, e.pearson[k][0] / e.pearson[k][1]) : 1]),
    ) as unknown as Dispersion;
    dispersion.set(m, disp);
    const phi = disp.cell;
    let covered = 0;
    let withArrivals = 0;
    origins.forEach((o, k) => {
      const f = forecasts.get(m)![k]!;
      const actual = slice(cube, o, Math.min(nDays, o + 7 * horizon));
      f.forEach((fb, b) => {
        const yb = actual[b]!;
        for (let i = 0; i < fb.length; i++) {
          if (fb[i]! <= 0 && yb[i]! <= 0) continue;
          withArrivals++;
          const bd = band(fb[i]!, phi, BAND_LEVEL);
          if (yb[i]! >= bd.low && yb[i]! <= bd.high) covered++;
        }
      });
    });
    e.covered = withArrivals ? covered / withArrivals : 0;
  }
  const scores: ModelScore[] = FORECAST_MODELS.map((m) => {
    const e = errors.get(m)!;
    return {
      model: m,
      mase: origins.length ? e.maseSum / origins.length : Number.NaN,
      wape: e.actual > 0 ? e.abs / e.actual : Number.NaN,
      coverage: e.covered,
    };
  });
  return {
    backtest: {
      origins: origins.map((o) => addDays(from, o)),
      horizonWeeks: horizon,
      scores,
    } satisfies Backtest,
    dispersion,
  };
}

/** The forecast of `weeks` weeks after the history, with the backtest that chose its model. */
export function forecastArrivals(input: ForecastInput): ForecastResult {
  const outletDays = input.outletDays ?? DEFAULT_OUTLET_DAYS;
  const { cube, businessTypes, nDays } = countCube(input.counts, input.from, input.to);
  if (nDays < MIN_HISTORY_DAYS || businessTypes.length === 0)
    throw new ForecastHistoryError(businessTypes.length ? nDays : 0);
  const weeks = Math.max(1, Math.min(8, Math.round(input.weeks)));
  const start = addDays(input.to, 1);
  const end = addDays(input.to, 7 * weeks);
  const types = dayTypes(input.from, end, input.calendar, outletDays);
  const { backtest: bt, dispersion } = backtest(cube, types, nDays, weeks, input.from);
  const [naive, poisson] = bt.scores as [ModelScore, ModelScore];
  const better = poisson.wape < naive.wape;
  const used: ForecastModel = better ? 'poisson' : 'seasonalNaive';
  const reason: ForecastReason = better ? 'lowerWape' : 'naiveNotBeaten';
  const phi = dispersion.get(used)!;

  const future = types.slice(nDays);
  const horizonDays = future.length;
  let mean: CountCube;
  if (used === 'poisson') mean = PoissonModel.fit(cube, types, nDays).predict(future);
  else {
    // seasonal naive from the history extended by zeros, read only before the origin
    const ext = cube.map((y) => {
      const a = new Float64Array((nDays + horizonDays) * SLOTS_PER_DAY);
      a.set(y);
      return a;
    });
    mean = seasonalNaive(
      ext,
      nDays,
      future.map((_, i) => nDays + i),
    );
  }

  const days: ForecastDay[] = [];
  const slots: ForecastSlot[] = [];
  future.forEach((t, i) => {
    const dayTotals = mean.map((m) => {
      let s = 0;
      for (let k = 0; k < SLOTS_PER_DAY; k++) s += m[i * SLOTS_PER_DAY + k]!;
      return s;
    });
    const sum = dayTotals.reduce((a, b) => a + b, 0);
    days.push({
      day: t.day,
      type: t,
      total: band(sum, phi.dayTotal, BAND_LEVEL),
      byType: dayTotals.map((s) => band(s, phi.dayType, BAND_LEVEL)),
    });
    for (let k = 0; k < SLOTS_PER_DAY; k++) {
      const per = mean.map((m) => m[i * SLOTS_PER_DAY + k]!);
      const tot = per.reduce((a, b) => a + b, 0);
      if (tot <= 0) continue;
      slots.push({
        day: t.day,
        slot: k,
        total: band(tot, phi.slotTotal, BAND_LEVEL),
        byType: per.map((v) => band(v, phi.cell, BAND_LEVEL)),
      });
    }
  });
  return {
    businessTypes,
    from: start,
    to: end,
    used,
    reason,
    backtest: bt,
    dispersion: phi,
    bandLevel: BAND_LEVEL,
    days,
    slots,
  };
}

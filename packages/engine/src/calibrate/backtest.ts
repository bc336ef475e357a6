/**
 * The backtest (pure): fit on the weeks before a test week, predict the test week's per-slot
 * mean wait (of the customers who reached a counter), service level and abandonment with the
 * engine, given the counters that were really open each day, and compare with what happened.
 */
import type { HolidayCalendar } from '../complaints/calendar';
import { simulate } from '../run';
import { addDays } from '../time/beijing';
import type { OutletDays } from '../time/daytypes';
import {
  type Calibration,
  calibrateVisits,
  countersOpenByDay,
  SLOTS_PER_DAY,
  slotClock,
  slotOf,
  SPELL_GAP_MINUTES,
} from './fit';
import { type ZoneInput, scenarioForDay } from './scenario';
import { type TicketEvent, type Visit, visitsFromEvents, waitMinutes } from './tickets';

/** The goal of issue 12: overall relative error at most this on mean wait and on abandonment. */
export const BACKTEST_GOAL = 0.2;
export const FIT_DAYS = 28;
export const TEST_DAYS = 7;

export interface BacktestOptions {
  calendar?: HolidayCalendar;
  outletDays?: OutletDays;
  zones?: ZoneInput[];
  typeZone?: Record<string, string>;
  targetWaitMinutes?: number;
  /** the last day of the test week (default: the last day with tickets) */
  to?: string;
  fitDays?: number;
  testDays?: number;
  replications?: number;
  seed?: number;
  /** 'observed' (default): the test days' arrivals as they came; 'fit': from the fitted day types (stricter) */
  arrivals?: 'fit' | 'observed';
  spellGapMinutes?: number;
}

export interface Measures {
  tickets: number;
  served: number;
  left: number;
  /** mean wait of the customers who reached a counter, minutes */
  meanWaitMinutes: number | null;
  serviceLevel: number | null;
  abandonment: number | null;
}

export interface BacktestSlot {
  slot: number;
  start: string;
  end: string;
  actual: Measures;
  predicted: Measures;
  /** (predicted − actual) / actual; null when the actual is 0 or missing */
  error: { meanWait: number | null; serviceLevel: number | null; abandonment: number | null };
}

export interface BacktestResult {
  fit: { from: string; to: string; days: number };
  test: { from: string; to: string; days: number };
  arrivals: 'fit' | 'observed';
  replications: number;
  seed: number;
  slots: BacktestSlot[];
  overall: { actual: Measures; predicted: Measures; error: BacktestSlot['error'] };
  goal: number;
  meetsGoal: boolean;
  /** engine events simulated */
  events: number;
}

interface Acc {
  n: number;
  served: number;
  left: number;
  waitSum: number;
  within: number;
  resolved: number;
}
const acc = (): Acc => ({ n: 0, served: 0, left: 0, waitSum: 0, within: 0, resolved: 0 });
const r = (x: number, d = 3) => Number(x.toFixed(d));
function measures(a: Acc): Measures {
  return {
    tickets: r(a.n, 2),
    served: r(a.served, 2),
    left: r(a.left, 2),
    meanWaitMinutes: a.served > 0 ? r(a.waitSum / a.served) : null,
    serviceLevel: a.resolved > 0 ? r(a.within / a.resolved) : null,
    abandonment: a.n > 0 ? r(a.left / a.n) : null,
  };
}
const rel = (p: number | null, a: number | null) =>
  p === null || a === null || a === 0 ? null : r((p - a) / a);
const errors = (p: Measures, a: Measures) => ({
  meanWait: rel(p.meanWaitMinutes, a.meanWaitMinutes),
  serviceLevel: rel(p.serviceLevel, a.serviceLevel),
  abandonment: rel(p.abandonment, a.abandonment),
});

/** The backtest from events (see `backtestVisits`); null when there is no test week or fit window. */
export function backtest(events: Iterable<TicketEvent>, opts: BacktestOptions = {}): BacktestResult | null {
  return backtestVisits(visitsFromEvents(events), opts);
}

export function backtestVisits(visits: readonly Visit[], opts: BacktestOptions = {}): BacktestResult | null {
  if (!visits.length) return null;
  const days = [...new Set(visits.map((v) => v.day))].sort();
  const to = opts.to ?? days[days.length - 1]!;
  const testDays = opts.testDays ?? TEST_DAYS;
  const fitDays = opts.fitDays ?? FIT_DAYS;
  const testFrom = addDays(to, -(testDays - 1));
  const fitTo = addDays(testFrom, -1);
  const fitFrom = addDays(testFrom, -fitDays);
  const typeZone = opts.typeZone;
  const zoneOf = (t: string) => typeZone?.[t] ?? t;
  const gap = opts.spellGapMinutes ?? SPELL_GAP_MINUTES;
  const fit: Calibration = calibrateVisits(visits, {
    calendar: opts.calendar,
    outletDays: opts.outletDays,
    zoneOf,
    spellGapMinutes: gap,
    from: fitFrom,
    to: fitTo,
  });
  const test = visits.filter((v) => v.day >= testFrom && v.day <= to);
  if (!fit.days || !test.length) return null;
  const target = opts.targetWaitMinutes ?? 10;
  const replications = opts.replications ?? 20;
  const seed = opts.seed ?? 1;
  const mode = opts.arrivals ?? 'observed';
  const actual = Array.from({ length: SLOTS_PER_DAY }, acc);
  const predicted = Array.from({ length: SLOTS_PER_DAY }, acc);
  for (const v of test) {
    if (v.startAt === null || v.outcome === 'open') continue;
    const a = actual[slotOf(v.startAt)]!;
    a.n++;
    a.resolved++;
    if (v.outcome === 'noShow' || v.outcome === 'abandoned') a.left++;
    else {
      const w = waitMinutes(v);
      if (w === null) continue;
      a.served++;
      a.waitSum += w;
      if (w <= target) a.within++;
    }
  }
  const open = countersOpenByDay(test, zoneOf, gap);
  let events = 0;
  const testDayList = [...new Set(test.map((v) => v.day))].sort();
  for (const [i, day] of testDayList.entries()) {
    const staffing = Object.fromEntries(open.get(day) ?? []);
    let arrivals: Record<string, number[]> | undefined;
    if (mode === 'observed') {
      arrivals = {};
      for (const v of test)
        if (v.day === day && v.startAt !== null) {
          arrivals[v.businessType] ??= new Array<number>(SLOTS_PER_DAY).fill(0);
          const row = arrivals[v.businessType]!;
          row[slotOf(v.startAt)]! += 2;
        }
    }
    const sc = scenarioForDay(fit, day, {
      calendar: opts.calendar,
      zones: opts.zones,
      typeZone,
      staffing,
      arrivals,
      targetWaitMinutes: target,
    });
    if (!sc) continue;
    const rep = simulate(sc, { replications, seed: seed + i });
    events += rep.events;
    const openSlot = Math.round(
      (Number(sc.hours.open.slice(0, 2)) * 60 + Number(sc.hours.open.slice(3, 5))) / 30,
    );
    for (const s of rep.perSlot) {
      const k = openSlot + s.index;
      if (k < 0 || k >= SLOTS_PER_DAY) continue;
      const p = predicted[k]!;
      const n = s.arrivalsPerReplication;
      if (!(n > 0)) continue;
      p.n += n;
      p.served += s.servedPerReplication;
      p.left += s.abandonedPerReplication;
      if (Number.isFinite(s.servedWaitMinutes)) p.waitSum += s.servedWaitMinutes * s.servedPerReplication;
      const resolved = s.servedPerReplication + s.abandonedPerReplication;
      if (Number.isFinite(s.serviceLevel)) p.within += s.serviceLevel * resolved;
      p.resolved += resolved;
    }
  }
  const slots: BacktestSlot[] = [];
  const totA = acc();
  const totP = acc();
  for (let k = 0; k < SLOTS_PER_DAY; k++) {
    const a = actual[k]!;
    const p = predicted[k]!;
    for (const [t, x] of [
      [totA, a],
      [totP, p],
    ] as const)
      for (const f of ['n', 'served', 'left', 'waitSum', 'within', 'resolved'] as const) t[f] += x[f];
    if (a.n === 0 && p.n < 0.5) continue;
    const am = measures(a);
    const pm = measures(p);
    slots.push({
      slot: k,
      start: slotClock(k),
      end: slotClock(k + 1),
      actual: am,
      predicted: pm,
      error: errors(pm, am),
    });
  }
  const oa = measures(totA);
  const op = measures(totP);
  const error = errors(op, oa);
  const ok = (e: number | null) => e !== null && Math.abs(e) <= BACKTEST_GOAL;
  return {
    fit: { from: fit.from, to: fit.to, days: fit.days },
    test: { from: testDayList[0]!, to: testDayList[testDayList.length - 1]!, days: testDayList.length },
    arrivals: mode,
    replications,
    seed,
    slots,
    overall: { actual: oa, predicted: op, error },
    goal: BACKTEST_GOAL,
    meetsGoal: ok(error.meanWait) && ok(error.abandonment),
    events,
  };
}

/**
 * Calibration (pure): what a scenario needs, fitted from an outlet's tickets. docs/calibration.md
 * explains each estimate and its thresholds.
 */
import type { HolidayCalendar } from '../complaints/calendar';
import { BEIJING_OFFSET_MS, DAY_MS } from '../time/beijing';
import { DEFAULT_OUTLET_DAYS, dayClass, dayType, type DayType, type OutletDays } from '../time/daytypes';
import { type PatienceObservations, type SurvivalEstimate, survivalHistogram, turnbull } from './survival';
import { serviceMinutes, type TicketEvent, type Visit, visitsFromEvents, waitMinutes } from './tickets';

export const SLOT_MINUTES = 30;
export const SLOTS_PER_DAY = 48;
/**
 * A counter idle between two tickets was closed when customers of its zone waited for more than
 * this many minutes of the gap (else it was open and idle); see `counterSpells`.
 */
export const SPELL_GAP_MINUTES = 5;
/** Days of one day type (and class) needed to fit its own profile; fewer: a factor on its class. */
export const OWN_PROFILE_DAYS = 3;
/** Service by time of day: blocks of this many minutes, tested against the rest of the day. */
export const SERVICE_BLOCK_MINUTES = 120;
/** …with at least this many tickets on each side… */
export const SERVICE_BLOCK_MIN_N = 50;
/** …a two-sample Kolmogorov–Smirnov test at α = 0.001 (c(α) = 1.949)… */
export const KS_C_ALPHA = 1.949;
/** …and a mean that differs by at least this share. */
export const SERVICE_BLOCK_MIN_EFFECT = 0.1;
/** Patience by business type when it has this many leavers (no-show or abandon); else pooled. */
export const PATIENCE_OWN_LEAVERS = 30;
const SERVICE_BIN = 0.25;

export type DayClassName = 'weekday' | 'weekend' | 'holiday';
export type DayFlag = 'preHoliday' | 'pension' | 'payday' | 'postHoliday';
const FLAGS: DayFlag[] = ['preHoliday', 'pension', 'payday', 'postHoliday'];

export interface CalibrationOptions {
  calendar?: HolidayCalendar;
  outletDays?: OutletDays;
  /** business type → zone (the server maps as its recommend does); default: the type itself */
  zoneOf?: (businessType: string) => string;
  spellGapMinutes?: number;
  /** only days from…to (inclusive) */
  from?: string;
  to?: string;
}

export interface DistributionFit {
  n: number;
  mean: number;
  median: number;
  p90: number;
  distribution: { type: 'histogram'; edges: number[]; counts: number[] };
}

export interface ServiceFit extends DistributionFit {
  businessType: string;
  /** blocks of the day (by arrival) whose service differs from the rest (KS test, effect size) */
  byPeriod: (DistributionFit & { from: string; to: string; ks: number; critical: number })[];
  /** every block tested, with its verdict (ks and critical −1: too few tickets to test) */
  tested: {
    from: string;
    to: string;
    n: number;
    mean: number;
    ks: number;
    critical: number;
    differs: boolean;
  }[];
}

export interface PatienceFit {
  businessType: string | null;
  exact: number;
  left: number;
  right: number;
  estimate: SurvivalEstimate;
  /** median patience (null: more than half never leave within the grid) */
  median: number | null;
  distribution: { type: 'histogram'; edges: number[]; counts: number[] };
}

export interface ArrivalProfile {
  key: string;
  dayClass: DayClassName;
  flag: DayFlag | null;
  /** days of this type in the history */
  days: number;
  /** own: its own days; factor: its class's profile times a factor per type; class: its class's */
  source: 'own' | 'factor' | 'class' | 'none';
  factor: Record<string, number> | null;
  /** business type → arrivals per hour, 48 half hours from 00:00 */
  perType: Record<string, number[]>;
}

export interface HoursFit {
  dayClass: DayClassName;
  days: number;
  open: string;
  close: string;
  openSlot: number;
  closeSlot: number;
}

export interface CountersFit {
  zone: string;
  counters: string[];
  /** mean counters open per half hour (48, from 00:00) by day class */
  byClass: Partial<Record<DayClassName, number[]>>;
}

export interface Calibration {
  from: string;
  to: string;
  days: number;
  visits: number;
  tickets: number;
  businessTypes: string[];
  hours: HoursFit[];
  arrivals: ArrivalProfile[];
  service: ServiceFit[];
  patience: { pooled: PatienceFit; byType: PatienceFit[] };
  counters: { spellGapMinutes: number; zones: CountersFit[] };
  outletDays: OutletDays;
}

const NO_CALENDAR: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

/** Half-hour slot of the day (0–47) of an instant, Beijing time. */
export const slotOf = (ms: number) =>
  Math.floor(((((ms + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / (SLOT_MINUTES * 60_000));
/** Minutes since Beijing midnight of an instant. */
const minuteOfDay = (ms: number) => ((((ms + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
export const slotClock = (slot: number) =>
  `${String(Math.floor((slot * SLOT_MINUTES) / 60)).padStart(2, '0')}:${String((slot * SLOT_MINUTES) % 60).padStart(2, '0')}`;

/** The flag that shapes a day's traffic most (one per day). */
export function dayFlag(t: DayType): DayFlag | null {
  for (const f of FLAGS) if (t[f]) return f;
  return null;
}
export const dayKey = (t: DayType) => {
  const f = dayFlag(t);
  return f ? `${dayClass(t)}:${f}` : dayClass(t);
};

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}
const round = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

/** An empirical sample as an engine histogram (bins of `bin` minutes) with its summary. */
export function distributionFit(values: number[], bin = SERVICE_BIN): DistributionFit {
  const sorted = [...values].sort((a, b) => a - b);
  const top = Math.max(bin, sorted[sorted.length - 1] ?? bin);
  const K = Math.ceil(top / bin) + (top % bin === 0 ? 1 : 0);
  const counts = new Array<number>(K).fill(0);
  for (const v of sorted) counts[Math.min(K - 1, Math.floor(v / bin))]!++;
  // trim empty bins at the end
  let k = K;
  while (k > 1 && counts[k - 1] === 0) k--;
  const edges = Array.from({ length: k + 1 }, (_, i) => round(i * bin, 4));
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    mean: round(sum / Math.max(1, sorted.length)),
    median: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
    distribution: { type: 'histogram', edges, counts: counts.slice(0, k) },
  };
}

/** The two-sample Kolmogorov–Smirnov statistic of two sorted samples. */
export function ksStatistic(a: number[], b: number[]): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= x) i++;
    while (j < b.length && b[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** The map's value at `key`, made and stored first when absent. */
export function getOr<K, V>(m: Map<K, V>, key: K, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    m.set(key, v);
  }
  return v;
}

/** Merged intervals (sorted by start). */
function union(items: [number, number][]): [number, number][] {
  items.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of items) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Length of (a, b) covered by the sorted disjoint intervals `u`. */
function covered(u: [number, number][], a: number, b: number): number {
  let lo = 0;
  let hi = u.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u[mid]![1] <= a) lo = mid + 1;
    else hi = mid;
  }
  let c = 0;
  for (let i = lo; i < u.length && u[i]![0] < b; i++)
    c += Math.max(0, Math.min(b, u[i]![1]) - Math.max(a, u[i]![0]));
  return c;
}

/**
 * Counter spells: per (day, counter) the intervals it was open (ms), and the zone it serves
 * (the zone of most of its tickets). A counter is open from a call to the end of that ticket;
 * an idle gap before its next call (or from the day's first ticket to its first call, or from
 * its last end to the day's last event) counts as closed when customers of its zone were
 * waiting for more than `gapMinutes` of it (nobody answered them), and as open (idle) otherwise.
 */
export function counterSpells(
  visits: readonly Visit[],
  zoneOf: (t: string) => string,
  gapMinutes = SPELL_GAP_MINUTES,
): Map<string, { day: string; counter: string; zone: string; spells: [number, number][] }> {
  const by = new Map<
    string,
    { day: string; counter: string; items: [number, number][]; types: Map<string, number> }
  >();
  const waiting = new Map<string, [number, number][]>(); // day + zone → waits
  const dayEdge = new Map<string, [number, number]>();
  for (const v of visits) {
    const a = v.startAt ?? v.calledAt;
    const b = v.endedAt ?? v.leftAt ?? v.calledAt ?? a;
    if (a !== null && b !== null) {
      const e = dayEdge.get(v.day);
      if (!e) dayEdge.set(v.day, [a, b]);
      else {
        e[0] = Math.min(e[0], a);
        e[1] = Math.max(e[1], b);
      }
    }
    if (v.startAt !== null) {
      const until = v.calledAt ?? v.leftAt;
      if (until !== null && until > v.startAt) {
        const k = `${v.day}\u0000${zoneOf(v.businessType)}`;
        getOr(waiting, k, () => []).push([v.startAt, until]);
      }
    }
    if (v.counter === null || v.calledAt === null) continue;
    const end = Math.max(v.calledAt, v.endedAt ?? v.leftAt ?? v.calledAt);
    const key = `${v.day}\u0000${v.counter}`;
    let g = by.get(key);
    if (!g) {
      g = { day: v.day, counter: v.counter, items: [], types: new Map() };
      by.set(key, g);
    }
    g.items.push([v.calledAt, end]);
    const z = zoneOf(v.businessType);
    g.types.set(z, (g.types.get(z) ?? 0) + 1);
  }
  const unions = new Map<string, [number, number][]>();
  for (const [k, w] of waiting) unions.set(k, union(w));
  const gap = gapMinutes * 60_000;
  const out = new Map<string, { day: string; counter: string; zone: string; spells: [number, number][] }>();
  for (const [key, g] of by) {
    let zone = '';
    let best = -1;
    for (const [z, n] of g.types) if (n > best || (n === best && z < zone)) [zone, best] = [z, n];
    const u = unions.get(`${g.day}\u0000${zone}`) ?? [];
    const closed = (a: number, b: number) => b - a > gap && covered(u, a, b) > gap;
    const busy = union(g.items);
    const spells: [number, number][] = [];
    for (const [s, e] of busy) {
      const last = spells[spells.length - 1];
      if (last && !closed(last[1], s)) last[1] = e;
      else spells.push([s, e]);
    }
    const [dayStart, dayEnd] = dayEdge.get(g.day)!;
    const first = spells[0]!;
    if (!closed(dayStart, first[0])) first[0] = Math.min(first[0], dayStart);
    const last = spells[spells.length - 1]!;
    if (!closed(last[1], dayEnd)) last[1] = Math.max(last[1], dayEnd);
    out.set(key, { day: g.day, counter: g.counter, zone, spells });
  }
  return out;
}

/** Mean counters open per half hour (48) per day and zone: time open in the slot ÷ 30 minutes. */
export function countersOpenByDay(
  visits: readonly Visit[],
  zoneOf: (t: string) => string,
  gapMinutes = SPELL_GAP_MINUTES,
): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  const slotMs = SLOT_MINUTES * 60_000;
  for (const c of counterSpells(visits, zoneOf, gapMinutes).values()) {
    const day = getOr(out, c.day, () => new Map<string, number[]>());
    const row = getOr(day, c.zone, () => new Array<number>(SLOTS_PER_DAY).fill(0));
    const dayStart = Date.parse(`${c.day}T00:00:00+08:00`);
    for (const [s, e] of c.spells) {
      for (let k = Math.max(0, Math.floor((s - dayStart) / slotMs)); k < SLOTS_PER_DAY; k++) {
        const a = dayStart + k * slotMs;
        const b = a + slotMs;
        if (a >= e) break;
        const overlap = Math.min(b, e) - Math.max(a, s);
        if (overlap > 0) row[k] = row[k]! + overlap / slotMs;
      }
    }
  }
  return out;
}

function patienceObservations(visits: readonly Visit[]): PatienceObservations {
  const obs: PatienceObservations = { exact: [], right: [], left: [] };
  for (const v of visits) {
    if (v.startAt === null) continue;
    if (v.outcome === 'abandoned' && v.leftAt !== null)
      obs.exact.push(Math.max(0, (v.leftAt - v.startAt) / 60_000));
    else if (v.outcome === 'noShow') {
      const w = waitMinutes(v);
      if (w !== null) obs.left.push(w);
    } else if (v.outcome === 'served' || v.outcome === 'transferred') {
      const w = waitMinutes(v);
      if (w !== null) obs.right.push(w);
    }
  }
  return obs;
}

function patienceFit(businessType: string | null, obs: PatienceObservations): PatienceFit {
  const estimate = turnbull(obs);
  let median: number | null = null;
  for (let i = 1; i < estimate.survival.length; i++)
    if (estimate.survival[i]! <= 0.5) {
      const s0 = estimate.survival[i - 1]!;
      const m = estimate.mass[i - 1]!;
      median = round(estimate.edges[i - 1]! + (m > 0 ? ((s0 - 0.5) / m) * estimate.step : 0));
      break;
    }
  const compact: SurvivalEstimate = {
    ...estimate,
    mass: estimate.mass.map((x) => round(x, 6)),
    survival: estimate.survival.map((x) => round(x, 5)),
    tail: round(estimate.tail, 6),
  };
  return {
    businessType,
    exact: obs.exact.length,
    left: obs.left.length,
    right: obs.right.length,
    estimate: compact,
    median,
    distribution: survivalHistogram(estimate),
  };
}

/** Calibrates from events (see `calibrateVisits`). */
export function calibrate(events: Iterable<TicketEvent>, opts: CalibrationOptions = {}): Calibration {
  return calibrateVisits(visitsFromEvents(events), opts);
}

/** Calibrates from visits (`visitsFromEvents`). */
export function calibrateVisits(all: readonly Visit[], opts: CalibrationOptions = {}): Calibration {
  const cal = opts.calendar ?? NO_CALENDAR;
  const outletDays = opts.outletDays ?? DEFAULT_OUTLET_DAYS;
  const zoneOf = opts.zoneOf ?? ((t: string) => t);
  const gap = opts.spellGapMinutes ?? SPELL_GAP_MINUTES;
  const visits = all.filter((v) => (!opts.from || v.day >= opts.from) && (!opts.to || v.day <= opts.to));
  const types = [...new Set(visits.map((v) => v.businessType))].sort();
  const dayList = [...new Set(visits.map((v) => v.day))].sort();
  const dt = new Map(dayList.map((d) => [d, dayType(d, cal, outletDays)]));

  // ---- opening hours per day class: median first issue and last end
  const firstLast = new Map<string, [number, number]>();
  for (const v of visits) {
    const a = v.startAt ?? v.calledAt;
    const b = v.endedAt ?? v.leftAt ?? v.calledAt ?? a;
    if (a === null || b === null) continue;
    const fl = firstLast.get(v.day);
    if (!fl) firstLast.set(v.day, [minuteOfDay(a), minuteOfDay(b)]);
    else {
      fl[0] = Math.min(fl[0], minuteOfDay(a));
      fl[1] = Math.max(fl[1], minuteOfDay(b));
    }
  }
  const hours: HoursFit[] = [];
  for (const c of ['weekday', 'weekend', 'holiday'] as const) {
    const ds = dayList.filter((d) => dayClass(dt.get(d)!) === c && firstLast.has(d));
    if (!ds.length) continue;
    const opens = ds.map((d) => firstLast.get(d)![0]).sort((a, b) => a - b);
    const closes = ds.map((d) => firstLast.get(d)![1]).sort((a, b) => a - b);
    const openSlot = Math.floor(quantile(opens, 0.5) / SLOT_MINUTES);
    const closeSlot = Math.min(
      SLOTS_PER_DAY,
      Math.max(openSlot + 1, Math.ceil(quantile(closes, 0.5) / SLOT_MINUTES)),
    );
    hours.push({
      dayClass: c,
      days: ds.length,
      open: slotClock(openSlot),
      close: slotClock(closeSlot),
      openSlot,
      closeSlot,
    });
  }

  // ---- arrivals per half hour, business type and day type
  const counts = new Map<string, Map<string, number[]>>(); // day → type → 48
  for (const d of dayList)
    counts.set(d, new Map(types.map((t) => [t, new Array<number>(SLOTS_PER_DAY).fill(0)])));
  for (const v of visits) {
    if (v.startAt === null) continue;
    const row = counts.get(v.day)!.get(v.businessType)!;
    row[slotOf(v.startAt)]!++;
  }
  const meanProfile = (ds: string[]) => {
    const out: Record<string, number[]> = {};
    for (const t of types) {
      const row = new Array<number>(SLOTS_PER_DAY).fill(0);
      for (const d of ds) {
        const c = counts.get(d)!.get(t)!;
        for (let k = 0; k < SLOTS_PER_DAY; k++) row[k]! += (c[k]! * (60 / SLOT_MINUTES)) / ds.length;
      }
      out[t] = row.map((x) => round(x));
    }
    return out;
  };
  const sumOf = (r: number[]) => r.reduce((a, b) => a + b, 0);
  const arrivals: ArrivalProfile[] = [];
  const classProfile = new Map<DayClassName, Record<string, number[]>>();
  for (const c of ['weekday', 'weekend', 'holiday'] as const) {
    const inClass = dayList.filter((d) => dayClass(dt.get(d)!) === c);
    if (!inClass.length) continue;
    const plain = inClass.filter((d) => dayFlag(dt.get(d)!) === null);
    const base = meanProfile(plain.length ? plain : inClass);
    classProfile.set(c, base);
    arrivals.push({
      key: c,
      dayClass: c,
      flag: null,
      days: plain.length,
      source: plain.length ? 'own' : 'class',
      factor: null,
      perType: base,
    });
  }
  // a flag's factor per type, pooled over every class: its days' arrivals ÷ their class's plain profile
  for (const f of FLAGS) {
    const flagged = dayList.filter((d) => dayFlag(dt.get(d)!) === f);
    const factor: Record<string, number> = {};
    for (const t of types) {
      let obs = 0;
      let exp = 0;
      for (const d of flagged) {
        const base = classProfile.get(dayClass(dt.get(d)!));
        if (!base) continue;
        obs += sumOf(counts.get(d)!.get(t)!);
        exp += sumOf(base[t]!) / (60 / SLOT_MINUTES);
      }
      factor[t] = exp > 0 ? round(obs / exp) : 1;
    }
    for (const c of ['weekday', 'weekend'] as const) {
      const base = classProfile.get(c);
      if (!base) continue;
      const own = flagged.filter((d) => dayClass(dt.get(d)!) === c);
      if (own.length >= OWN_PROFILE_DAYS)
        arrivals.push({
          key: `${c}:${f}`,
          dayClass: c,
          flag: f,
          days: own.length,
          source: 'own',
          factor: null,
          perType: meanProfile(own),
        });
      else
        arrivals.push({
          key: `${c}:${f}`,
          dayClass: c,
          flag: f,
          days: own.length,
          source: flagged.length ? 'factor' : 'class',
          factor: flagged.length ? factor : null,
          perType: Object.fromEntries(
            types.map((t) => [t, base[t]!.map((x) => round(x * (flagged.length ? factor[t]! : 1)))]),
          ),
        });
    }
  }

  // ---- service per business type, and by block of the day where it differs
  const service: ServiceFit[] = [];
  for (const t of types) {
    const all: number[] = [];
    const byBlock = new Map<number, number[]>();
    for (const v of visits) {
      if (v.businessType !== t) continue;
      const s = serviceMinutes(v);
      if (s === null) continue;
      all.push(s);
      const at = v.startAt ?? v.calledAt!;
      const b = Math.floor(minuteOfDay(at) / SERVICE_BLOCK_MINUTES);
      getOr(byBlock, b, () => []).push(s);
    }
    if (!all.length) continue;
    const fit = distributionFit(all);
    const tested: ServiceFit['tested'] = [];
    const byPeriod: ServiceFit['byPeriod'] = [];
    for (const [b, xs] of [...byBlock].sort((p, q) => p[0] - q[0])) {
      const rest: number[] = [];
      for (const [b2, ys] of byBlock) if (b2 !== b) for (const y of ys) rest.push(y);
      const n = xs.length;
      const m = rest.length;
      const from = slotClock((b * SERVICE_BLOCK_MINUTES) / SLOT_MINUTES);
      const to = slotClock(Math.min(SLOTS_PER_DAY, ((b + 1) * SERVICE_BLOCK_MINUTES) / SLOT_MINUTES));
      const mean = xs.reduce((a, c) => a + c, 0) / Math.max(1, n);
      if (n < SERVICE_BLOCK_MIN_N || m < SERVICE_BLOCK_MIN_N) {
        tested.push({ from, to, n, mean: round(mean), ks: -1, critical: -1, differs: false });
        continue;
      }
      const xsS = [...xs].sort((p, q) => p - q);
      const restS = rest.sort((p, q) => p - q);
      const ks = ksStatistic(xsS, restS);
      const critical = KS_C_ALPHA * Math.sqrt((n + m) / (n * m));
      const restMean = restS.reduce((a, c) => a + c, 0) / m;
      const differs = ks > critical && Math.abs(mean / restMean - 1) >= SERVICE_BLOCK_MIN_EFFECT;
      tested.push({
        from,
        to,
        n,
        mean: round(mean),
        ks: round(ks, 4),
        critical: round(critical, 4),
        differs,
      });
      if (differs)
        byPeriod.push({ ...distributionFit(xs), from, to, ks: round(ks, 4), critical: round(critical, 4) });
    }
    service.push({ businessType: t, ...fit, byPeriod, tested });
  }

  // ---- patience, pooled and per business type with enough leavers
  const pooled = patienceFit(null, patienceObservations(visits));
  const byType: PatienceFit[] = [];
  for (const t of types) {
    const obs = patienceObservations(visits.filter((v) => v.businessType === t));
    if (obs.exact.length + obs.left.length >= PATIENCE_OWN_LEAVERS) byType.push(patienceFit(t, obs));
  }

  // ---- counters open per half hour per zone, by day class
  const open = countersOpenByDay(visits, zoneOf, gap);
  const spells = counterSpells(visits, zoneOf, gap);
  const zones = new Map<string, Set<string>>();
  for (const s of spells.values()) {
    getOr(zones, s.zone, () => new Set<string>()).add(s.counter);
  }
  const counterFits: CountersFit[] = [];
  for (const [zone, counters] of [...zones].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const byClass: CountersFit['byClass'] = {};
    for (const c of ['weekday', 'weekend', 'holiday'] as const) {
      const ds = dayList.filter((d) => dayClass(dt.get(d)!) === c);
      if (!ds.length) continue;
      const row = new Array<number>(SLOTS_PER_DAY).fill(0);
      for (const d of ds) {
        const r = open.get(d)?.get(zone);
        if (r) for (let k = 0; k < SLOTS_PER_DAY; k++) row[k]! += r[k]! / ds.length;
      }
      byClass[c] = row.map((x) => round(x, 2));
    }
    counterFits.push({ zone, counters: [...counters].sort(), byClass });
  }

  return {
    from: dayList[0] ?? '',
    to: dayList[dayList.length - 1] ?? '',
    days: dayList.length,
    visits: visits.length,
    tickets: visits.filter((v) => !v.viaTransfer).length,
    businessTypes: types,
    hours,
    arrivals,
    service,
    patience: { pooled, byType },
    counters: { spellGapMinutes: gap, zones: counterFits },
    outletDays,
  };
}

/** The arrival profile for a day's type (its class's when the type was not fitted). */
export function arrivalsFor(fit: Calibration, t: DayType): ArrivalProfile | null {
  const key = dayKey(t);
  return (
    fit.arrivals.find((a) => a.key === key) ??
    fit.arrivals.find((a) => a.key === dayClass(t)) ??
    fit.arrivals.find((a) => a.key === 'weekday') ??
    null
  );
}

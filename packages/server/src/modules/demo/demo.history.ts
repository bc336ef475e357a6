/**
 * The demo's ticket history (pure): weeks of ticket-machine events for a demo outlet, made by a
 * queue simulation of its own — not by the engine, and not with the shapes the calibration and
 * the forecast assume — so that fitting them to it is an honest test (docs/lobby.md, "The demo's
 * ticket history"). What it has, for those to discover:
 * - traffic: a morning peak, a lunch trough and an afternoon peak (DEMO_DAY_SHAPE), varying
 *   smoothly within each half hour; weekday effects (Monday and Friday busier); weekends at about
 *   half; holidays closed; the day before a holiday run and the day after it busier; paydays busier;
 *   the month-start pension days bring pension customers, mostly in the morning; day-to-day
 *   variation beyond Poisson;
 * - service: per business type, long-tailed (a lognormal with an occasional complicated case),
 *   slower in the afternoon for advice-heavy business;
 * - patience: not exponential — some customers give up within a minute or two, the rest are
 *   patient for half an hour or more; most who give up are recorded as `no_show` when their ticket
 *   is called (the counter waits half a minute for them), some as `abandoned` at the kiosk;
 * - counters: per zone, as many as its capacity on workdays and about half on weekends; each closes
 *   for a staggered lunch break (45 minutes) and one short break; counters keep serving the queue
 *   after closing time, up to an hour;
 * - transfers: a few non-cash customers are sent on to a wealth adviser after their business.
 */
import { type DayType, dayType, DEFAULT_OUTLET_DAYS, type HolidayCalendar } from '@liangdian/engine';
import { addDays, beijingMs, MINUTE_MS } from '@liangdian/engine/time';
import type { TicketKind } from '@liangdian/shared';
import { seededRandom } from '../../lib/seeded-random';
import {
  DEMO_BUSINESS_TYPES,
  DEMO_DAY_SHAPE,
  DEMO_TRAFFIC,
  DEMO_TRAFFIC_DEFAULT,
  DEMO_TYPE_MIX,
  type DemoTraffic,
} from './demo.data';

/** Weeks of history the demo loads for each outlet, ending the day before it is loaded. */
export const DEMO_HISTORY_WEEKS = 10;

/** One ticket-machine event, shaped like a `ticket_events` row without outlet and receipt time. */
export interface HistoryEvent {
  event_id: string;
  ticket: string;
  business_type: string;
  kind: TicketKind;
  at: string;
  day: string;
  counter: string | null;
  staff_id: string | null;
  to_business_type: string | null;
}

export interface HistoryOptions {
  /** the outlet's code (DEMO_TRAFFIC's key; others get the default traffic) */
  code: string;
  /** first and last day, inclusive (YYYY-MM-DD, Beijing) */
  from: string;
  to: string;
  calendar: HolidayCalendar;
  seed: number;
  /** the outlet's zones: kind and capacity (counters, machines, desks) */
  zones: readonly { kind: string; capacity: number }[];
  /** scales the traffic (benchmarks use it to reach a size) */
  scale?: number;
}

/** Mean and sd (minutes) of the lognormal service time by business type. */
const SERVICE: Record<string, { mean: number; sd: number; afternoon: number }> = {
  cash: { mean: 4.2, sd: 2.6, afternoon: 1 },
  pension: { mean: 3.8, sd: 2.0, afternoon: 1 },
  non_cash: { mean: 6.5, sd: 4.5, afternoon: 1.2 },
  account_opening: { mean: 12, sd: 5, afternoon: 1.15 },
  loan: { mean: 16, sd: 8, afternoon: 1.2 },
  super_counter: { mean: 5.5, sd: 3.2, afternoon: 1 },
  wealth: { mean: 15, sd: 9, afternoon: 1.25 },
  self_service: { mean: 2.8, sd: 1.4, afternoon: 1 },
};
const WEEKDAY_FACTOR = [0.45, 1.12, 1.0, 0.96, 0.98, 1.06, 0.55]; // Sunday … Saturday
const TICKET_PREFIX: Record<string, string> = {
  cash: 'A',
  non_cash: 'B',
  super_counter: 'C',
  wealth: 'D',
  self_service: 'E',
};
/** how long a counter waits for a customer who does not come (minutes) */
const NO_SHOW_WAIT = 0.5;
/** from the call to the customer at the counter (minutes) */
const WALK = 0.3;
const TRANSFER_TO_WEALTH = 0.04;

const hhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

interface Rand {
  u(): number;
  exp(mean: number): number;
  normal(): number;
  lognormal(mean: number, sd: number): number;
  gamma(shape: number): number;
}

function rand(seed: number): Rand {
  const u = seededRandom(seed);
  const r: Rand = {
    u: () => {
      let x = u();
      while (x === 0) x = u();
      return x;
    },
    exp: (mean) => -mean * Math.log(r.u()),
    normal: () => Math.sqrt(-2 * Math.log(r.u())) * Math.cos(2 * Math.PI * r.u()),
    lognormal: (mean, sd) => {
      const s2 = Math.log(1 + (sd * sd) / (mean * mean));
      return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * r.normal());
    },
    // Marsaglia–Tsang (shape ≥ 1)
    gamma: (shape) => {
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const x = r.normal();
        const v = (1 + c * x) ** 3;
        if (v > 0 && Math.log(r.u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
      }
    },
  };
  return r;
}

/** The traffic intensity (share of the peak) at minute `m` of the day: DEMO_DAY_SHAPE, interpolated. */
function shapeAt(m: number): number {
  const x = (m - 9 * 60) / 30 - 0.5; // slot centres
  if (x < 0) return Math.max(0.3, DEMO_DAY_SHAPE[0]! - 0.15 * (-x / 1));
  const i = Math.floor(x);
  if (i >= DEMO_DAY_SHAPE.length - 1) return DEMO_DAY_SHAPE[DEMO_DAY_SHAPE.length - 1]!;
  const f = x - i;
  return DEMO_DAY_SHAPE[i]! * (1 - f) + DEMO_DAY_SHAPE[i + 1]! * f;
}

/** The day's multiplier on all traffic, and the pension type's own. */
function dayFactors(t: DayType, r: Rand): { all: number; pension: number } {
  let all = WEEKDAY_FACTOR[t.weekday]!;
  if (t.kind === 'makeUp') all = 1.0;
  if (t.preHoliday) all *= 1.35;
  if (t.postHoliday) all *= 1.3;
  if (t.payday) all *= 1.18;
  // overdispersion: the day's level varies beyond Poisson (gamma, cv ≈ 0.08)
  all *= r.gamma(150) / 150;
  return { all, pension: t.pension ? 4.2 : 1 };
}

interface Customer {
  type: string;
  ticket: string;
  arrival: number;
  patience: number;
  /** leaves silently (called, no show) rather than cancelling at the kiosk */
  silent: boolean;
  service: number;
  transferTo: string | null;
}

/** Counter availability of one zone on one day: open intervals per counter, minutes of the day. */
function counterPlan(
  capacity: number,
  open: number,
  close: number,
  t: DayType,
  r: Rand,
): [number, number][][] {
  const weekend = t.kind === 'weekend';
  const n = Math.max(1, weekend ? Math.ceil(capacity / 2) : capacity);
  const out: [number, number][][] = [];
  for (let k = 0; k < n; k++) {
    const closed: [number, number][] = [];
    // a staggered lunch when the zone has someone else to keep it open
    if (n > 1) {
      const from = 11 * 60 + 30 + (k % 3) * 45 + Math.round(r.u() * 10);
      closed.push([from, from + 45]);
    }
    // one short break in the afternoon (10–15 minutes), two on long days
    const b = 14 * 60 + 30 + Math.round(r.u() * 90);
    closed.push([b, b + 10 + Math.round(r.u() * 5)]);
    closed.sort((a, b2) => a[0] - b2[0]);
    const spans: [number, number][] = [];
    let at = open;
    for (const [a, b2] of closed) {
      if (a > at) spans.push([at, a]);
      at = Math.max(at, b2);
    }
    spans.push([at, close + 60]);
    out.push(spans);
  }
  return out;
}

/** The first minute ≥ t at which a counter with these open spans can start someone; ∞ when none. */
function nextOpen(spans: [number, number][], t: number): number {
  for (const [a, b] of spans) {
    if (t < a) return a;
    if (t < b) return t;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * The ticket events of one outlet from `from` to `to` (inclusive), ordered by time. Deterministic
 * for a seed; about 4 events per ticket.
 */
export function generateOutletHistory(o: HistoryOptions): HistoryEvent[] {
  const traffic: DemoTraffic = DEMO_TRAFFIC[o.code] ?? DEMO_TRAFFIC_DEFAULT;
  const r = rand(o.seed);
  const zoneKinds = new Map(o.zones.map((z) => [z.kind, z.capacity]));
  // business type → the zone kind serving it (its default, else cash)
  const zoneOf = new Map<string, string>();
  for (const b of DEMO_BUSINESS_TYPES)
    zoneOf.set(b.code, zoneKinds.has(b.defaultZoneKind) ? b.defaultZoneKind : 'cash');
  // counters numbered across the outlet in the zones' order
  const counterBase = new Map<string, number>();
  let next = 1;
  for (const z of o.zones)
    if ([...zoneOf.values()].includes(z.kind)) {
      counterBase.set(z.kind, next);
      next += Math.max(1, z.capacity);
    }
  const open = hhmm(traffic.open);
  const close = hhmm(traffic.close);
  const scale = o.scale ?? 1;
  const out: HistoryEvent[] = [];
  for (let day = o.from; day <= o.to; day = addDays(day, 1)) {
    const t = dayType(day, o.calendar, DEFAULT_OUTLET_DAYS);
    if (t.kind === 'holiday') continue;
    const f = dayFactors(t, r);
    const dayStart = beijingMs(day, '00:00');
    const byZone = new Map<string, Customer[]>();
    const addCustomer = (type: string, arrival: number) => {
      const zone = zoneOf.get(type)!;
      const s = SERVICE[type] ?? SERVICE.cash!;
      const afternoon = arrival >= 14 * 60 ? s.afternoon : 1;
      // an occasional complicated case takes two to three times as long
      const svc = r.lognormal(s.mean * afternoon, s.sd * afternoon) * (r.u() < 0.06 ? 2 + r.u() : 1);
      // patience: 15% give up within a couple of minutes, the rest are patient (Weibull, shape 1.8)
      const patience =
        r.u() < 0.15 ? 0.3 + r.exp(1.2) : 26 * (-Math.log(r.u())) ** (1 / 1.8) + (t.pension ? 8 : 0);
      const c: Customer = {
        type,
        ticket: '',
        arrival,
        patience,
        silent: r.u() < 0.7,
        service: Math.max(0.5, svc),
        transferTo:
          type === 'non_cash' && zoneKinds.has('wealth') && r.u() < TRANSFER_TO_WEALTH ? 'wealth' : null,
      };
      const list = byZone.get(zone) ?? [];
      list.push(c);
      byZone.set(zone, list);
    };
    // arrivals: a Poisson process per type, thinned from the peak rate (per minute)
    for (const b of DEMO_BUSINESS_TYPES) {
      const share = DEMO_TYPE_MIX[b.code] ?? 0;
      if (share === 0) continue;
      const typeFactor = b.code === 'pension' ? f.pension : 1;
      // pension customers come early: more in the morning on pension days
      const morningBias = (m: number) =>
        b.code === 'pension' && t.pension ? (m < 12 * 60 ? 1.45 : 0.55) : 1;
      const max = ((traffic.peakPerHour * share * f.all * typeFactor * scale) / 60) * 1.5;
      if (max <= 0) continue;
      let m = open;
      for (;;) {
        m += r.exp(1 / max);
        if (m >= close) break;
        const rate =
          ((traffic.peakPerHour * share * f.all * typeFactor * scale) / 60) * shapeAt(m) * morningBias(m);
        if (r.u() * max < rate) addCustomer(b.code, m);
      }
    }
    const emit = (
      c: Customer,
      round: number,
      kind: TicketKind,
      m: number,
      type: string,
      counter: string | null,
      to: string | null,
    ) => {
      out.push({
        event_id: `${o.code}-${day}-${c.ticket}-${round}-${kind}`,
        ticket: c.ticket,
        business_type: type,
        kind,
        at: new Date(dayStart + m * MINUTE_MS).toISOString(),
        day,
        counter,
        staff_id: null,
        to_business_type: to,
      });
    };
    // each zone: first come first served over its types, counters with their open spans; the
    // wealth zone last, so that transfers into it have happened
    const zones = [...byZone.keys()].sort((a, b) => (a === 'wealth' ? 1 : 0) - (b === 'wealth' ? 1 : 0));
    const transfers: { c: Customer; at: number }[] = [];
    for (const zone of zones) {
      const cap = zoneKinds.get(zone) ?? 1;
      const plan = counterPlan(cap, open, close, t, r);
      const free = plan.map((spans) => nextOpen(spans, open));
      // tickets are numbered per zone in the order they are taken
      const prefix = TICKET_PREFIX[zone] ?? 'F';
      const own = byZone.get(zone)!.sort((a, b) => a.arrival - b.arrival);
      own.forEach((c, i) => {
        c.ticket = `${prefix}${String(i + 1).padStart(3, '0')}`;
      });
      const queue = own.map((c) => ({ c, at: c.arrival, type: c.type, again: false }));
      if (zone === 'wealth')
        for (const x of transfers) {
          const s = SERVICE.wealth!;
          queue.push({
            c: {
              ...x.c,
              patience: x.c.patience + 20,
              service: Math.max(1, r.lognormal(s.mean, s.sd)),
              transferTo: null,
            },
            at: x.at,
            type: 'wealth',
            again: true,
          });
        }
      queue.sort((a, b) => a.at - b.at);
      for (const q of queue) if (!q.again) emit(q.c, 0, 'issued', q.at, q.type, null, null);
      for (const q of queue) {
        // the counter that can start soonest
        let k = 0;
        let start = Number.POSITIVE_INFINITY;
        for (let i = 0; i < free.length; i++) {
          const at = nextOpen(plan[i]!, Math.max(free[i]!, q.at));
          if (at < start) {
            start = at;
            k = i;
          }
        }
        // a counter that would start after closing + 1 h never does: the rest leave
        const left = q.at + q.c.patience;
        if (start === Number.POSITIVE_INFINITY || start >= close + 60) start = Number.POSITIVE_INFINITY;
        const counter = String((counterBase.get(zone) ?? 1) + k);
        const round = q.again ? 2 : 1;
        if (left < start) {
          if (!q.c.silent || start === Number.POSITIVE_INFINITY) {
            emit(q.c, round, 'abandoned', Math.min(left, close + 60), q.type, null, null);
            continue;
          }
          emit(q.c, round, 'called', start, q.type, counter, null);
          emit(q.c, round, 'no_show', start + NO_SHOW_WAIT, q.type, counter, null);
          free[k] = start + NO_SHOW_WAIT;
          continue;
        }
        emit(q.c, round, 'called', start, q.type, counter, null);
        emit(q.c, round, 'serving', start + WALK, q.type, counter, null);
        const end = start + WALK + q.c.service;
        if (q.c.transferTo && !q.again) {
          emit(q.c, round, 'transferred', end, q.type, counter, q.c.transferTo);
          transfers.push({ c: q.c, at: end });
        } else emit(q.c, round, 'ended', end, q.type, counter, null);
        free[k] = end;
      }
    }
  }
  out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return out;
}

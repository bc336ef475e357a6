/**
 * A small synthetic ticket history (pure, seeded) for tests and benchmarks of the calibration:
 * a FIFO queue per zone with counters that close for lunch and a break, a patience that is a
 * mixture (many impatient in the first minutes, the rest patient), leavers recorded as a no-show
 * when called or as an abandon, month-start pension days busier for cash. Its parameters are
 * known, so tests can check what the calibration recovers; the demo history is another generator.
 */
import { Xoshiro128 } from '../rng';
import { addDays, fromBeijingWallClock } from '../time/beijing';
import type { TicketEvent } from './tickets';

export interface SyntheticType {
  id: string;
  prefix: string;
  /** arrivals per hour per half hour from 09:00 (16) */
  profile: number[];
  serviceMean: number;
  serviceSd: number;
  /** counters with their closed periods [from, to) in minutes from 09:00 */
  counters: { name: string; closed: [number, number][] }[];
  /** pension-day factor on arrivals */
  pensionFactor?: number;
}

export interface SyntheticOptions {
  from: string;
  to: string;
  seed?: number;
  types?: SyntheticType[];
  /** share of impatient customers and their mean patience; the others' mean patience */
  impatientShare?: number;
  impatientMean?: number;
  patientMean?: number;
  /** share of leavers recorded as no-show when called (the rest: abandoned when they leave) */
  noShowShare?: number;
}

export const SYNTHETIC_TYPES: SyntheticType[] = [
  {
    id: 'cash',
    prefix: 'A',
    profile: [20, 30, 36, 34, 28, 22, 16, 14, 18, 24, 28, 30, 26, 22, 16, 10],
    serviceMean: 5,
    serviceSd: 3,
    counters: [
      { name: '1', closed: [] },
      { name: '2', closed: [[180, 240]] },
      {
        name: '3',
        closed: [
          [210, 270],
          [360, 375],
        ],
      },
    ],
    pensionFactor: 1.5,
  },
  {
    id: 'non_cash',
    prefix: 'B',
    profile: [8, 12, 14, 12, 10, 8, 6, 6, 8, 10, 12, 12, 10, 8, 6, 4],
    serviceMean: 9,
    serviceSd: 5,
    counters: [
      { name: '5', closed: [] },
      { name: '6', closed: [[180, 270]] },
    ],
  },
];

function normal(rng: Xoshiro128): number {
  return Math.sqrt(-2 * Math.log(rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
}
const exp = (rng: Xoshiro128, mean: number) => -Math.log(rng.uniform()) * mean;
function lognormal(rng: Xoshiro128, mean: number, sd: number): number {
  const s2 = Math.log(1 + (sd * sd) / (mean * mean));
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal(rng));
}

/** The next minute ≥ t (from 09:00) the counter is open; Infinity after 09:00 + `lastMinute`. */
function nextOpen(closed: [number, number][], t: number, lastMinute: number): number {
  let x = t;
  for (const [a, b] of closed) if (x >= a && x < b) x = b;
  return x <= lastMinute ? x : Number.POSITIVE_INFINITY;
}

/** Events of every day from…to (Sundays closed), in time order per day. */
export function syntheticHistory(opts: SyntheticOptions): TicketEvent[] {
  const rng = new Xoshiro128(opts.seed ?? 1);
  const types = opts.types ?? SYNTHETIC_TYPES;
  const impatientShare = opts.impatientShare ?? 0.3;
  const impatientMean = opts.impatientMean ?? 1.5;
  const patientMean = opts.patientMean ?? 45;
  const noShowShare = opts.noShowShare ?? 0.7;
  const out: TicketEvent[] = [];
  for (let day = opts.from; day <= opts.to; day = addDays(day, 1)) {
    const w = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (w === 0) continue;
    const base = Date.parse(fromBeijingWallClock(day, '09:00'));
    const at = (m: number) => base + Math.round(m * 60_000);
    const pension = Number(day.slice(8)) <= 5;
    const weekendFactor = w === 6 ? 0.6 : 1;
    for (const t of types) {
      // arrivals: a Poisson process per half hour
      const arr: number[] = [];
      t.profile.forEach((rate, k) => {
        const lambda = (rate * weekendFactor * (pension ? (t.pensionFactor ?? 1) : 1)) / 60;
        let x = k * 30 + exp(rng, 1 / lambda);
        while (x < (k + 1) * 30) {
          arr.push(x);
          x += exp(rng, 1 / lambda);
        }
      });
      const free = t.counters.map(() => 0);
      arr.forEach((a, i) => {
        const ticket = `${t.prefix}${String(i + 1).padStart(3, '0')}`;
        out.push({ ticket, businessType: t.id, kind: 'issued', at: at(a) });
        const patience = rng.uniform() < impatientShare ? exp(rng, impatientMean) : exp(rng, patientMean);
        let best = -1;
        let start = Number.POSITIVE_INFINITY;
        t.counters.forEach((c, j) => {
          const s = nextOpen(c.closed, Math.max(a, free[j]!), 540);
          if (s < start) [best, start] = [j, s];
        });
        if (best < 0) return;
        const counter = t.counters[best]!.name;
        if (start - a > patience) {
          if (rng.uniform() < noShowShare) {
            out.push({ ticket, businessType: t.id, kind: 'called', at: at(start), counter });
            out.push({ ticket, businessType: t.id, kind: 'no_show', at: at(start + 0.5), counter });
            free[best] = start + 0.5;
          } else out.push({ ticket, businessType: t.id, kind: 'abandoned', at: at(a + patience) });
          return;
        }
        const s = lognormal(rng, t.serviceMean, t.serviceSd);
        out.push({ ticket, businessType: t.id, kind: 'called', at: at(start), counter });
        out.push({ ticket, businessType: t.id, kind: 'serving', at: at(start + 0.3), counter });
        out.push({ ticket, businessType: t.id, kind: 'ended', at: at(start + 0.3 + s), counter });
        free[best] = start + 0.3 + s;
      });
    }
  }
  return out;
}

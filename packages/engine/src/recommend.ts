/**
 * Which mode, slot by slot: the scenario simulated in fixed assignment (固定作业) and in rotating
 * backfill (循环补位) with common random numbers, each slot's figures weighed by an objective
 * the outlet can set, and the traffic up to which rotating holds with the day's staff (the
 * crossover), found by bisection on simulated figures. No traffic threshold is written into the
 * rule: the choice comes from the figures. docs/engine.md, "Recommend".
 */
import type { SlotSummary } from './aggregate';
import { compileScenario, type Model } from './model';
import { checkRunOptions, simulate } from './run';
import { clockMinutes } from './scenario/plan';
import type { Scenario, ScenarioInput } from './scenario/schema';

/**
 * Weights of the objective: a slot's cost per customer, in minute-equivalents of waiting. Lower
 * is better. Each weight multiplies one figure of the slot (see `scoreOf`).
 */
export interface RecommendObjective {
  /** per minute of mean wait (served and abandoned customers) */
  waitMinute: number;
  /** per abandoned customer (× the abandonment rate) */
  abandonment: number;
  /** × the share served later than the target (1 − service level) */
  serviceLevelShortfall: number;
  /** × the share not received at the door on arrival */
  notReceived: number;
  /** × the share not escorted one-on-one (the value of 一对一 reception) */
  notEscorted: number;
  /** per staff-minute pulled from their own post by backfill (per customer) */
  pulledMinute: number;
  /** per misroute (per customer): the wrong queue, the wrong counter's time, the complaint risk */
  misroute: number;
}

/** The defaults (docs/engine.md, "Recommend"). */
export const DEFAULT_OBJECTIVE: Readonly<RecommendObjective> = Object.freeze({
  waitMinute: 1,
  abandonment: 30,
  serviceLevelShortfall: 10,
  notReceived: 2,
  notEscorted: 3,
  pulledMinute: 1,
  misroute: 25,
});

export const OBJECTIVE_KEYS = Object.keys(DEFAULT_OBJECTIVE) as (keyof RecommendObjective)[];
/** the largest weight accepted */
export const OBJECTIVE_MAX_WEIGHT = 1000;

export interface ModeKpis {
  /** mean wait of the slot's customers (served and abandoned), minutes */
  meanWaitMinutes: number;
  /** mean wait of the customers who reached a counter, minutes */
  servedWaitMinutes: number;
  serviceLevel: number;
  /** abandoned / customers who left */
  abandonRate: number;
  /** share of arrivals received at the door on arrival */
  receivedShare: number;
  /** share of arrivals escorted one-on-one */
  escortedShare: number;
  /** staff-minutes pulled from their own post by backfill, mean per replication */
  pulledMinutes: number;
  /** unreceived customers who took the wrong queue, mean per replication */
  misroutes: number;
  /** misrouted customers sent on to the right zone, mean per replication */
  transfers: number;
  /** customers, mean per replication */
  arrivals: number;
  /** the objective's cost per customer (lower is better) */
  score: number;
}

export interface SlotRecommendation {
  index: number;
  start: string;
  end: string;
  /** arrivals per hour the scenario gives the slot (all types) */
  arrivalsPerHour: number;
  better: 'fixed' | 'rotating';
  fixed: ModeKpis;
  rotating: ModeKpis;
}

export interface Crossover {
  /** with the day's staff and mix, rotating scores no worse than fixed up to this many customers an hour */
  arrivalsPerHour: number;
  /** 'none': fixed wins even at the lightest traffic tried; 'beyond': rotating still wins at the
   * heaviest traffic tried (arrivalsPerHour is then that traffic); null: a crossing was found */
  bound: 'none' | 'beyond' | null;
  /** replications per evaluation of the bisection */
  replications: number;
  /** the traffic levels tried, in order, with the mode that won */
  steps: Array<{ arrivalsPerHour: number; better: 'fixed' | 'rotating' }>;
}

export interface Recommendation {
  scenario: string;
  seed: number;
  replications: number;
  objective: RecommendObjective;
  slots: SlotRecommendation[];
  /** the whole day in each mode */
  overall: { better: 'fixed' | 'rotating'; fixed: ModeKpis; rotating: ModeKpis };
  crossover: Crossover | null;
  /** events the engine handled, every run (both modes and the bisection's) */
  events: number;
}

export interface RecommendOptions {
  /** default 100 */
  replications?: number;
  /** default 1 */
  seed?: number;
  /** weights (any left out take their default) */
  objective?: Partial<RecommendObjective>;
  /** find the crossover (default true) */
  crossover?: boolean;
  /** replications per bisection step; default min(replications, 30) */
  crossoverReplications?: number;
}

/** Checks weights given by a user: the problems found, by key (empty when fine). */
export function objectiveIssues(o: Record<string, unknown>): Array<{ key: string; message: string }> {
  const out: Array<{ key: string; message: string }> = [];
  for (const [k, v] of Object.entries(o)) {
    if (!(OBJECTIVE_KEYS as string[]).includes(k)) out.push({ key: k, message: 'unknown weight' });
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > OBJECTIVE_MAX_WEIGHT)
      out.push({ key: k, message: `must be a number from 0 to ${OBJECTIVE_MAX_WEIGHT}` });
  }
  return out;
}

export function resolveObjective(o: Partial<RecommendObjective> = {}): RecommendObjective {
  const bad = objectiveIssues(o);
  if (bad.length > 0) throw new RangeError(`objective.${bad[0]!.key}: ${bad[0]!.message}`);
  return { ...DEFAULT_OBJECTIVE, ...o };
}

const fin = (v: number, dflt: number) => (Number.isFinite(v) ? v : dflt);

/** A slot's cost per customer under the objective; 0 for a slot nobody arrives in. */
export function scoreOf(k: Omit<ModeKpis, 'score'>, w: RecommendObjective): number {
  if (!(k.arrivals > 0)) return 0;
  return (
    w.waitMinute * fin(k.meanWaitMinutes, 0) +
    w.abandonment * fin(k.abandonRate, 0) +
    w.serviceLevelShortfall * (1 - fin(k.serviceLevel, 1)) +
    w.notReceived * (1 - fin(k.receivedShare, 0)) +
    w.notEscorted * (1 - fin(k.escortedShare, 0)) +
    w.pulledMinute * (k.pulledMinutes / k.arrivals) +
    w.misroute * (k.misroutes / k.arrivals)
  );
}

function kpisOfSlot(s: SlotSummary, w: RecommendObjective): ModeKpis {
  const left = s.servedPerReplication + s.abandonedPerReplication;
  const k = {
    meanWaitMinutes: s.waitMinutes,
    servedWaitMinutes: s.servedWaitMinutes,
    serviceLevel: s.serviceLevel,
    abandonRate: left > 0 ? s.abandonedPerReplication / left : Number.NaN,
    receivedShare: s.receivedShare,
    escortedShare: s.escortedShare,
    pulledMinutes: s.pulledMinutesPerReplication,
    misroutes: s.misroutesPerReplication,
    transfers: s.transfersPerReplication,
    arrivals: s.arrivalsPerReplication,
  };
  return { ...k, score: scoreOf(k, w) };
}

function kpisOfDay(r: ReturnType<typeof simulate>, w: RecommendObjective): ModeKpis {
  const k = {
    meanWaitMinutes: r.waitMinutes.mean,
    servedWaitMinutes: r.servedWaitMinutes,
    serviceLevel: r.serviceLevel,
    abandonRate: r.abandonRate,
    receivedShare: r.reception.receivedShare,
    escortedShare: r.reception.escortedShare,
    pulledMinutes: r.reception.pulledMinutesPerReplication,
    misroutes: r.reception.misroutesPerReplication,
    transfers: r.reception.transfersPerReplication,
    arrivals: r.perReplication.arrivals,
  };
  return { ...k, score: scoreOf(k, w) };
}

/** Ties (equal cost, e.g. a slot nobody arrives in) go to rotating: one-on-one costs nothing then. */
const better = (f: ModeKpis, r: ModeKpis) =>
  r.score <= f.score ? ('rotating' as const) : ('fixed' as const);

/** The scenario with its whole day in one mode. */
function inMode(sc: Scenario, mode: 'fixed' | 'rotating'): ScenarioInput {
  return { ...sc, modePlan: { default: mode, periods: [] } } as ScenarioInput;
}

/** The scenario with a steady traffic of `perHour` customers an hour, in the day's mix of business types. */
function steady(m: Model, perHour: number): Scenario {
  const sc = m.scenario;
  const S = m.slotsPerDay;
  const totals = sc.businessTypes.map((b) => {
    if (!Array.isArray(b.arrivalsPerHour)) return b.arrivalsPerHour * S;
    let t = 0;
    for (let k = 0; k < S; k++) t += b.arrivalsPerHour[k] ?? 0;
    return t;
  });
  let all = 0;
  for (const t of totals) all += t;
  return {
    ...sc,
    businessTypes: sc.businessTypes.map((b, i) => ({
      ...b,
      arrivalsPerHour: all > 0 ? (perHour * totals[i]!) / all : perHour / sc.businessTypes.length,
    })),
  };
}

function clockOf(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/**
 * Simulates the scenario in both modes (same seed: common random numbers) and recommends a mode
 * per slot; with `crossover`, also the traffic up to which rotating holds (bisection on a steady
 * day with the day's mix and staff). Pure: the same inputs give the same answer.
 */
export function recommend(scenario: unknown, options: RecommendOptions = {}): Recommendation {
  const model = compileScenario(scenario);
  const replications = options.replications ?? 100;
  const seed = options.seed ?? 1;
  checkRunOptions(replications, seed);
  const w = resolveObjective(options.objective);
  const sc = model.scenario;
  if (!sc.welcome) throw new RangeError('recommend needs the welcome step (scenario field "welcome")');
  const fixedRun = simulate(inMode(sc, 'fixed'), { replications, seed });
  const rotRun = simulate(inMode(sc, 'rotating'), { replications, seed });
  const counter = { events: fixedRun.events + rotRun.events };
  const open = clockMinutes(sc.hours.open);
  const slots = fixedRun.perSlot.map((fs, k): SlotRecommendation => {
    const f = kpisOfSlot(fs, w);
    const r = kpisOfSlot(rotRun.perSlot[k]!, w);
    const start = open + k * model.slotMinutes;
    return {
      index: k,
      start: clockOf(start),
      end: clockOf(start + model.slotMinutes),
      arrivalsPerHour: model.slotRate[k]! * 60,
      better: better(f, r),
      fixed: f,
      rotating: r,
    };
  });
  const of = kpisOfDay(fixedRun, w);
  const or = kpisOfDay(rotRun, w);
  const crossover =
    options.crossover === false
      ? null
      : findCrossover(model, w, seed, options.crossoverReplications ?? Math.min(replications, 30), counter);
  return {
    scenario: sc.name,
    seed,
    replications,
    objective: w,
    slots,
    overall: { better: better(of, or), fixed: of, rotating: or },
    crossover,
    events: counter.events,
  };
}

/** Rotating's cost minus fixed's on a steady day of `perHour` customers an hour (≤ 0: rotating holds). */
function margin(
  m: Model,
  perHour: number,
  w: RecommendObjective,
  seed: number,
  reps: number,
  counter: { events: number },
): number {
  const s = steady(m, perHour);
  const fr = simulate(inMode(s, 'fixed'), { replications: reps, seed });
  const rr = simulate(inMode(s, 'rotating'), { replications: reps, seed });
  counter.events += fr.events + rr.events;
  return kpisOfDay(rr, w).score - kpisOfDay(fr, w).score;
}

/**
 * The crossover: bisection for the traffic where rotating stops scoring at least as well as
 * fixed, to the nearest customer an hour, from 1 to (at most) LIMITS-bounded 1,000 an hour.
 */
function findCrossover(
  m: Model,
  w: RecommendObjective,
  seed: number,
  reps: number,
  counter: { events: number },
): Crossover {
  const steps: Crossover['steps'] = [];
  const holds = (x: number) => {
    const ok = margin(m, x, w, seed, reps, counter) <= 0;
    steps.push({ arrivalsPerHour: x, better: ok ? 'rotating' : 'fixed' });
    return ok;
  };
  let lo = 1;
  if (!holds(lo)) return { arrivalsPerHour: 0, bound: 'none', replications: reps, steps };
  let peak = 0;
  for (let k = 0; k < m.slotsPerDay; k++) peak = Math.max(peak, m.slotRate[k]! * 60);
  let hi = Math.max(8, Math.ceil(peak));
  const CAP = 1000;
  while (holds(hi)) {
    lo = hi;
    if (hi >= CAP) return { arrivalsPerHour: hi, bound: 'beyond', replications: reps, steps };
    hi = Math.min(CAP, hi * 2);
  }
  // rotating holds at lo, not at hi
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) lo = mid;
    else hi = mid;
  }
  return { arrivalsPerHour: lo, bound: null, replications: reps, steps };
}

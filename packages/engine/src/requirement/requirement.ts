/**
 * Requirement per half hour (docs/staffing.md): for each zone and the two fixed posts (迎宾位, the
 * welcome post; 超柜位, the super-counter post), the fewest people per slot that meet the outlet's
 * service target. Two answers, both kept:
 * - Erlang (the fast path): each slot on its own in steady state, the zone's business types
 *   pooled (rate-weighted mean service, the strictest target, Erlang A with exponential patience);
 * - simulated: the whole day through the engine's simulator with the zone staffed by the counts,
 *   queues carried over from slot to slot. Starting from the Erlang counts, the first slot that
 *   misses the target is raised by one and the day simulated again, until every slot meets it
 *   (or its zone is full); then each slot is lowered by one where the whole rest of the day still
 *   meets the target. Each change keeps its reason.
 * Pure: the caller passes the scenario (with its forecast arrivals), the target and the seed.
 */
import { compileDistribution } from '../distributions';
import { queueMetrics } from '../erlang';
import { simulate } from '../run';
import { clockMinutes } from '../scenario/plan';
import {
  type Distribution,
  type Mode,
  type Scenario,
  type ScenarioInput,
  type Zone,
  scenarioSchema,
} from '../scenario/schema';
import type { Minutes, PerMinute } from '../units';

/** Why the simulated count differs from Erlang's, or why a count is above what the load needs. */
export type RequirementReason =
  /** a queue left by the slots before (Erlang assumes each slot starts in steady state) */
  | 'carryOver'
  /** the slot misses the target at Erlang's count with no queue carried in: the service times'
   * spread or the traffic changing inside the slot */
  | 'variability'
  /** fewer suffice: the slot starts with a short queue and a half hour is too short for the
   * steady state Erlang assumes */
  | 'transient'
  /** no count up to the zone's capacity meets the target */
  | 'capacity'
  /** fixed assignment (固定作业): every zone holds its own person */
  | 'fixedMode'
  /** a fixed post, held whenever the outlet is open */
  | 'fixedPost';

export interface RequirementCell {
  /** Erlang's fewest people; null when none up to the capacity meets the target */
  erlang: number | null;
  /** the fewest people by the whole-day simulation */
  simulated: number;
  /** erlang ≠ simulated */
  differs: boolean;
  reason: RequirementReason | null;
  /** the service level Erlang predicts at its count (null without arrivals) */
  erlangServiceLevel: number | null;
  /** the service level simulated at the simulated count (null without arrivals) */
  simulatedServiceLevel: number | null;
  /** customers per hour in the slot */
  arrivalsPerHour: number;
  /** offered load in Erlangs */
  offeredLoad: number;
}

export interface RequirementSlot {
  index: number;
  start: string;
  end: string;
  mode: Mode;
  /** the zones other than the super-counter, in the scenario's order */
  zones: Array<RequirementCell & { zone: string }>;
  /** 迎宾位: triage (fixed) or reception and escort (rotating) of every arrival */
  welcome: RequirementCell;
  /** 超柜位: the super-counter zone's people (null when the outlet has none) */
  superCounter: RequirementCell | null;
  total: { erlang: number | null; simulated: number };
}

export interface RequirementOptions {
  /** share of customers served within their type's target wait, e.g. 0.8 */
  serviceLevel: number;
  /** the mode of each slot from the opening; default fixed */
  modes?: readonly Mode[];
  /** replications of each whole-day simulation; default 100 */
  replications?: number;
  /** default 1 */
  seed?: number;
  /** the wait at the door counted as received on arrival, minutes; default 1 */
  doorTargetMinutes?: number;
  /** simulations per zone at most (the search stops there); default 60 */
  maxSimulations?: number;
  /** try one fewer per slot after raising (the "fewest"); default true */
  lower?: boolean;
}

export interface RequirementResult {
  hours: { open: string; close: string };
  slotMinutes: number;
  serviceLevel: number;
  replications: number;
  seed: number;
  zones: Array<{ id: string; name: string | null; kind: Zone['kind'] }>;
  superCounterZone: string | null;
  slots: RequirementSlot[];
  /** slots where the two answers differ */
  differences: number;
  /** true when the simulated counts meet the target in every slot with arrivals */
  met: boolean;
  simulations: number;
  events: number;
}

/** The door's defaults when the scenario has no welcome step. */
const TRIAGE: Distribution = { type: 'lognormal', mean: 0.5, sd: 0.3 };
const ESCORT: Distribution = { type: 'gamma', shape: 4, scale: 0.5 };
/** fewer arrivals per replication than this: the slot's service level is noise */
export const MIN_ARRIVALS = 0.05;
const DOOR = 'door';

const hhmm = (t: number) =>
  `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;

function ratesOf(b: Scenario['businessTypes'][number], S: number): number[] {
  const r = b.arrivalsPerHour;
  return Array.from({ length: S }, (_, k) => (Array.isArray(r) ? (r[k] ?? 0) : r));
}

/** A distribution by slot (period overrides applied). */
function perSlot(
  sc: Scenario,
  S: number,
  fallback: Distribution | undefined,
  periods: readonly { from: string; to: string; distribution: Distribution }[],
): Array<Distribution | undefined> {
  const open = clockMinutes(sc.hours.open);
  const out: Array<Distribution | undefined> = new Array(S).fill(fallback);
  for (const p of periods) {
    const a = Math.max(0, (clockMinutes(p.from) - open) / sc.slotMinutes);
    const b = Math.min(S, (clockMinutes(p.to) - open) / sc.slotMinutes);
    for (let k = a; k < b; k++) out[k] = p.distribution;
  }
  return out;
}

/** One queue to staff: its own sub-scenario and, per slot, Erlang's inputs and the minimum. */
export interface Queue {
  id: string;
  perStaff: number;
  capacity: number;
  scenario: (counts: number[]) => ScenarioInput;
  slots: Array<{
    rate: number; // per minute
    meanService: number;
    theta: number;
    target: number;
    min: number;
    minReason: RequirementReason | null;
  }>;
}

export function zoneQueue(sc: Scenario, z: Zone, S: number, modes: readonly Mode[]): Queue {
  const types = sc.businessTypes.filter((b) => z.serves.includes(b.id));
  const rates = types.map((b) => ratesOf(b, S));
  const service = types.map((b) => perSlot(sc, S, b.service, b.serviceByPeriod));
  const patience = types.map((b) => perSlot(sc, S, b.patience, b.patienceByPeriod));
  const perStaff = z.kind === 'superCounter' ? (z.assistPerStaff ?? 1) : 1;
  const slots = Array.from({ length: S }, (_, k) => {
    let rate = 0;
    let work = 0;
    types.forEach((_, i) => {
      const r = rates[i]![k]! / 60;
      rate += r;
      work += r * compileDistribution(service[i]![k]!).mean;
    });
    const target = Math.min(...types.map((b) => b.targetWaitMinutes));
    const pats = patience.map((p) => p[k]);
    const first = pats[0];
    const exp =
      first?.type === 'exponential' && pats.every((p) => p?.type === 'exponential' && p.mean === first.mean);
    const theta = exp && first?.type === 'exponential' ? 1 / first.mean : 0;
    const superCounter = z.kind === 'superCounter';
    const fixed = modes[k] !== 'rotating';
    return {
      rate,
      meanService: rate > 0 ? work / rate : 1,
      theta,
      target,
      min: superCounter || fixed ? 1 : 0,
      minReason: superCounter ? ('fixedPost' as const) : fixed ? ('fixedMode' as const) : null,
    };
  });
  return {
    id: z.id,
    perStaff,
    capacity: Math.ceil(z.capacity / perStaff),
    slots,
    scenario: (counts) => ({
      name: `${sc.name} · ${z.id}`,
      hours: sc.hours,
      slotMinutes: sc.slotMinutes,
      drain: true,
      lobbyCapacity: sc.lobbyCapacity,
      businessTypes: types,
      zones: [{ ...z, staffing: counts }],
      staff: [],
      modePlan: { default: 'fixed', periods: [] },
      backfill: [],
    }),
  };
}

/** The welcome post as a queue: every arrival triaged (fixed) or received and escorted (rotating). */
export function doorQueue(sc: Scenario, S: number, modes: readonly Mode[], target: number): Queue {
  const triage = sc.welcome?.triage ?? TRIAGE;
  const escort = sc.welcome?.escort ?? ESCORT;
  const walk = sc.welcome?.backupWalkMinutes ?? 0;
  const total = Array.from({ length: S }, (_, k) =>
    sc.businessTypes.reduce((a, b) => a + ratesOf(b, S)[k]!, 0),
  );
  const open = clockMinutes(sc.hours.open);
  const rotating = (k: number) => modes[k] === 'rotating';
  const periods = Array.from({ length: S }, (_, k) => k)
    .filter(rotating)
    .map((k) => ({
      from: hhmm(open + k * sc.slotMinutes),
      to: hhmm(open + (k + 1) * sc.slotMinutes),
      distribution: escort,
    }));
  const escortMean = compileDistribution(escort).mean + walk;
  const triageMean = compileDistribution(triage).mean;
  return {
    id: DOOR,
    perStaff: 1,
    capacity: 20,
    slots: total.map((t, k) => ({
      rate: t / 60,
      meanService: rotating(k) ? escortMean : triageMean,
      theta: 0,
      target,
      min: 1,
      minReason: 'fixedPost' as const,
    })),
    scenario: (counts) => ({
      name: `${sc.name} · ${DOOR}`,
      hours: sc.hours,
      slotMinutes: sc.slotMinutes,
      drain: true,
      businessTypes: [
        {
          id: DOOR,
          arrivalsPerHour: total,
          service: triage,
          serviceByPeriod: periods,
          targetWaitMinutes: target,
        },
      ],
      zones: [{ id: DOOR, kind: 'other', capacity: 20, serves: [DOOR], staffing: counts }],
      staff: [],
      modePlan: { default: 'fixed', periods: [] },
      backfill: [],
    }),
  };
}

interface Solved {
  cells: RequirementCell[];
  met: boolean;
  simulations: number;
  events: number;
}

function solveQueue(q: Queue, o: Required<RequirementOptions>): Solved {
  const S = q.slots.length;
  const erlang = q.slots.map((s) => {
    if (s.rate === 0) return { staff: 0, sl: null as number | null };
    for (let people = 1; people <= q.capacity; people++) {
      const m = queueMetrics({
        arrivalRate: s.rate as PerMinute,
        serviceRate: (1 / s.meanService) as PerMinute,
        servers: people * q.perStaff,
        patienceRate: s.theta as PerMinute,
        targetMinutes: s.target as Minutes,
      });
      if (m.serviceLevel >= o.serviceLevel) return { staff: people, sl: m.serviceLevel };
    }
    return { staff: null as number | null, sl: null as number | null };
  });
  const floor = q.slots.map((s) => s.min);
  const counts = erlang.map((e, k) => Math.max(floor[k]!, e.staff ?? q.capacity));
  const reasons: Array<RequirementReason | null> = erlang.map((e, k) =>
    e.staff === null ? 'capacity' : e.staff < floor[k]! ? q.slots[k]!.minReason : null,
  );
  let simulations = 0;
  let events = 0;
  const run = (c: number[]) => {
    simulations++;
    const r = simulate(scenarioSchema.parse(q.scenario(c)), { replications: o.replications, seed: o.seed });
    events += r.events;
    return r.perSlot;
  };
  const misses = (slot: { arrivalsPerReplication: number; serviceLevel: number }) =>
    slot.arrivalsPerReplication >= MIN_ARRIVALS && !(slot.serviceLevel >= o.serviceLevel);
  let last = run(counts);
  // raise: the first slot that misses the target and can still take one more
  while (simulations < o.maxSimulations) {
    const k = last.findIndex((s, i) => misses(s) && counts[i]! < q.capacity);
    if (k < 0) break;
    const prev = k > 0 ? last[k - 1] : undefined;
    const carried = prev !== undefined && (prev.queueByPost[q.id] ?? prev.meanQueueLength) >= 0.5;
    counts[k] = counts[k]! + 1;
    if (reasons[k] === null || reasons[k] === 'fixedMode' || reasons[k] === 'fixedPost')
      reasons[k] = carried ? 'carryOver' : 'variability';
    last = run(counts);
  }
  // lower: one fewer where the rest of the day still meets the target
  if (o.lower)
    for (let k = 0; k < S && simulations < o.maxSimulations; k++) {
      if (counts[k]! <= floor[k]! || (reasons[k] !== null && reasons[k] !== 'transient')) continue;
      const trial = [...counts];
      trial[k] = trial[k]! - 1;
      const r = run(trial);
      // a slot that already missed at the capacity may not lose service level either
      const ok = r.every(
        (s, i) => !misses(s) || (misses(last[i]!) && s.serviceLevel >= last[i]!.serviceLevel - 0.005),
      );
      if (ok) {
        counts[k] = trial[k]!;
        reasons[k] = 'transient';
        last = r;
        k--; // try once more at the same slot
      }
    }
  const cells = q.slots.map((s, k): RequirementCell => {
    const e = erlang[k]!;
    const slot = last[k]!;
    const simulated = counts[k]!;
    return {
      erlang: e.staff,
      simulated,
      differs: e.staff !== simulated,
      reason: e.staff === simulated && reasons[k] !== 'capacity' ? null : reasons[k]!,
      erlangServiceLevel: e.sl,
      simulatedServiceLevel: slot.arrivalsPerReplication >= MIN_ARRIVALS ? slot.serviceLevel : null,
      arrivalsPerHour: s.rate * 60,
      offeredLoad: s.rate * s.meanService,
    };
  });
  return { cells, met: !last.some(misses), simulations, events };
}

/**
 * The requirement per slot of a scenario (its arrivals are the forecast's): see the file's comment.
 * Zones are staffed on their own (the welcome step and backfill left out, as in the mode's plan:
 * fixed assignment keeps each person at their zone); the welcome post is staffed as the queue of
 * all arrivals at the door, with the slot's triage or escort time.
 */
export function requirementOf(
  input: ScenarioInput | Scenario,
  options: RequirementOptions,
): RequirementResult {
  if (!(options.serviceLevel > 0 && options.serviceLevel < 1))
    throw new RangeError('service level must be between 0 and 1 (exclusive)');
  const sc = scenarioSchema.parse(input);
  const o: Required<RequirementOptions> = {
    modes: [],
    replications: 100,
    seed: 1,
    doorTargetMinutes: 1,
    maxSimulations: 60,
    lower: true,
    ...options,
  };
  const open = clockMinutes(sc.hours.open);
  const S = Math.max(0, (clockMinutes(sc.hours.close) - open) / sc.slotMinutes);
  const modes = Array.from({ length: S }, (_, k) => o.modes[k] ?? 'fixed');
  const superZone = sc.zones.find((z) => z.kind === 'superCounter') ?? null;
  const zones = sc.zones.filter((z) => z !== superZone);
  const solved = zones.map((z) => solveQueue(zoneQueue(sc, z, S, modes), o));
  const sup = superZone ? solveQueue(zoneQueue(sc, superZone, S, modes), o) : null;
  const door = solveQueue(doorQueue(sc, S, modes, o.doorTargetMinutes), o);
  const all = [...solved, door, ...(sup ? [sup] : [])];
  const slots = Array.from({ length: S }, (_, k): RequirementSlot => {
    const cells = all.map((s) => s.cells[k]!);
    const erl = cells.map((c) => c.erlang);
    return {
      index: k,
      start: hhmm(open + k * sc.slotMinutes),
      end: hhmm(open + (k + 1) * sc.slotMinutes),
      mode: modes[k]!,
      zones: zones.map((z, i) => ({ zone: z.id, ...solved[i]!.cells[k]! })),
      welcome: door.cells[k]!,
      superCounter: sup ? sup.cells[k]! : null,
      total: {
        erlang: erl.some((x) => x === null) ? null : erl.reduce<number>((a, x) => a + (x ?? 0), 0),
        simulated: cells.reduce((a, c) => a + c.simulated, 0),
      },
    };
  });
  return {
    hours: sc.hours,
    slotMinutes: sc.slotMinutes,
    serviceLevel: o.serviceLevel,
    replications: o.replications,
    seed: o.seed,
    zones: zones.map((z) => ({ id: z.id, name: z.name ?? null, kind: z.kind })),
    superCounterZone: superZone?.id ?? null,
    slots,
    differences: slots.filter(
      (s) => s.zones.some((c) => c.differs) || s.welcome.differs || s.superCounter?.differs === true,
    ).length,
    met: all.every((s) => s.met),
    simulations: all.reduce((a, s) => a + s.simulations, 0),
    events: all.reduce((a, s) => a + s.events, 0),
  };
}

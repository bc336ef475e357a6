/**
 * The service level a roster gives (docs/rosters-app.md, "Predicted service level"): the whole day
 * simulated with the scenario of the requirement (the same forecast arrivals, calibrated service
 * and modes), each zone staffed per half hour by the people the roster puts on its post. Zones
 * and the welcome post are simulated on their own, as the requirement staffs them
 * (requirement.ts), so that the roster's counts at the requirement's numbers give the
 * requirement's service level. Pure: the caller passes the scenario, the counts and the seed.
 */
import { simulate } from '../run';
import { clockMinutes } from '../scenario/plan';
import { type Mode, type Scenario, type ScenarioInput, scenarioSchema } from '../scenario/schema';
import { doorQueue, MIN_ARRIVALS, type Queue, zoneQueue } from './requirement';

export interface ServiceLevelOptions {
  /** people per slot from the opening, by zone id; a zone left out has nobody */
  zones: Record<string, readonly number[]>;
  /** people at the welcome post per slot; left out: the door is not predicted */
  welcome?: readonly number[];
  /** the mode of each slot from the opening; default fixed */
  modes?: readonly Mode[];
  /** replications of each whole-day simulation; default 20 (fewer than the requirement's) */
  replications?: number;
  /** default 1 */
  seed?: number;
  /** the wait at the door counted as received on arrival, minutes; default 1 */
  doorTargetMinutes?: number;
}

export interface ServiceLevelSlot {
  start: string;
  /** share served within the target wait; null when (almost) nobody arrives in the slot */
  level: number | null;
  /** customers arriving in the slot, mean per replication */
  arrivals: number;
}

export interface ServiceLevelQueue {
  /** a zone's id, or "welcome" */
  id: string;
  /** the whole day's share of customers served within their target, null without arrivals */
  level: number | null;
  arrivals: number;
  slots: ServiceLevelSlot[];
}

export interface ServiceLevelResult {
  /** the zones (the super-counter zone too), in the scenario's order */
  zones: ServiceLevelQueue[];
  welcome: ServiceLevelQueue | null;
  /** the day over every zone (each customer once: the welcome post left out), arrival-weighted */
  level: number | null;
  replications: number;
  events: number;
}

const hhmm = (t: number) =>
  `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;

function runQueue(
  q: Queue,
  counts: readonly number[] | undefined,
  S: number,
  open: number,
  slotMinutes: number,
  replications: number,
  seed: number,
): { queue: ServiceLevelQueue; events: number } {
  const staffing = Array.from({ length: S }, (_, k) =>
    Math.max(0, Math.min(q.capacity, Math.floor(counts?.[k] ?? 0))),
  );
  if (staffing.every((n) => n === 0)) {
    // nobody all day (a plan of zeros is no scenario): nobody is served, in time or at all
    const slots = q.slots.map((s, k): ServiceLevelSlot => {
      const arrivals = s.rate * slotMinutes;
      return { start: hhmm(open + k * slotMinutes), level: arrivals >= MIN_ARRIVALS ? 0 : null, arrivals };
    });
    const arrivals = slots.reduce((a, s) => a + s.arrivals, 0);
    return { queue: { id: q.id, level: arrivals >= MIN_ARRIVALS ? 0 : null, arrivals, slots }, events: 0 };
  }
  const r = simulate(scenarioSchema.parse(q.scenario(staffing)), { replications, seed });
  const slots = Array.from({ length: S }, (_, k): ServiceLevelSlot => {
    const s = r.perSlot[k];
    const arrivals = s?.arrivalsPerReplication ?? 0;
    return {
      start: hhmm(open + k * slotMinutes),
      level: s && arrivals >= MIN_ARRIVALS ? s.serviceLevel : null,
      arrivals,
    };
  });
  const arrivals = r.perReplication.arrivals;
  return {
    queue: { id: q.id, level: arrivals >= MIN_ARRIVALS ? r.serviceLevel : null, arrivals, slots },
    events: r.events,
  };
}

/** The service level per zone, per slot and for the day, of the people a roster schedules. */
export function serviceLevelOf(
  input: ScenarioInput | Scenario,
  options: ServiceLevelOptions,
): ServiceLevelResult {
  const sc = scenarioSchema.parse(input);
  const replications = options.replications ?? 20;
  const seed = options.seed ?? 1;
  const open = clockMinutes(sc.hours.open);
  const S = Math.max(0, (clockMinutes(sc.hours.close) - open) / sc.slotMinutes);
  const modes = Array.from({ length: S }, (_, k) => options.modes?.[k] ?? 'fixed');
  let events = 0;
  const zones = sc.zones.map((z) => {
    const r = runQueue(
      zoneQueue(sc, z, S, modes),
      options.zones[z.id],
      S,
      open,
      sc.slotMinutes,
      replications,
      seed,
    );
    events += r.events;
    return r.queue;
  });
  let welcome: ServiceLevelQueue | null = null;
  if (options.welcome) {
    const door = doorQueue(sc, S, modes, options.doorTargetMinutes ?? 1);
    const r = runQueue(door, options.welcome, S, open, sc.slotMinutes, replications, seed);
    events += r.events;
    welcome = { ...r.queue, id: 'welcome' };
  }
  const weighed = zones.filter((z) => z.level !== null);
  const total = weighed.reduce((a, z) => a + z.arrivals, 0);
  const level = total > 0 ? weighed.reduce((a, z) => a + z.level! * z.arrivals, 0) / total : null;
  return { zones, welcome, level, replications, events };
}

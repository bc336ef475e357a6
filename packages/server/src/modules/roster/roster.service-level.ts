/**
 * The predicted service level of a roster (docs/rosters-app.md): per day, each zone's whole day
 * simulated by the engine (`serviceLevelOf`) with the scenario the requirement was computed on
 * (the same forecast arrivals, calibrated service and modes) and the people the roster holds on
 * the zone's post per half hour. The requirement's scenarios are kept in the roster's summary
 * (`serviceLevelModel`), so an edit predicts again without the requirement's search.
 *
 * Cost: 20 replications per zone-day (the requirement uses 50), about 0.1 s a day for the demo
 * outlet; days are simulated one at a time with the event loop let through between them,
 * and an edit predicts only the days it touches.
 */
import { type Mode, type ScenarioInput, serviceLevelOf } from '@liangdian/engine';
import type { RosterCoverage, RosterServiceLevelDay } from '@liangdian/shared/api';
import { minutesOf } from './roster.defaults';

export const SERVICE_LEVEL_REPLICATIONS = 20;
export const SERVICE_LEVEL_SEED = 1;

/** One day's simulation input, as the staffing requirement used it. */
export interface ServiceLevelDayModel {
  day: string;
  scenario: ScenarioInput;
  modes: Mode[];
  /** the outlet's service-level target, e.g. 0.8 */
  target: number;
}

/** What a roster keeps to predict its service level again after an edit. */
export interface ServiceLevelModel {
  days: ServiceLevelDayModel[];
  /** the roster's post of each zone of the scenario (a zone kind, or `super_counter`) */
  postOfZone: Record<string, string>;
}

const WELCOME = 'welcome';

/** People per slot of the day on each post, from the roster's coverage. */
function countsOf(m: ServiceLevelDayModel, coverage: readonly RosterCoverage[]) {
  const open = minutesOf(m.scenario.hours.open);
  const slots = Math.max(0, (minutesOf(m.scenario.hours.close) - open) / 30);
  const byPost = new Map<string, number[]>();
  for (const c of coverage) {
    if (c.day !== m.day) continue;
    const k = (minutesOf(c.start) - open) / 30;
    if (k < 0 || k >= slots || !Number.isInteger(k)) continue;
    const row = byPost.get(c.post) ?? new Array<number>(slots).fill(0);
    byPost.set(c.post, row);
    row[k] = c.scheduled;
  }
  return { slots, byPost };
}

/**
 * The zones' counts: a post's people per slot shared out among its zones (one zone per kind in
 * practice; several zones of one kind take turns, one person at a time).
 */
function zoneCounts(
  model: ServiceLevelModel,
  m: ServiceLevelDayModel,
  byPost: Map<string, number[]>,
  slots: number,
) {
  const zonesOf = new Map<string, string[]>();
  for (const z of m.scenario.zones) {
    const post = model.postOfZone[z.id];
    if (!post) continue;
    zonesOf.set(post, [...(zonesOf.get(post) ?? []), z.id]);
  }
  const out: Record<string, number[]> = {};
  for (const [post, zones] of zonesOf) {
    const row = byPost.get(post) ?? new Array<number>(slots).fill(0);
    for (const z of zones) out[z] = new Array<number>(slots).fill(0);
    row.forEach((n, k) => {
      for (let i = 0; i < n; i++) out[zones[i % zones.length]!]![k]!++;
    });
  }
  return out;
}

/** The prediction of one day. */
export function predictDay(
  model: ServiceLevelModel,
  m: ServiceLevelDayModel,
  coverage: readonly RosterCoverage[],
): RosterServiceLevelDay {
  const { slots, byPost } = countsOf(m, coverage);
  const r = serviceLevelOf(m.scenario, {
    zones: zoneCounts(model, m, byPost, slots),
    welcome: byPost.get(WELCOME) ?? new Array<number>(slots).fill(0),
    modes: m.modes,
    replications: SERVICE_LEVEL_REPLICATIONS,
    seed: SERVICE_LEVEL_SEED,
  });
  // zones of one post merged, arrival-weighted
  const posts = new Map<
    string,
    { arrivals: number; sum: number; slots: { start: string; arrivals: number; sum: number }[] }
  >();
  for (const z of r.zones) {
    const post = model.postOfZone[z.id];
    if (!post) continue;
    let p = posts.get(post);
    if (!p) {
      p = { arrivals: 0, sum: 0, slots: z.slots.map((s) => ({ start: s.start, arrivals: 0, sum: 0 })) };
      posts.set(post, p);
    }
    if (z.level !== null) {
      p.arrivals += z.arrivals;
      p.sum += z.level * z.arrivals;
    }
    z.slots.forEach((s, k) => {
      if (s.level === null) return;
      p.slots[k]!.arrivals += s.arrivals;
      p.slots[k]!.sum += s.level * s.arrivals;
    });
  }
  const share = (sum: number, n: number) => (n > 0 ? sum / n : null);
  const out: RosterServiceLevelDay['posts'] = [...posts].map(([post, p]) => ({
    post,
    level: share(p.sum, p.arrivals),
    slots: p.slots.map((s) => ({ start: s.start, level: share(s.sum, s.arrivals) })),
  }));
  if (r.welcome)
    out.push({
      post: WELCOME,
      level: r.welcome.level,
      slots: r.welcome.slots.map((s) => ({ start: s.start, level: s.level })),
    });
  return { day: m.day, level: r.level, target: m.target, posts: out };
}

const yieldLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The prediction per day of the week: the days in `only` predicted again (an edit's days), the
 * others taken from `previous`; without a model (no forecast) every day is null.
 */
export async function predictServiceLevel(
  model: ServiceLevelModel | undefined,
  coverage: readonly RosterCoverage[],
  only?: ReadonlySet<string>,
  previous: readonly RosterServiceLevelDay[] = [],
): Promise<RosterServiceLevelDay[]> {
  if (!model) return [];
  const kept = new Map(previous.map((d) => [d.day, d]));
  const out: RosterServiceLevelDay[] = [];
  for (const m of model.days) {
    const old = kept.get(m.day);
    if (only && !only.has(m.day) && old) {
      out.push(old);
      continue;
    }
    await yieldLoop();
    out.push(predictDay(model, m, coverage));
  }
  return out;
}

/** A saved summary's service level in the API's shape (rosters saved before had `{day, level}`). */
export function presentServiceLevel(
  days: readonly Partial<RosterServiceLevelDay>[] | undefined,
): RosterServiceLevelDay[] {
  return (days ?? []).map((d) => ({
    day: d.day ?? '',
    level: d.level ?? null,
    target: d.target ?? null,
    posts: d.posts ?? [],
  }));
}

import { type ScenarioInput, simulate } from '@liangdian/engine';
import { beijingWeekSlot } from '@liangdian/engine/time';

/**
 * "Recommend" for the mode plan (pure): a scenario from the outlet's floor (zones, posts, staff)
 * and traffic (arrivals per half hour and business type), simulated once in fixed assignment
 * and once in rotating backfill, compared slot by slot. docs/lobby.md explains the defaults.
 */

export const OPEN = '09:00';
export const CLOSE = '17:00';
export const OPEN_SLOT = 18; // 09:00 as a half-hour slot of the day
export const SLOTS = 16; // 09:00–17:00

/** Arrivals per hour (all types) per half hour from 09:00, when the outlet's history is too thin. */
export const DEFAULT_PROFILE = [30, 45, 55, 50, 40, 30, 20, 18, 25, 35, 40, 42, 38, 30, 22, 15];

/** Service times by zone kind (minutes; lognormal mean and sd). */
const SERVICE: Record<string, { mean: number; sd: number }> = {
  cash: { mean: 5, sd: 3 },
  non_cash: { mean: 8, sd: 5 },
  wealth: { mean: 15, sd: 8 },
  super_counter: { mean: 6, sd: 3 },
};
const ENGINE_ZONE_KIND: Record<string, 'counter' | 'superCounter' | 'wealthDesk' | 'other'> = {
  cash: 'counter',
  non_cash: 'counter',
  super_counter: 'superCounter',
  wealth: 'wealthDesk',
};
const ENGINE_ROLE: Record<string, ScenarioInput['staff'][number]['role']> = {
  lobby_manager: 'lobbyManager',
  lobby_service_manager: 'customerServiceManager',
  teller: 'teller',
  wealth_manager: 'wealthManager',
  account_manager: 'accountManager',
};

export interface FloorInput {
  name: string;
  zones: { id: string; kind: string; name: string; capacity: number }[];
  posts: { id: string; kind: string; zoneId: string | null }[];
  staff: { id: string; name: string; roles: string[]; skills: string[]; homePostId: string | null }[];
  businessTypes: { code: string; defaultZoneKind: string }[];
  /** business type → arrivals per hour for each of the SLOTS half hours */
  arrivals: Map<string, number[]>;
  targetWaitMinutes: number;
}

export interface SlotComparison {
  start: string;
  arrivalsPerHour: number;
  fixed: { meanWaitMinutes: number | null; serviceLevel: number | null };
  rotating: { meanWaitMinutes: number | null; serviceLevel: number | null };
  better: 'fixed' | 'rotating';
}

/** The outlet as an engine scenario in one mode; null when it has no zone to serve anyone. */
export function buildScenario(f: FloorInput, mode: 'fixed' | 'rotating'): ScenarioInput | null {
  const zones = f.zones.filter((z) => z.kind !== 'waiting' && z.kind !== 'guidance');
  if (!zones.length) return null;
  const counters = zones.filter((z) => ENGINE_ZONE_KIND[z.kind]);
  const zoneOf = (kind: string) => zones.find((z) => z.kind === kind) ?? counters[0] ?? zones[0]!;
  const serves = new Map<string, string[]>();
  const typeZone = new Map<string, string>();
  for (const b of f.businessTypes) {
    const z = zoneOf(b.defaultZoneKind);
    typeZone.set(b.code, z.id);
    serves.set(z.id, [...(serves.get(z.id) ?? []), b.code]);
  }
  const used = zones.filter((z) => serves.has(z.id));
  const postZone = new Map(f.posts.map((p) => [p.id, p]));
  let welcomeTaken = false;
  const staff = f.staff.map((s) => {
    const post = s.homePostId ? postZone.get(s.homePostId) : undefined;
    let home: string;
    if (post?.kind === 'welcome') home = 'welcome';
    else if (post?.zoneId && serves.has(post.zoneId)) home = post.zoneId;
    else if (post?.kind === 'super_counter' && used.some((z) => z.kind === 'super_counter'))
      home = used.find((z) => z.kind === 'super_counter')!.id;
    else if (s.roles.includes('lobby_manager') && !welcomeTaken) home = 'welcome';
    else home = typeZone.get(s.skills.find((k) => typeZone.has(k)) ?? '') ?? used[0]!.id;
    if (home === 'welcome') welcomeTaken = true;
    const skills = s.skills.filter((k) => typeZone.has(k));
    return {
      id: s.id,
      name: s.name,
      role: ENGINE_ROLE[s.roles[0] ?? ''] ?? 'other',
      skills: skills.length ? skills : (serves.get(home) ?? []),
      home,
    };
  });
  // A zone nobody is homed in gets one person per counter (so the comparison is of modes, not gaps).
  for (const z of used) {
    if (staff.some((s) => s.home === z.id)) continue;
    for (let i = 0; i < Math.min(z.capacity, 3); i++)
      staff.push({
        id: `${z.id}-extra-${i}`,
        name: `${z.name} ${i + 1}`,
        role: 'teller',
        skills: serves.get(z.id)!,
        home: z.id,
      });
  }
  // Everyone able to serve each type somewhere.
  for (const b of f.businessTypes)
    if (!staff.some((s) => s.skills.includes(b.code)))
      for (const s of staff) if (s.home === typeZone.get(b.code)) s.skills.push(b.code);
  return {
    name: `${f.name} ${mode}`,
    outlet: f.name,
    hours: { open: OPEN, close: CLOSE },
    slotMinutes: 30,
    businessTypes: f.businessTypes.map((b) => {
      const s = SERVICE[b.defaultZoneKind] ?? { mean: 5, sd: 3 };
      return {
        id: b.code,
        arrivalsPerHour: f.arrivals.get(b.code) ?? 0,
        service: { type: 'lognormal' as const, mean: s.mean, sd: s.sd },
        patience: { type: 'exponential' as const, mean: 30 },
        targetWaitMinutes: f.targetWaitMinutes,
      };
    }),
    zones: used.map((z) => ({
      id: z.id,
      name: z.name,
      kind: ENGINE_ZONE_KIND[z.kind] ?? 'other',
      capacity: Math.max(1, z.capacity),
      serves: serves.get(z.id)!,
      ...(z.kind === 'super_counter' ? { assistPerStaff: 2 } : {}),
    })),
    staff,
    welcome: {
      triage: { type: 'lognormal', mean: 1, sd: 0.5 },
      escort: { type: 'gamma', shape: 4, scale: 0.5 },
    },
    modePlan: { default: mode, periods: [] },
  };
}

/** Both modes, slot by slot, through the engine (a few replications, fixed seed). */
export function compareModes(f: FloorInput, replications: number, seed = 1): SlotComparison[] | null {
  const fixed = buildScenario(f, 'fixed');
  const rotating = buildScenario(f, 'rotating');
  if (!fixed || !rotating) return null;
  const a = simulate(fixed, { replications, seed }).perSlot;
  const b = simulate(rotating, { replications, seed }).perSlot;
  const num = (v: number, digits = 2) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);
  return a.map((s, k) => {
    const r = b[k]!;
    const fixedSide = { meanWaitMinutes: num(s.waitMinutes), serviceLevel: num(s.serviceLevel, 3) };
    const rotatingSide = { meanWaitMinutes: num(r.waitMinutes), serviceLevel: num(r.serviceLevel, 3) };
    // Rotating backfill (one-on-one) where it serves at least as well; fixed otherwise.
    const better =
      (rotatingSide.serviceLevel ?? 0) >= (fixedSide.serviceLevel ?? 0) &&
      (rotatingSide.meanWaitMinutes ?? 0) <= (fixedSide.meanWaitMinutes ?? 0) + 0.5
        ? 'rotating'
        : 'fixed';
    return {
      start: s.start,
      arrivalsPerHour: num(s.arrivalsPerHour, 1) ?? 0,
      fixed: fixedSide,
      rotating: rotatingSide,
      better,
    };
  });
}

/**
 * Arrival rates per half hour from 09:00 for one weekday, from issue events of past weeks:
 * `issues` are [epoch ms, business type]; `weeks` is how many of that weekday the window holds.
 * Null when there is too little (fewer than 50 tickets on that weekday).
 */
export function ratesFromHistory(
  issues: { at: number; businessType: string }[],
  weekday: number,
  weeks: number,
): Map<string, number[]> | null {
  const out = new Map<string, number[]>();
  let n = 0;
  for (const e of issues) {
    const w = beijingWeekSlot(e.at);
    if (w.weekday !== weekday) continue;
    const slot = w.slot - OPEN_SLOT;
    if (slot < 0 || slot >= SLOTS) continue;
    const row = out.get(e.businessType) ?? new Array<number>(SLOTS).fill(0);
    row[slot]! += 2 / weeks; // per half hour → per hour, averaged over the weeks
    out.set(e.businessType, row);
    n++;
  }
  return n >= 50 ? out : null;
}

/** The default profile split evenly over the business types. */
export function defaultRates(types: string[]): Map<string, number[]> {
  return new Map(types.map((t) => [t, DEFAULT_PROFILE.map((r) => Number((r / types.length).toFixed(2)))]));
}

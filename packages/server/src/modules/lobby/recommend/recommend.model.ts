import {
  type Recommendation,
  type RecommendObjective,
  recommend,
  type ScenarioInput,
} from '@liangdian/engine';
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

type Distribution = NonNullable<ScenarioInput['businessTypes'][number]['patience']>;

/**
 * What the scenario is built from. `arrivals`, and the optional calibrated inputs (hours,
 * service and patience per business type), come from the outlet's own tickets when there are
 * enough; each left out takes today's constants (OPEN–CLOSE, SERVICE by zone kind, patience
 * exponential with mean PATIENCE_MEAN).
 */
export interface FloorInput {
  name: string;
  zones: { id: string; kind: string; name: string; capacity: number }[];
  posts: { id: string; kind: string; zoneId: string | null }[];
  staff: { id: string; name: string; roles: string[]; skills: string[]; homePostId: string | null }[];
  businessTypes: { code: string; defaultZoneKind: string }[];
  /** business type → arrivals per hour for each half hour from `hours.open` */
  arrivals: Map<string, number[]>;
  targetWaitMinutes: number;
  /** opening hours (half-hour boundaries); default OPEN–CLOSE */
  hours?: { open: string; close: string };
  /** service time per business type; default lognormal by the type's zone kind (SERVICE) */
  service?: Record<string, Distribution>;
  /** patience per business type; default exponential, mean PATIENCE_MEAN */
  patience?: Record<string, Distribution>;
  /**
   * Who covers the door while its holder escorts (rotating): the backups of the outlet's backfill
   * rule for the welcome post, in order. Absent: the lobby team (lobby managers and lobby service
   * managers not at the door), else everyone not at the door.
   */
  welcomeBackups?: { staffId?: string; role?: string }[];
}

/** The roles of the lobby team, who receive customers at the door in rotating backfill. */
export const LOBBY_TEAM = ['lobby_manager', 'lobby_service_manager'];

/** Patience (minutes, exponential mean) when none is calibrated. */
export const PATIENCE_MEAN = 30;

/** The welcome step of the outlet's scenario (docs/lobby.md, "Recommend"; docs/engine.md, "Modes"). */
export const WELCOME: NonNullable<ScenarioInput['welcome']> = {
  triage: { type: 'lognormal', mean: 0.5, sd: 0.3 },
  escort: { type: 'gamma', shape: 4, scale: 0.5 },
  backupWalkMinutes: 0.5,
  misrouteProbability: 0.3,
  transferMinutes: { type: 'lognormal', mean: 2, sd: 1 },
};

/** The outlet as an engine scenario in one mode; null when it has no zone to serve anyone. */
export function buildScenario(f: FloorInput): ScenarioInput | null {
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
  const hours = f.hours ?? { open: OPEN, close: CLOSE };
  const slots = slotsOf(hours);
  return {
    name: f.name,
    outlet: f.name,
    hours,
    slotMinutes: 30,
    businessTypes: f.businessTypes.map((b) => {
      const s = SERVICE[b.defaultZoneKind] ?? { mean: 5, sd: 3 };
      const rates = f.arrivals.get(b.code);
      return {
        id: b.code,
        arrivalsPerHour: rates ? Array.from({ length: slots }, (_, k) => rates[k] ?? 0) : 0,
        service: f.service?.[b.code] ?? { type: 'lognormal' as const, mean: s.mean, sd: s.sd },
        patience: f.patience?.[b.code] ?? { type: 'exponential' as const, mean: PATIENCE_MEAN },
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
    welcome: { ...WELCOME, backups: doorBackups(f, staff) },
  };
}

/** The engine's `welcome.backups`: staff ids, in the order the outlet's rule tries them. */
function doorBackups(f: FloorInput, staff: { id: string; home: string }[]): string[] {
  const home = new Map(staff.map((s) => [s.id, s.home]));
  const eligible = (id: string) => home.has(id) && home.get(id) !== 'welcome';
  const out: string[] = [];
  const add = (id: string) => {
    if (eligible(id) && !out.includes(id)) out.push(id);
  };
  const byRole = (role: string) => {
    for (const s of f.staff) if (s.roles.includes(role)) add(s.id);
  };
  if (f.welcomeBackups?.length) {
    for (const b of f.welcomeBackups) {
      if (b.staffId) add(b.staffId);
      else if (b.role) byRole(b.role);
    }
    return out;
  }
  for (const r of LOBBY_TEAM) byRole(r);
  if (out.length === 0) for (const s of f.staff) add(s.id);
  return out;
}

/** Half hours from open to close. */
export function slotsOf(hours: { open: string; close: string }): number {
  const m = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5));
  return Math.max(0, (m(hours.close) - m(hours.open)) / 30);
}

/**
 * Both modes, slot by slot, through the engine's `recommend` (common random numbers, the
 * objective's weights, the crossover); null when the outlet has no zone to serve anyone.
 */
export function recommendFloor(
  f: FloorInput,
  options: { replications: number; seed?: number; objective?: Partial<RecommendObjective> },
): Recommendation | null {
  const sc = buildScenario(f);
  if (!sc) return null;
  return recommend(sc, {
    replications: options.replications,
    seed: options.seed ?? 1,
    objective: options.objective,
  });
}

/**
 * Arrival rates per half hour from `hours.open` for one weekday, from issue events of past weeks:
 * `issues` are [epoch ms, business type]; `weeks` is how many of that weekday the window holds.
 * Null when there is too little (fewer than 50 tickets on that weekday).
 */
export function ratesFromHistory(
  issues: { at: number; businessType: string }[],
  weekday: number,
  weeks: number,
  hours: { open: string; close: string } = { open: OPEN, close: CLOSE },
): Map<string, number[]> | null {
  const out = new Map<string, number[]>();
  const first = (Number(hours.open.slice(0, 2)) * 60 + Number(hours.open.slice(3, 5))) / 30;
  const slots = slotsOf(hours);
  let n = 0;
  for (const e of issues) {
    const w = beijingWeekSlot(e.at);
    if (w.weekday !== weekday) continue;
    const slot = w.slot - first;
    if (slot < 0 || slot >= slots) continue;
    const row = out.get(e.businessType) ?? new Array<number>(slots).fill(0);
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

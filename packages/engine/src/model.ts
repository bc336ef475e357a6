/**
 * A validated scenario compiled into flat numeric arrays for the event loop.
 * Post 0 is the welcome post; post z + 1 is zone z.
 */
import { compileDistribution, type Sampler } from './distributions';
import { bySlot, clockMinutes, staffAvailability, staffingCounts, staffingPeople } from './scenario/plan';
import type { Role, Scenario } from './scenario/schema';
import { parseScenarioOrThrow, WELCOME_POST } from './scenario/validate';

/** service modes (an enum: the bundler writes literal numbers into the hot loop) */
export enum Mode {
  FIXED = 0,
  ROTATING = 1,
}
export const MODE_FIXED = Mode.FIXED;
export const MODE_ROTATING = Mode.ROTATING;

export const TL_SLOT = 0;
export const TL_OFF = 1;
export const TL_ON = 2;

export interface CompiledRule {
  index: number;
  label: string;
  post: number;
  postEmpty: boolean;
  /** queue length trigger, or a huge number when off */
  queueLength: number;
  /** oldest-wait trigger in minutes, or Infinity when off */
  oldestWait: number;
  /** staff indices in the order they are tried */
  candidates: Int32Array;
  /** bit 0: fixed, bit 1: rotating */
  modeMask: number;
}

/** A person of the model: a named staff member, or one put on duty by a zone's `staffing`. */
export interface ModelStaff {
  id: string;
  name: string | null;
  role: Role;
  home: string;
  /** true for the people of a zone's staffing plan (ids "<zone>#1", "<zone>#2", …) */
  planned: boolean;
}

export interface Model {
  scenario: Scenario;
  warnings: string[];
  openMinute: number;
  dayMinutes: number;
  slotMinutes: number;
  slotsPerDay: number;
  horizon: number;
  warmup: number;
  drain: boolean;
  drainLimit: number;
  lobbyCapacity: number;
  nTypes: number;
  typeIds: string[];
  typePost: Int32Array;
  typePriority: Int32Array;
  typeTarget: Float64Array;
  /** each type's default service time (what `service` says) */
  service: Sampler[];
  patience: (Sampler | null)[];
  /** service time per (type, slot of arrival): nTypes × slotsPerDay, period overrides applied */
  serviceBySlot: Sampler[];
  /** patience per (type, slot of arrival); null: the customer waits forever */
  patienceBySlot: (Sampler | null)[];
  /** total arrival rate per minute for each slot of the day */
  slotRate: Float64Array;
  /** cumulative type probabilities per slot: slotsPerDay × nTypes */
  slotCum: Float64Array;
  nPosts: number;
  postIds: string[];
  postCapacity: Int32Array;
  /** concurrent customers one staff member can take at the post (k at a super-counter) */
  postPerStaff: Int32Array;
  /** business types queued at the post, highest priority first */
  postTypes: Int32Array[];
  /** named staff first (in file order), then the people of the zones' staffing plans */
  nStaff: number;
  staff: ModelStaff[];
  staffIds: string[];
  staffHome: Int32Array;
  skill: Uint8Array;
  timelineTime: Float64Array;
  timelineKind: Int32Array;
  timelineArg: Int32Array;
  slotMode: Uint8Array;
  triage: Sampler | null;
  escort: Sampler | null;
  /** rotating: the people who may receive an arrival while the welcome post is away, in order */
  welcomeBackups: Int32Array;
  /** rotating: a backup's walk to the door and back, minutes (on top of the escort) */
  backupWalk: number;
  /** rotating: chance that an unreceived customer takes the wrong queue */
  misrouteP: number;
  /** the wrong counter's time spent on a misrouted customer (null without a welcome step) */
  transfer: Sampler | null;
  rules: CompiledRule[];
  rulesByPost: CompiledRule[][];
  /** smallest oldest-wait trigger per post (Infinity when none) */
  postOldestWait: Float64Array;
}

/** Compiles a scenario (validated here; throws ScenarioError listing every problem). */
export function compileScenario(input: unknown): Model {
  const { scenario: sc, warnings } = parseScenarioOrThrow(input);
  const open = clockMinutes(sc.hours.open);
  const day = clockMinutes(sc.hours.close) - open;
  const slot = sc.slotMinutes;
  const S = day / slot;
  const horizon = sc.horizonMinutes ?? day;
  const T = sc.businessTypes.length;
  const typeIds = sc.businessTypes.map((b) => b.id);
  const typeIndex = new Map(typeIds.map((id, i) => [id, i]));
  const postIds = [WELCOME_POST, ...sc.zones.map((z) => z.id)];
  const postIndex = new Map(postIds.map((id, i) => [id, i]));
  const P = postIds.length;

  const typePost = new Int32Array(T);
  sc.zones.forEach((z, zi) => {
    for (const t of z.serves) typePost[typeIndex.get(t)!] = zi + 1;
  });
  const typePriority = Int32Array.from(sc.businessTypes.map((b) => b.priority));
  const typeTarget = Float64Array.from(sc.businessTypes.map((b) => b.targetWaitMinutes));

  // service and patience per (type, slot of arrival): one compiled sampler per distinct spec
  const compiled = new Map<object, Sampler>();
  const compileOnce = (d: Scenario['businessTypes'][number]['service']) => {
    let c = compiled.get(d);
    if (c === undefined) {
      c = compileDistribution(d);
      compiled.set(d, c);
    }
    return c;
  };
  const service = sc.businessTypes.map((b) => compileOnce(b.service));
  const patience = sc.businessTypes.map((b) => (b.patience ? compileOnce(b.patience) : null));
  const serviceBySlot: Sampler[] = [];
  const patienceBySlot: (Sampler | null)[] = [];
  sc.businessTypes.forEach((b, t) => {
    const svc = bySlot(sc, service[t]!, b.serviceByPeriod, (q) => compileOnce(q.distribution));
    const pat = bySlot<Sampler | null, (typeof b.patienceByPeriod)[number]>(
      sc,
      patience[t] ?? null,
      b.patienceByPeriod,
      (q) => compileOnce(q.distribution),
    );
    for (let k = 0; k < S; k++) {
      serviceBySlot.push(svc[k]!);
      patienceBySlot.push(pat[k]!);
    }
  });

  const slotRate = new Float64Array(S);
  const slotCum = new Float64Array(S * T);
  for (let k = 0; k < S; k++) {
    let total = 0;
    const r = sc.businessTypes.map((b) => {
      const v = Array.isArray(b.arrivalsPerHour) ? b.arrivalsPerHour[k]! : b.arrivalsPerHour;
      return v / 60;
    });
    for (const v of r) total += v;
    slotRate[k] = total;
    let cum = 0;
    for (let t = 0; t < T; t++) {
      cum += total > 0 ? r[t]! / total : 0;
      slotCum[k * T + t] = t === T - 1 ? 1 : cum;
    }
  }

  const postCapacity = new Int32Array(P);
  const postPerStaff = new Int32Array(P);
  postCapacity[0] = 1 << 30;
  postPerStaff[0] = 1;
  sc.zones.forEach((z, zi) => {
    postCapacity[zi + 1] = z.capacity;
    postPerStaff[zi + 1] = z.kind === 'superCounter' ? (z.assistPerStaff ?? 1) : 1;
  });
  const byPriority = (a: number, b: number) => typePriority[b]! - typePriority[a]! || a - b;
  const postTypes: Int32Array[] = [Int32Array.from(typeIds.map((_, i) => i).sort(byPriority))];
  for (const z of sc.zones)
    postTypes.push(Int32Array.from(z.serves.map((t) => typeIndex.get(t)!).sort(byPriority)));

  // named staff, then the people each zone's staffing plan puts on duty (on at the slot
  // boundaries where its count rises past them, off where it falls back)
  const staff: ModelStaff[] = sc.staff.map((s) => ({
    id: s.id,
    name: s.name ?? null,
    role: s.role,
    home: s.home,
    planned: false,
  }));
  const skillsOf: string[][] = sc.staff.map((s) => s.skills);
  const onDuty: Array<Array<[number, number]>> = sc.staff.map((s) => staffAvailability(sc, s));
  for (const z of sc.zones) {
    if (!z.staffing) continue;
    staffingPeople(staffingCounts(sc, z.staffing), slot).forEach((on, i) => {
      staff.push({
        id: `${z.id}#${i + 1}`,
        name: `${z.name ?? z.id} ${i + 1}`,
        role: 'teller',
        home: z.id,
        planned: true,
      });
      skillsOf.push(z.serves);
      onDuty.push(on);
    });
  }
  const N = staff.length;
  const staffHome = Int32Array.from(staff.map((s) => postIndex.get(s.home)!));
  const skill = new Uint8Array(N * T);
  skillsOf.forEach((list, i) => {
    for (const k of list) skill[i * T + typeIndex.get(k)!] = 1;
  });

  // the day's timeline: slot boundaries, then people leaving, then people arriving
  const entries: Array<[number, number, number]> = [];
  for (let k = 0; k < S; k++) entries.push([k * slot, TL_SLOT, k]);
  onDuty.forEach((on, i) => {
    for (const [a, b] of on) {
      entries.push([a, TL_ON, i]);
      entries.push([b, TL_OFF, i]);
    }
  });
  entries.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);

  const slotMode = new Uint8Array(S).fill(sc.modePlan.default === 'rotating' ? MODE_ROTATING : MODE_FIXED);
  for (const p of sc.modePlan.periods) {
    const a = (clockMinutes(p.from) - open) / slot;
    const b = (clockMinutes(p.to) - open) / slot;
    for (let k = a; k < b; k++) slotMode[k] = p.mode === 'rotating' ? MODE_ROTATING : MODE_FIXED;
  }

  const rules: CompiledRule[] = sc.backfill.map((r, index) => {
    const cands: number[] = [];
    for (const b of r.backups) {
      if (b.startsWith('role:')) {
        const role = b.slice(5);
        sc.staff.forEach((s, i) => {
          if (s.role === role && !cands.includes(i)) cands.push(i);
        });
      } else {
        const i = sc.staff.findIndex((s) => s.id === b);
        if (i >= 0 && !cands.includes(i)) cands.push(i);
      }
    }
    return {
      index,
      label: r.id ?? `${r.post}#${index}`,
      post: postIndex.get(r.post)!,
      postEmpty: r.triggers.postEmpty === true,
      queueLength: r.triggers.queueLength ?? 1 << 30,
      oldestWait: r.triggers.oldestWaitMinutes ?? Number.POSITIVE_INFINITY,
      candidates: Int32Array.from(cands),
      modeMask: (r.modes.includes('fixed') ? 1 : 0) | (r.modes.includes('rotating') ? 2 : 0),
    };
  });
  const rulesByPost: CompiledRule[][] = postIds.map(() => []);
  const postOldestWait = new Float64Array(P).fill(Number.POSITIVE_INFINITY);
  for (const r of rules) {
    rulesByPost[r.post]!.push(r);
    postOldestWait[r.post] = Math.min(postOldestWait[r.post]!, r.oldestWait);
  }

  // the welcome backups of rotating mode (default: everyone not homed at the welcome post)
  const backupList: number[] = [];
  const addBackup = (i: number) => {
    if (i >= 0 && staffHome[i] !== 0 && !backupList.includes(i)) backupList.push(i);
  };
  const wb = sc.welcome?.backups;
  if (wb === undefined) for (let i = 0; i < N; i++) addBackup(i);
  else
    for (const b of wb) {
      const role = b.startsWith('role:') ? b.slice(5) : null;
      const zone = b.startsWith('zone:') ? b.slice(5) : null;
      if (role === null && zone === null) addBackup(staff.findIndex((p) => p.id === b));
      else
        staff.forEach((p, i) => {
          if (p.role === role || p.home === zone) addBackup(i);
        });
    }

  return {
    scenario: sc,
    warnings,
    openMinute: open,
    dayMinutes: day,
    slotMinutes: slot,
    slotsPerDay: S,
    horizon,
    warmup: sc.warmupMinutes,
    drain: sc.drain,
    drainLimit: sc.drainLimitMinutes,
    lobbyCapacity: sc.lobbyCapacity,
    nTypes: T,
    typeIds,
    typePost,
    typePriority,
    typeTarget,
    service,
    patience,
    serviceBySlot,
    patienceBySlot,
    slotRate,
    slotCum,
    nPosts: P,
    postIds,
    postCapacity,
    postPerStaff,
    postTypes,
    nStaff: N,
    staff,
    staffIds: staff.map((s) => s.id),
    staffHome,
    skill,
    timelineTime: Float64Array.from(entries.map((e) => e[0])),
    timelineKind: Int32Array.from(entries.map((e) => e[1])),
    timelineArg: Int32Array.from(entries.map((e) => e[2])),
    slotMode,
    triage: sc.welcome ? compileDistribution(sc.welcome.triage) : null,
    escort: sc.welcome ? compileDistribution(sc.welcome.escort) : null,
    welcomeBackups: Int32Array.from(backupList),
    backupWalk: sc.welcome?.backupWalkMinutes ?? 0,
    misrouteP: sc.zones.length > 1 ? (sc.welcome?.misrouteProbability ?? 0) : 0,
    transfer: sc.welcome ? compileDistribution(sc.welcome.transferMinutes) : null,
    rules,
    rulesByPost,
    postOldestWait,
  };
}

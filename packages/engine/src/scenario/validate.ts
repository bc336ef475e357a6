/**
 * Scenario validation: the zod schema first, then the cross-field rules. Every problem is
 * reported with its JSON path and a plain message; a scenario with any problem never runs.
 */
import { compileDistribution } from '../distributions';
import { bySlot, clockMinutes, clockOf, staffingCounts, zoneOnDutyPeak } from './plan';
import { LIMITS, roles, type Scenario, scenarioSchema } from './schema';

export { clockMinutes } from './plan';

export interface ScenarioIssue {
  /** JSON path, e.g. "$.businessTypes[2].service.mean" */
  path: string;
  message: string;
}

export type ScenarioResult =
  | { ok: true; scenario: Scenario; warnings: string[] }
  | { ok: false; issues: ScenarioIssue[] };

export const WELCOME_POST = 'welcome';

export function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return s;
}

export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(`invalid scenario:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
}

/** Validates and returns the scenario, or throws ScenarioError listing every problem. */
export function parseScenarioOrThrow(input: unknown): { scenario: Scenario; warnings: string[] } {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.issues);
  return r;
}

export function parseScenario(input: unknown): ScenarioResult {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })),
    };
  }
  const sc = parsed.data;
  const issues: ScenarioIssue[] = [];
  const warnings: string[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });

  const open = clockMinutes(sc.hours.open);
  const close = clockMinutes(sc.hours.close);
  const day = close - open;
  if (day <= 0) bad('$.hours.close', 'closing time must be after opening time');
  else if (day % sc.slotMinutes !== 0)
    bad('$.slotMinutes', `the opening day (${day} minutes) must be a whole number of slots`);
  const slots = day > 0 ? Math.max(1, Math.floor(day / sc.slotMinutes)) : 1;
  const horizon = sc.horizonMinutes ?? Math.max(day, 1);
  if (sc.warmupMinutes >= horizon) bad('$.warmupMinutes', 'the warm-up must be shorter than the horizon');

  const within = (path: string, t: string) => {
    const m = clockMinutes(t);
    if (day > 0 && (m < open || m > close)) bad(path, `${t} is outside the opening hours`);
    return m;
  };
  /** Periods { from, to } of a plan: inside the day, on slot boundaries, not overlapping. */
  const checkPeriods = (path: string, periods: ReadonlyArray<{ from: string; to: string }>) => {
    const covered: Array<[number, number]> = [];
    periods.forEach((q, i) => {
      const p = `${path}[${i}]`;
      const a = within(`${p}.from`, q.from);
      const b = within(`${p}.to`, q.to);
      if (b <= a) bad(`${p}.to`, 'must be after "from"');
      if ((a - open) % sc.slotMinutes !== 0)
        bad(`${p}.from`, `must fall on a slot boundary (${sc.slotMinutes} min)`);
      if ((b - open) % sc.slotMinutes !== 0)
        bad(`${p}.to`, `must fall on a slot boundary (${sc.slotMinutes} min)`);
      for (const [x, y] of covered) if (a < y && x < b) bad(p, 'overlaps an earlier period');
      covered.push([a, b]);
    });
  };

  // business types
  const typeIds = new Set<string>();
  let peakTotalPerHour = 0;
  const perSlotTotal = new Array<number>(slots).fill(0);
  sc.businessTypes.forEach((b, i) => {
    const p = `$.businessTypes[${i}]`;
    if (typeIds.has(b.id)) bad(`${p}.id`, `duplicate business type id "${b.id}"`);
    typeIds.add(b.id);
    if (Array.isArray(b.arrivalsPerHour)) {
      if (day > 0 && b.arrivalsPerHour.length !== slots)
        bad(
          `${p}.arrivalsPerHour`,
          `needs one rate per slot: ${slots} values, found ${b.arrivalsPerHour.length}`,
        );
      b.arrivalsPerHour.forEach((r, k) => {
        if (k < slots) perSlotTotal[k] = perSlotTotal[k]! + r;
      });
    } else {
      for (let k = 0; k < slots; k++) perSlotTotal[k] = perSlotTotal[k]! + (b.arrivalsPerHour as number);
    }
    if (b.service.type === 'deterministic' && b.service.value === 0)
      warnings.push(`business type "${b.id}": a service time of 0 minutes`);
    checkPeriods(`${p}.serviceByPeriod`, b.serviceByPeriod);
    checkPeriods(`${p}.patienceByPeriod`, b.patienceByPeriod);
  });
  for (const t of perSlotTotal) peakTotalPerHour = Math.max(peakTotalPerHour, t);
  const meanPerHour = perSlotTotal.reduce((a, b) => a + b, 0) / slots;
  if ((meanPerHour / 60) * horizon > LIMITS.expectedArrivalsPerReplication)
    bad(
      '$.horizonMinutes',
      `expected arrivals per replication (${Math.round((meanPerHour / 60) * horizon)}) exceed the limit of ${LIMITS.expectedArrivalsPerReplication}`,
    );

  // zones
  const zoneIds = new Set<string>();
  const servedBy = new Map<string, number>();
  const planned = new Set<string>();
  let plannedPeak = 0;
  sc.zones.forEach((z, i) => {
    const p = `$.zones[${i}]`;
    if (z.staffing !== undefined) {
      planned.add(z.id);
      if (Array.isArray(z.staffing)) {
        if (day > 0 && z.staffing.length !== slots)
          bad(`${p}.staffing`, `needs one count per slot: ${slots} values, found ${z.staffing.length}`);
        plannedPeak += Math.max(...z.staffing);
      } else {
        checkPeriods(`${p}.staffing.periods`, z.staffing.periods);
        plannedPeak += Math.max(z.staffing.default, ...z.staffing.periods.map((q) => q.count));
      }
    }
    if (z.id === WELCOME_POST)
      bad(`${p}.id`, `"${WELCOME_POST}" is the welcome post; choose another zone id`);
    if (zoneIds.has(z.id)) bad(`${p}.id`, `duplicate zone id "${z.id}"`);
    zoneIds.add(z.id);
    if (z.assistPerStaff !== undefined && z.kind !== 'superCounter')
      bad(`${p}.assistPerStaff`, 'only a superCounter zone has assistPerStaff');
    z.serves.forEach((t, k) => {
      if (!typeIds.has(t)) bad(`${p}.serves[${k}]`, `unknown business type "${t}"`);
      else if (servedBy.has(t))
        bad(`${p}.serves[${k}]`, `business type "${t}" is already served by another zone`);
      else servedBy.set(t, i);
    });
  });
  sc.businessTypes.forEach((b, i) => {
    if (!servedBy.has(b.id)) bad(`$.businessTypes[${i}].id`, `no zone serves business type "${b.id}"`);
  });

  // welcome step and modes
  const posts = new Set<string>([WELCOME_POST, ...zoneIds]);
  const usesRotating =
    sc.modePlan.default === 'rotating' || sc.modePlan.periods.some((q) => q.mode === 'rotating');
  if (usesRotating && !sc.welcome)
    bad('$.welcome', 'rotating mode needs the welcome step (escort time) to be described');
  checkPeriods('$.modePlan.periods', sc.modePlan.periods);

  // staff
  const staffIds = new Set<string>();
  const roleCount = new Map<string, number>();
  const homeCount = new Map<string, number>();
  sc.staff.forEach((s, i) => {
    const p = `$.staff[${i}]`;
    if (staffIds.has(s.id)) bad(`${p}.id`, `duplicate staff id "${s.id}"`);
    staffIds.add(s.id);
    roleCount.set(s.role, (roleCount.get(s.role) ?? 0) + 1);
    if (!posts.has(s.home)) bad(`${p}.home`, `unknown post "${s.home}" (use "${WELCOME_POST}" or a zone id)`);
    else if (planned.has(s.home))
      bad(
        `${p}.home`,
        `zone "${s.home}" is staffed by its "staffing" plan: named staff cannot have it as home (they may still backfill it)`,
      );
    homeCount.set(s.home, (homeCount.get(s.home) ?? 0) + 1);
    if (s.home === WELCOME_POST && !sc.welcome)
      bad(`${p}.home`, 'the welcome post needs the welcome step (triage and escort times) to be described');
    s.skills.forEach((k, j) => {
      if (!typeIds.has(k)) bad(`${p}.skills[${j}]`, `unknown business type "${k}"`);
    });
    const shifts = (s.shifts ?? []).map((sh, j) => {
      const a = within(`${p}.shifts[${j}].start`, sh.start);
      const b = within(`${p}.shifts[${j}].end`, sh.end);
      if (b <= a) bad(`${p}.shifts[${j}].end`, 'must be after the start');
      return [a, b] as const;
    });
    shifts.forEach(([a, b], j) => {
      for (let k = 0; k < j; k++) {
        const [x, y] = shifts[k]!;
        if (a < y && x < b) bad(`${p}.shifts[${j}]`, 'overlaps an earlier shift');
      }
    });
    const effective = shifts.length > 0 ? shifts : [[open, close] as const];
    s.breaks.forEach((br, j) => {
      const a = within(`${p}.breaks[${j}].start`, br.start);
      const b = within(`${p}.breaks[${j}].end`, br.end);
      if (b <= a) bad(`${p}.breaks[${j}].end`, 'must be after the start');
      else if (!effective.some(([x, y]) => a >= x && b <= y))
        bad(`${p}.breaks[${j}]`, 'must lie inside a shift');
    });
  });
  if (sc.staff.length === 0 && plannedPeak === 0)
    bad('$.staff', 'list at least one staff member, or give a zone a staffing plan');
  if (sc.staff.length + plannedPeak > LIMITS.staffOnModel)
    bad(
      '$.zones',
      `named staff (${sc.staff.length}) and the zones' staffing plans at their peak (${plannedPeak}) exceed ${LIMITS.staffOnModel} people`,
    );
  const planStaffed = (typeId: string) =>
    sc.zones.some(
      (z) =>
        z.staffing !== undefined &&
        z.serves.includes(typeId) &&
        (Array.isArray(z.staffing)
          ? z.staffing.some((c) => c > 0)
          : z.staffing.default > 0 || z.staffing.periods.some((q) => q.count > 0)),
    );
  sc.businessTypes.forEach((b) => {
    if (!sc.staff.some((s) => s.skills.includes(b.id)) && !planStaffed(b.id))
      warnings.push(`business type "${b.id}": no staff member has the skill, so it is never served`);
  });

  // backfill
  const ruleIds = new Set<string>();
  sc.backfill.forEach((r, i) => {
    const p = `$.backfill[${i}]`;
    if (r.id !== undefined) {
      if (ruleIds.has(r.id)) bad(`${p}.id`, `duplicate rule id "${r.id}"`);
      ruleIds.add(r.id);
    }
    if (!posts.has(r.post)) bad(`${p}.post`, `unknown post "${r.post}"`);
    r.backups.forEach((b, j) => {
      if (b.startsWith('role:')) {
        const role = b.slice(5);
        if (!(roles as readonly string[]).includes(role))
          bad(`${p}.backups[${j}]`, `unknown role "${role}" (one of ${roles.join(', ')})`);
        else if (!roleCount.has(role)) warnings.push(`backfill rule ${i}: nobody has the role "${role}"`);
      } else if (!staffIds.has(b))
        bad(`${p}.backups[${j}]`, `unknown staff member "${b}" (or write "role:<role>")`);
    });
    const t = r.triggers;
    if (!t.postEmpty && t.queueLength === undefined && t.oldestWaitMinutes === undefined)
      bad(`${p}.triggers`, 'give at least one trigger: postEmpty, queueLength or oldestWaitMinutes');
  });

  // the welcome backups of rotating mode
  sc.welcome?.backups?.forEach((b, j) => {
    const p = `$.welcome.backups[${j}]`;
    if (b.startsWith('role:')) {
      const role = b.slice(5);
      if (!(roles as readonly string[]).includes(role))
        bad(p, `unknown role "${role}" (one of ${roles.join(', ')})`);
    } else if (b.startsWith('zone:')) {
      if (!zoneIds.has(b.slice(5))) bad(p, `unknown zone "${b.slice(5)}"`);
    } else if (!staffIds.has(b))
      bad(p, `unknown staff member "${b}" (or write "role:<role>" or "zone:<id>")`);
  });

  if (issues.length > 0) return { ok: false, issues };

  // warnings on load: day-averaged offered load against what the zone can serve
  const meanOf = new Map<unknown, number>();
  const meanMinutes = (d: Scenario['businessTypes'][number]['service']) => {
    let v = meanOf.get(d);
    if (v === undefined) {
      v = compileDistribution(d).mean;
      meanOf.set(d, v);
    }
    return v;
  };
  sc.zones.forEach((z) => {
    const onDuty = zoneOnDutyPeak(sc, z.id);
    if (!homeCount.has(z.id) && !onDuty.some((c) => c > 0) && !sc.backfill.some((r) => r.post === z.id))
      warnings.push(`zone "${z.id}": nobody's home post, and no backfill rule covers it`);
    const types = sc.businessTypes.filter((b) => z.serves.includes(b.id));
    let load = 0;
    for (const b of types) {
      const service = bySlot(sc, b.service, b.serviceByPeriod, (q) => q.distribution);
      for (let k = 0; k < slots; k++) {
        const r = Array.isArray(b.arrivalsPerHour) ? b.arrivalsPerHour[k]! : b.arrivalsPerHour;
        load += ((r / 60) * meanMinutes(service[k]!)) / slots;
      }
    }
    const perStaff = z.kind === 'superCounter' ? (z.assistPerStaff ?? 1) : 1;
    const staffHere = z.staffing
      ? staffingCounts(sc, z.staffing).reduce((a, c) => a + c, 0) / slots
      : sc.staff.filter((s) => s.home === z.id).length;
    const servers = Math.min(z.capacity, staffHere * perStaff);
    // more people on duty than the zone has counters (machines, desks): some cannot serve
    const usable = z.capacity;
    const over: Array<[number, number]> = [];
    let peak = 0;
    for (let k = 0; k < slots; k++) {
      if (onDuty[k]! <= usable) continue;
      peak = Math.max(peak, onDuty[k]!);
      const from = open + k * sc.slotMinutes;
      const last = over[over.length - 1];
      if (last && last[1] === from) last[1] = from + sc.slotMinutes;
      else over.push([from, from + sc.slotMinutes]);
    }
    if (over.length > 0)
      warnings.push(
        `zone "${z.id}": up to ${peak} people on duty (${over.map(([a, b]) => `${clockOf(a)}–${clockOf(b)}`).join(', ')}) but it has ${usable} counters (capacity): the capacity caps the staff on duty`,
      );
    const patient = types.every((b) => b.patience === undefined && b.patienceByPeriod.length === 0);
    if (load > 0 && load >= servers && patient)
      warnings.push(
        `zone "${z.id}": offered load ${load.toFixed(2)} Erlangs ≥ ${servers} servers and customers never abandon: queues grow without bound`,
      );
  });
  return { ok: true, scenario: sc, warnings };
}

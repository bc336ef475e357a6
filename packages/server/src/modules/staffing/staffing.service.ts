import type { RequirementResult, ScenarioInput } from '@liangdian/engine';
import { addDays } from '@liangdian/engine/time';
import type { StaffingRequirement, StaffingRequirementQuery } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { DomainError, notFound } from '../../lib/errors';
import type { Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import { DEFAULT_SETTINGS, planOf } from '../lobby/lobby.settings';
import { buildScenario } from '../lobby/recommend/recommend.model';
import type { RecommendService } from '../lobby/recommend/recommend.service';
import type { RequirementJob, RequirementRunner } from './requirement.pool';
import { presentDay, type DayInputs } from './staffing.presenter';
import * as repo from './staffing.repository';

/** Replications of each whole-day simulation of the requirement (reproducible: SEED). */
export const REQUIREMENT_REPLICATIONS = 50;
export const REQUIREMENT_SEED = 1;

/**
 * Staffing requirement (docs/staffing.md): per day and half hour, the people each zone and the two
 * fixed posts need to meet the outlet's service target — Erlang and the whole-day simulation,
 * from the forecast arrivals, the calibrated service and patience, and the slot's mode (the
 * outlet's mode plan). The simulations run in a worker thread (requirement.pool.ts).
 */
export class StaffingService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly recommend: Pick<RecommendService, 'dayFloors'>,
    private readonly runner: RequirementRunner,
  ) {}

  /** `GET /outlets/:outletId/staffing/requirement?from&days` */
  async requirement(
    actor: Actor,
    outletId: string,
    q: StaffingRequirementQuery,
  ): Promise<StaffingRequirement> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.operate');
    return this.requirementFor(outletId, q.from, q.days);
  }

  /**
   * The requirement of `days` days from `weekStart` (a `YYYY-MM-DD` Beijing date; 7 days: the
   * week), without an actor: the roster (its requirement per slot) and the branch's planning jobs
   * call this. NOT_FOUND for an unknown outlet; LOBBY_NO_ZONES when it has no zone to serve anyone.
   * `onDay` receives each day's simulation input (the roster predicts its service level with it).
   */
  async requirementFor(
    outletId: string,
    weekStart: string,
    days = 7,
    onDay?: (day: string, job: RequirementJob) => void,
  ): Promise<StaffingRequirement> {
    const outlet = await repo.findOutlet(this.db, outletId);
    if (!outlet) throw notFound('outlet');
    const [settings, zones] = await Promise.all([
      repo.findSettings(this.db, outletId),
      repo.zonesOf(this.db, outletId),
    ]);
    const serviceLevel = settings?.service_level_target ?? DEFAULT_SETTINGS.serviceLevelTarget;
    const plan = planOf(settings);
    const out: StaffingRequirement['days'] = [];
    let targetWaitMinutes: number = DEFAULT_SETTINGS.targetWaitMinutes;
    const skills = new Map<string, string[]>();
    const floors = await this.recommend.dayFloors(
      { id: outletId, name: outlet.name },
      Array.from({ length: days }, (_, i) => addDays(weekStart, i)),
    );
    const jobs = floors.map(({ weekday, hours, floor }) => {
      targetWaitMinutes = floor.targetWaitMinutes;
      const scenario: ScenarioInput | null = buildScenario({ ...floor, hours });
      if (!scenario) throw new DomainError('LOBBY_NO_ZONES');
      for (const z of scenario.zones) skills.set(z.id, z.serves);
      const openSlot = slotOf(hours.open);
      const modes = Array.from(
        { length: Math.max(0, slotOf(hours.close) - openSlot) },
        (_, k) => plan?.days[weekday]?.[openSlot + k] ?? 'fixed',
      );
      const job: RequirementJob = {
        scenario,
        options: { serviceLevel, modes, replications: REQUIREMENT_REPLICATIONS, seed: REQUIREMENT_SEED },
      };
      return job;
    });
    if (onDay) for (const [i, f] of floors.entries()) onDay(f.day, jobs[i]!);
    // the days are simulated at once, as many at a time as the pool has workers
    const results = await Promise.all(jobs.map((job) => this.runner.run(job)));
    for (const [i, f] of floors.entries()) {
      const result: RequirementResult = results[i]!;
      const inputs: DayInputs = {
        day: f.day,
        weekday: f.weekday,
        source: f.source,
        calibrated: f.calibrated,
        openSlot: slotOf(f.hours.open),
      };
      out.push(presentDay(inputs, result));
    }
    const superZone = zones.find((z) => z.kind === 'super_counter');
    const used = new Set(out[0]?.slots[0]?.zones.map((z) => z.zoneId) ?? []);
    return {
      outletId,
      from: weekStart,
      to: addDays(weekStart, days - 1),
      serviceLevelTarget: serviceLevel,
      targetWaitMinutes,
      replications: REQUIREMENT_REPLICATIONS,
      seed: REQUIREMENT_SEED,
      zones: zones
        .filter((z) => used.has(z.id))
        .map((z) => ({ id: z.id, name: z.name, kind: z.kind, skills: skills.get(z.id) ?? [] })),
      superCounterZone:
        superZone && out.some((d) => d.slots.some((s) => s.superCounter))
          ? { id: superZone.id, name: superZone.name, skills: skills.get(superZone.id) ?? [] }
          : null,
      days: out,
    };
  }
}

const slotOf = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) / 30;

/** One post's need in one half hour, flat (the roster's `requirement`). */
export interface RequirementRow {
  date: string;
  /** HH:MM, Beijing */
  start: string;
  /** "welcome" (迎宾位), or the zone's id (the super-counter zone is the post 超柜位) */
  post: string;
  kind: 'welcome' | 'super-counter' | 'zone';
  /** the business types a person must serve to staff it (none for the welcome post) */
  skills: string[];
  /** the simulated fewest people (the requirement) */
  people: number;
  /** Erlang's answer, for comparison */
  erlang: number | null;
}

/** The requirement as one row per day, half hour and post (what the roster covers). */
export function requirementRows(r: StaffingRequirement): RequirementRow[] {
  const skillsOf = new Map(r.zones.map((z) => [z.id, z.skills]));
  const out: RequirementRow[] = [];
  for (const d of r.days)
    for (const s of d.slots) {
      for (const z of s.zones)
        out.push({
          date: d.day,
          start: s.start,
          post: z.zoneId,
          kind: 'zone',
          skills: skillsOf.get(z.zoneId) ?? [],
          people: z.simulated,
          erlang: z.erlang,
        });
      out.push({
        date: d.day,
        start: s.start,
        post: 'welcome',
        kind: 'welcome',
        skills: [],
        people: s.welcome.simulated,
        erlang: s.welcome.erlang,
      });
      if (s.superCounter && r.superCounterZone)
        out.push({
          date: d.day,
          start: s.start,
          post: r.superCounterZone.id,
          kind: 'super-counter',
          skills: r.superCounterZone.skills,
          people: s.superCounter.simulated,
          erlang: s.superCounter.erlang,
        });
    }
  return out;
}

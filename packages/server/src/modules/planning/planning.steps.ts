import { addDays, beijingDate, daysBetween } from '@liangdian/engine/time';
import type { PlanningStep, PlanningStepResult } from '@liangdian/shared/api';
import type { Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError } from '../../lib/errors';
import type { ForecastService } from '../lobby/forecast/forecast.service';
import type { Actor } from '../access/policy';
import type { RosterService } from '../roster/roster.service';
import type { StaffingService } from '../staffing/staffing.service';
import * as repo from './planning.repository';

/** What a step is given: the outlet and week planned, and what the steps before it answered. */
export interface StepInput {
  runId: string;
  branchId: string;
  outletId: string;
  weekStart: string;
  results: Partial<Record<PlanningStep, PlanningStepResult>>;
}

/** A step answers a short summary for the page (numbers and words, no more). */
export type StepFn = (input: StepInput) => Promise<PlanningStepResult['summary']>;

/** The steps in their order; one not plugged in (null) is skipped and says so. */
export type PlanningSteps = Record<PlanningStep, StepFn | null>;

/**
 * The forecast step: the outlet's arrivals forecast (modules/lobby/forecast) of the weeks from today
 * up to and including the week planned, summed over that week.
 */
export function forecastStep(forecast: ForecastService, clock: Clock): StepFn {
  return async ({ outletId, weekStart }) => {
    const today = beijingDate(clock.now());
    const ahead = daysBetween(today, addDays(weekStart, 6));
    const weeks = Math.min(8, Math.max(1, Math.ceil((ahead + 1) / 7)));
    const { result } = await forecast.forecastFor(outletId, weeks);
    const end = addDays(weekStart, 6);
    let arrivals = 0;
    let peak = 0;
    let peakAt = '';
    for (const s of result.slots) {
      if (s.day < weekStart || s.day > end) continue;
      const n = s.byType.reduce((a, b) => a + b.mean, 0);
      arrivals += n;
      if (n > peak) {
        peak = n;
        peakAt = `${s.day} ${String(Math.floor(s.slot / 2)).padStart(2, '0')}:${s.slot % 2 ? '30' : '00'}`;
      }
    }
    return {
      model: result.used,
      arrivals: Math.round(arrivals),
      peakHalfHour: Math.round(peak * 10) / 10,
      peakAt: peakAt || null,
      weeksForecast: weeks,
    };
  };
}

/**
 * The requirement step: the people per half hour of the week (modules/staffing, Erlang checked by
 * the whole-day simulation, in its worker thread), summed up for the page.
 */
export function requirementStep(staffing: Pick<StaffingService, 'requirementFor'>): StepFn {
  return async ({ outletId, weekStart }) => {
    const r = await staffing.requirementFor(outletId, weekStart, 7);
    let peak = 0;
    let personHalfHours = 0;
    let differences = 0;
    for (const d of r.days) {
      differences += d.differences;
      for (const s of d.slots) {
        personHalfHours += s.total.simulated;
        peak = Math.max(peak, s.total.simulated);
      }
    }
    return {
      peakPeople: peak,
      personHours: personHalfHours / 2,
      daysMet: r.days.filter((d) => d.met).length,
      days: r.days.length,
      differences,
    };
  };
}

/** How long the roster step lets HiGHS search per outlet, and the gap it settles for. */
export const PLANNING_ROSTER_LIMITS = { timeLimitSeconds: 15, gap: 0.01 } as const;

/**
 * The roster step: the week's roster solved (HiGHS in its worker thread) and saved as the week's
 * draft in the name of whoever started the run — their rights are checked as on the roster page.
 */
export function rosterStep(
  rosters: Pick<RosterService, 'solveAndWait'>,
  starter: (runId: string) => Promise<Actor>,
): StepFn {
  return async ({ runId, outletId, weekStart }) => {
    const actor = await starter(runId);
    const run = await rosters.solveAndWait(actor, outletId, weekStart, { ...PLANNING_ROSTER_LIMITS });
    if (run.state !== 'done') throw new Error(run.error ?? `roster solve ${run.state}`);
    return {
      status: run.solverStatus,
      gap: run.gap,
      version: run.version,
      seconds: Math.round(run.elapsedSeconds * 10) / 10,
    };
  };
}

/** The actor of a run's starter, read afresh (a login disabled since cannot plan on). */
export function runStarter(q: Q): (runId: string) => Promise<Actor> {
  return async (runId) => {
    const u = await repo.starterOf(q, runId);
    if (u?.active !== 1) throw new DomainError('FORBIDDEN');
    return {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role as Actor['role'],
      branchId: u.branch_id,
      outletId: u.outlet_id,
      staffId: u.staff_id,
      locale: u.locale as Actor['locale'],
      ip: '',
    };
  };
}

import { DEFAULT_OBJECTIVE, type Recommendation } from '@liangdian/engine';
import { addDays, beijingDate, beijingWeekSlot, daysBetween, weekday } from '@liangdian/engine/time';
import { type LobbyMode, SLOTS_PER_DAY } from '@liangdian/shared';
import type { ModeRecommendBody, ModeRecommendation, ModeResult } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { DomainError } from '../../../lib/errors';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import type { CalibrationService } from '../calibration/calibration.service';
import { arrivalsOfDay, type ForecastService, type OutletForecast } from '../forecast/forecast.service';
import * as repo from '../lobby.repository';
import { DEFAULT_SETTINGS, objectiveOf, rulesOf } from '../lobby.settings';
import {
  CLOSE,
  defaultRates,
  type FloorInput,
  OPEN,
  ratesFromHistory,
  recommendFloor,
} from './recommend.model';

/** Weeks of the outlet's own tickets the traffic is read from. */
const HISTORY_WEEKS = 4;
/** The seed of the server's recommendations (reproducible answers). */
const SEED = 1;

/**
 * The outlet's floor (zones, active posts, active staff, business types, its service-level
 * wait target) with the given traffic, as recommend.model.ts reads it.
 */
export async function outletFloor(
  q: Q,
  outlet: { id: string; name: string },
  arrivals: (types: string[]) => Map<string, number[]>,
  calibrated: Pick<FloorInput, 'hours' | 'service' | 'patience'> = {},
): Promise<FloorInput> {
  const [types, zones, posts, staff, settings] = await Promise.all([
    repo.activeBusinessTypes(q),
    repo.zonesOf(q, outlet.id),
    repo.postsWithZoneKind(q, outlet.id),
    repo.activeStaff(q, outlet.id),
    repo.findSettings(q, outlet.id),
  ]);
  return {
    name: outlet.name,
    zones: zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, capacity: z.capacity })),
    posts: posts.filter((p) => p.active).map((p) => ({ id: p.id, kind: p.kind, zoneId: p.zone_id })),
    staff: staff.map((s) => ({
      id: s.id,
      name: s.name,
      roles: JSON.parse(s.roles) as string[],
      skills: JSON.parse(s.skills) as string[],
      homePostId: s.home_post_id,
    })),
    businessTypes: types.map((t) => ({ code: t.code, defaultZoneKind: t.default_zone_kind })),
    arrivals: arrivals(types.map((t) => t.code)),
    targetWaitMinutes: settings?.target_wait_minutes ?? DEFAULT_SETTINGS.targetWaitMinutes,
    welcomeBackups: rulesOf(settings).find((r) => posts.find((p) => p.id === r.postId)?.kind === 'welcome')
      ?.backups,
    ...calibrated,
  };
}

const clockOf = (slot: number) =>
  `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
const slotOf = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) / 30;
const nul = (v: number) => (Number.isFinite(v) ? v : null);
const present = (k: Recommendation['slots'][number]['fixed']): ModeResult => ({
  meanWaitMinutes: nul(k.meanWaitMinutes),
  servedWaitMinutes: nul(k.servedWaitMinutes),
  serviceLevel: nul(k.serviceLevel),
  abandonRate: nul(k.abandonRate),
  receivedShare: nul(k.receivedShare),
  escortedShare: nul(k.escortedShare),
  pulledMinutes: k.pulledMinutes,
  misroutes: k.misroutes,
  transfers: k.transfers,
  arrivals: k.arrivals,
  score: k.score,
});

/**
 * "Recommend" (docs/lobby.md): both modes per half hour of one weekday through the engine's
 * `recommend` on the outlet's floor, with the arrivals of its last four weeks of tickets when
 * there are enough (else the default profile) and the outlet's objective weights.
 */
export class RecommendService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly calibration?: Pick<CalibrationService, 'fittedInputs'>,
    private readonly forecast?: Pick<ForecastService, 'forecastFor'>,
  ) {}

  /**
   * The floor of each of `days` (Beijing dates) as the engine simulates it (docs/staffing.md,
   * "Inputs"; the recommendation and the staffing requirement read the same): the forecast arrivals
   * of that day, else the last four weeks of tickets of that weekday, else the default profile; the
   * service, patience and opening hours calibrated on the outlet's tickets. The calibration, the
   * tickets and each forecast horizon are read and fitted once for all the days.
   */
  async dayFloors(outlet: { id: string; name: string }, days: readonly string[]): Promise<DayFloor[]> {
    const today = beijingDate(this.clock.now());
    const [fitted, issues] = await Promise.all([
      this.calibration ? this.calibration.fittedInputs(outlet.id) : null,
      repo.issuesBetween(this.db, outlet.id, addDays(today, -7 * HISTORY_WEEKS), addDays(today, -1)),
    ]);
    const tickets = issues.map((i) => ({ at: Date.parse(i.at), businessType: i.business_type }));
    const forecasts = new Map<number, Promise<OutletForecast | null>>();
    const forecastOf = (weeks: number) => {
      let f = forecasts.get(weeks);
      if (!f) {
        f = this.forecast
          ? this.forecast.forecastFor(outlet.id, weeks).catch((e) => {
              if (e instanceof DomainError) return null;
              throw e;
            })
          : Promise.resolve(null);
        forecasts.set(weeks, f);
      }
      return f;
    };
    const out: DayFloor[] = [];
    for (const day of days) {
      const weekday = weekdayMon0(day);
      const own = await ownInputs(fitted, today, day, weekday >= 5, forecastOf);
      const hours = own.hours ?? { open: OPEN, close: CLOSE };
      const history = ratesFromHistory(tickets, weekday, HISTORY_WEEKS, hours);
      const floor = await outletFloor(
        this.db,
        outlet,
        (types) => own.forecast ?? history ?? defaultRates(types),
        own.calibrated ?? {},
      );
      out.push({
        day,
        weekday,
        hours,
        floor,
        source: own.forecast ? 'forecast' : history ? 'history' : 'default',
        calibrated: own.calibrated !== null,
      });
    }
    return out;
  }

  async recommend(actor: Actor, outletId: string, input: ModeRecommendBody): Promise<ModeRecommendation> {
    const outlet = await this.guard.requireOutlet(actor, outletId, 'lobby.operate');
    const now = this.clock.now();
    const today = beijingDate(now);
    const weekday = input.weekday ?? beijingWeekSlot(now).weekday;
    // the next such weekday (today included), for the forecast
    const day = addDays(today, (weekday - beijingWeekSlot(now).weekday + 7) % 7);
    const [{ hours, floor, source, calibrated }] = (await this.dayFloors(
      { id: outletId, name: outlet.name },
      [day],
    )) as [DayFloor];
    const settings = await repo.findSettings(this.db, outletId);
    const weights = objectiveOf(settings);
    const rec = recommendFloor(
      { ...floor, hours },
      { replications: input.replications, seed: SEED, objective: weights ?? undefined },
    );
    if (!rec) throw new DomainError('LOBBY_NO_ZONES');
    const openSlot = (Number(hours.open.slice(0, 2)) * 60 + Number(hours.open.slice(3, 5))) / 30;
    const suggestedDay: LobbyMode[] = Array.from({ length: SLOTS_PER_DAY }, () => 'fixed');
    rec.slots.forEach((s, k) => {
      suggestedDay[openSlot + k] = s.better;
    });
    return {
      outletId,
      weekday,
      source,
      calibrated,
      day,
      replications: input.replications,
      seed: SEED,
      hours,
      objective: { ...DEFAULT_OBJECTIVE, ...rec.objective },
      objectiveSource: weights ? 'outlet' : 'default',
      slots: rec.slots.map((s) => ({
        start: s.start,
        end: s.end,
        arrivalsPerHour: s.arrivalsPerHour,
        better: s.better,
        fixed: present(s.fixed),
        rotating: present(s.rotating),
      })),
      overall: {
        better: rec.overall.better,
        fixed: present(rec.overall.fixed),
        rotating: present(rec.overall.rotating),
      },
      crossover: rec.crossover
        ? {
            arrivalsPerHour: rec.crossover.arrivalsPerHour,
            bound: rec.crossover.bound,
            replications: rec.crossover.replications,
          }
        : null,
      suggestedDay,
    };
  }
}

/** The weekday of a `YYYY-MM-DD` date, Monday = 0 … Sunday = 6 (the engine's `weekday` counts from Sunday). */
export const weekdayMon0 = (day: string): number => (weekday(day) + 6) % 7;

/** One day's floor as the engine simulates it (RecommendService.dayFloors). */
export interface DayFloor {
  day: string;
  /** Monday = 0 */
  weekday: number;
  hours: { open: string; close: string };
  floor: FloorInput;
  /** where the traffic comes from */
  source: 'forecast' | 'history' | 'default';
  /** service and patience calibrated on the outlet's tickets */
  calibrated: boolean;
}

/**
 * What the outlet's own tickets say for the day: the calibrated opening hours, service and
 * patience per business type (calibration.service.ts), and the forecast arrivals of `day`
 * (forecast.service.ts, the horizon of weeks reaching it) per hour for each half hour from the
 * opening; null parts when the history is too thin for them.
 */
async function ownInputs(
  fitted: Awaited<ReturnType<CalibrationService['fittedInputs']>> | null,
  today: string,
  day: string,
  weekend: boolean,
  forecastOf: (weeks: number) => Promise<OutletForecast | null>,
) {
  const fit = fitted?.fit;
  const h = fit?.hours.find((x) => x.dayClass === (weekend ? 'weekend' : 'weekday'));
  let hours = h && h.closeSlot > h.openSlot ? { open: h.open, close: h.close } : null;
  const calibrated: Pick<FloorInput, 'service' | 'patience'> = {};
  if (fit) {
    calibrated.service = Object.fromEntries(
      fit.service.filter((x) => x.n > 0).map((x) => [x.businessType, x.distribution]),
    );
    const pooled = fit.patience.pooled.distribution;
    calibrated.patience = Object.fromEntries(
      fit.businessTypes.map((b) => [
        b,
        fit.patience.byType.find((x) => x.businessType === b && x.exact + x.left > 0)?.distribution ?? pooled,
      ]),
    );
  }
  let forecast: Map<string, number[]> | null = null;
  const ahead = daysBetween(today, day);
  const f = hours && ahead >= 0 && ahead < 56 ? await forecastOf(Math.floor(ahead / 7) + 1) : null;
  if (f && hours) {
    const perSlot = arrivalsOfDay(f.result, day);
    const from = slotOf(hours.open);
    const to = slotOf(hours.close);
    // the half hours customers arrive in: the fitted day runs to the last service end, past
    // the last ticket, and a half hour without arrivals has no mode to choose
    const total = (k: number) => [...perSlot.values()].reduce((a, xs) => a + (xs[k] ?? 0), 0);
    let first = from;
    let last = to;
    while (first < last && total(first) < 0.05) first++;
    while (last > first && total(last - 1) < 0.05) last--;
    if (last > first) {
      hours = { open: clockOf(first), close: clockOf(last) };
      forecast = new Map([...perSlot].map(([b, xs]) => [b, xs.slice(first, last).map((x) => x * 2)]));
    }
  }
  return { hours, calibrated: fit ? calibrated : null, forecast };
}

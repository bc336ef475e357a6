import {
  type ArrivalCount,
  ForecastHistoryError,
  type ForecastInput,
  type ForecastResult,
  forecastArrivals,
  holidayCalendar,
  MIN_HISTORY_DAYS,
} from '@liangdian/engine';
import { addDays, beijingDate, beijingWeekSlot, daysBetween } from '@liangdian/engine/time';
import type { LobbyForecast } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { DomainError } from '../../../lib/errors';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import * as lobbyRepo from '../lobby.repository';
import { outletDaysOf } from '../lobby.settings';
import { presentForecast } from './forecast.presenter';
import * as repo from './forecast.repository';

/** Weeks of the outlet's tickets the forecast reads at most. */
export const HISTORY_WEEKS = 16;

/** What the forecast was fitted on and what it says. */
export interface OutletForecast {
  outletId: string;
  weeks: number;
  history: { from: string; to: string; counts: ArrivalCount[] };
  result: ForecastResult;
}

/**
 * The arrivals forecast of an outlet (docs/forecast.md): its issued tickets of up to the last
 * HISTORY_WEEKS weeks (to yesterday, Beijing time) counted per day, half hour and business type,
 * the day types from the official calendar and the outlet's pension days and paydays, and the
 * engine's forecast of the weeks from today.
 */
export class ForecastService {
  /**
   * Fits the forecast: the engine's `forecastArrivals`, on the event loop unless the app hands it
   * a worker (app.ts: the requirement pool's `forecast`).
   */
  fitter: (input: ForecastInput) => Promise<ForecastResult> = async (input) => forecastArrivals(input);

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
  ) {}

  /** `GET …/lobby/forecast?weeks=N` */
  async forecast(actor: Actor, outletId: string, weeks: number): Promise<LobbyForecast> {
    await this.guard.requireOutlet(actor, outletId);
    return this.present(outletId, weeks);
  }

  /** The API's answer without an actor (the CLI). */
  async present(outletId: string, weeks: number): Promise<LobbyForecast> {
    return presentForecast(await this.forecastFor(outletId, weeks));
  }

  /** The forecast of `weeks` weeks from today, without an actor (the CLI, the recommendation). */
  async forecastFor(outletId: string, weeks: number): Promise<OutletForecast> {
    const today = beijingDate(this.clock.now());
    const to = addDays(today, -1);
    const first = await repo.firstArrivalDay(this.db, outletId, addDays(today, -7 * HISTORY_WEEKS));
    if (!first || first > to) throw tooLittle(0);
    const [rows, settings, calendar] = await Promise.all([
      repo.arrivalsBetween(this.db, outletId, first, to),
      lobbyRepo.findSettings(this.db, outletId),
      repo.calendarBetween(this.db, first, addDays(to, 7 * weeks + 7)),
    ]);
    const counts = countArrivals(rows);
    try {
      const result = await this.fitter({
        counts,
        from: first,
        to,
        weeks,
        calendar: holidayCalendar(
          calendar.map((c) => ({ date: c.day, kind: c.kind as 'holiday' | 'workday' })),
        ),
        outletDays: outletDaysOf(settings),
      });
      return { outletId, weeks, history: { from: first, to, counts }, result };
    } catch (err) {
      if (err instanceof ForecastHistoryError) throw tooLittle(err.days);
      throw err;
    }
  }

  /**
   * The forecast mean arrivals of each business type per half hour (48, from 00:00 Beijing time)
   * of one day from today up to 8 weeks ahead — what the recommendation simulates.
   */
  async arrivalsOn(outletId: string, day: string): Promise<Map<string, number[]>> {
    const ahead = daysBetween(beijingDate(this.clock.now()), day);
    if (ahead < 0 || ahead >= 56)
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'day', code: 'invalid' }]);
    const { result } = await this.forecastFor(outletId, Math.floor(ahead / 7) + 1);
    return arrivalsOfDay(result, day);
  }
}

/** The forecast mean arrivals of each business type per half hour (48, from 00:00) of `day`. */
export function arrivalsOfDay(result: ForecastResult, day: string): Map<string, number[]> {
  const out = new Map(result.businessTypes.map((b) => [b, Array.from({ length: 48 }, () => 0)]));
  for (const s of result.slots)
    if (s.day === day)
      s.byType.forEach((b, i) => {
        out.get(result.businessTypes[i]!)![s.slot] = b.mean;
      });
  return out;
}

const tooLittle = (days: number) =>
  new DomainError('FORECAST_TOO_LITTLE_HISTORY', { days, min: MIN_HISTORY_DAYS });

/** Issued tickets counted per Beijing day, half hour and business type. */
export function countArrivals(
  rows: readonly { at: string; day: string; business_type: string }[],
): ArrivalCount[] {
  const by = new Map<string, ArrivalCount>();
  for (const r of rows) {
    const slot = beijingWeekSlot(r.at).slot;
    const key = `${r.day}|${slot}|${r.business_type}`;
    const c = by.get(key);
    if (c) c.count++;
    else by.set(key, { day: r.day, slot, businessType: r.business_type, count: 1 });
  }
  return [...by.values()];
}

import {
  backtestVisits,
  type Calibration,
  calibrateVisits,
  holidayCalendar,
  type ScenarioInput,
  scenarioForDay,
  type Visit,
  visitsFromEvents,
} from '@liangdian/engine';
import { addDays, beijingDate } from '@liangdian/engine/time';
import type { Calibration as CalibrationView } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { DomainError } from '../../../lib/errors';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import { DEFAULT_SETTINGS } from '../lobby.settings';
import { floorMapping, ticketEventOf } from './calibration.model';
import { presentCalibration } from './calibration.presenter';
import * as repo from './calibration.repository';

/** Days of tickets the inputs are fitted on (the four weeks before today). */
export const FIT_DAYS = 28;
/** The backtest's test week, before which its own four weeks of fit. */
export const TEST_DAYS = 7;
/** Fewer days with tickets, or fewer tickets, in the four weeks: too thin to calibrate. */
export const MIN_DAYS = 7;
export const MIN_TICKETS = 200;

interface Loaded {
  visits: Visit[];
  calendar: ReturnType<typeof holidayCalendar>;
  zones: ReturnType<typeof floorMapping>['zones'];
  typeZone: Record<string, string>;
  targetWaitMinutes: number;
  today: string;
}

/**
 * Calibration (docs/calibration.md): the scenario inputs fitted on the outlet's own tickets of
 * the last four weeks, and the backtest — fitted on the four weeks before last week, predicting
 * last week with the counters that were really open.
 */
export class CalibrationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
  ) {}

  async calibration(
    actor: Actor,
    outletId: string,
    query: { replications: number; arrivals: 'fit' | 'observed' },
  ): Promise<CalibrationView> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.operate');
    const l = await this.load(outletId);
    const fit = this.fitOf(l);
    if (fit.days < MIN_DAYS || fit.tickets < MIN_TICKETS)
      throw new DomainError('LOBBY_CALIBRATION_TOO_THIN', {
        days: fit.days,
        tickets: fit.tickets,
        minDays: MIN_DAYS,
        minTickets: MIN_TICKETS,
      });
    const bt = backtestVisits(l.visits, {
      calendar: l.calendar,
      zones: l.zones,
      typeZone: l.typeZone,
      targetWaitMinutes: l.targetWaitMinutes,
      to: addDays(l.today, -1),
      fitDays: FIT_DAYS,
      testDays: TEST_DAYS,
      replications: query.replications,
      arrivals: query.arrivals,
      seed: 1,
    });
    const enough = bt !== null && bt.fit.days >= MIN_DAYS;
    return presentCalibration(outletId, fit, l.zones, enough ? bt : null, enough ? null : 'too-few-days');
  }

  /**
   * The fitted inputs for other services (the recommend): the calibration of the last four
   * weeks and a day's engine scenario on the outlet's floor (counters open: the fitted mean of
   * the day's class); null when the history is too thin.
   */
  async fittedInputs(
    outletId: string,
  ): Promise<{ fit: Calibration; scenarioFor: (day: string) => ScenarioInput | null } | null> {
    const l = await this.load(outletId);
    const fit = this.fitOf(l);
    if (fit.days < MIN_DAYS || fit.tickets < MIN_TICKETS) return null;
    return {
      fit,
      scenarioFor: (day) =>
        scenarioForDay(fit, day, {
          calendar: l.calendar,
          zones: l.zones,
          typeZone: l.typeZone,
          targetWaitMinutes: l.targetWaitMinutes,
        }),
    };
  }

  private fitOf(l: Loaded): Calibration {
    return calibrateVisits(l.visits, {
      calendar: l.calendar,
      zoneOf: (t) => l.typeZone[t] ?? t,
      from: addDays(l.today, -FIT_DAYS),
      to: addDays(l.today, -1),
    });
  }

  private async load(outletId: string): Promise<Loaded> {
    const today = beijingDate(this.clock.now());
    const from = addDays(today, -(FIT_DAYS + TEST_DAYS));
    const to = addDays(today, -1);
    const [events, cal, zones, types, settings] = await Promise.all([
      repo.eventsBetween(this.db, outletId, from, to),
      repo.calendarBetween(this.db, addDays(from, -30), addDays(today, 30)),
      repo.zonesOf(this.db, outletId),
      repo.businessTypes(this.db),
      repo.targetWait(this.db, outletId),
    ]);
    const floor = floorMapping(zones, types);
    return {
      visits: visitsFromEvents(events.map(ticketEventOf)),
      calendar: holidayCalendar(cal.map((c) => ({ date: c.day, kind: c.kind as 'holiday' | 'workday' }))),
      zones: floor.zones,
      typeZone: floor.typeZone,
      targetWaitMinutes: settings?.target_wait_minutes ?? DEFAULT_SETTINGS.targetWaitMinutes,
      today,
    };
  }
}

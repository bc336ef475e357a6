import { z } from 'zod';
import { atOutlet } from './lobby-endpoints';

/**
 * Calibration from the outlet's own tickets, and its backtest (docs/calibration.md): the fitted
 * scenario inputs (hours, arrivals per half hour and day type, service per business type,
 * patience as a survival curve, counters open per half hour) and how well they predicted the
 * last week.
 */

export const CalibrationQuery = z.object({
  /** engine replications per test day of the backtest */
  replications: z.coerce.number().int().min(1).max(50).default(10),
  /** the test week's arrivals: what arrived (default) or from the fitted day types (stricter) */
  arrivals: z.enum(['fit', 'observed']).default('observed'),
});

const DayClass = z.enum(['weekday', 'weekend', 'holiday']);
const Measures = z.object({
  tickets: z.number(),
  served: z.number(),
  left: z.number(),
  meanWaitMinutes: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  abandonment: z.number().nullable(),
});
const Errors = z.object({
  meanWait: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  abandonment: z.number().nullable(),
});
const Dist = z.object({ n: z.number().int(), mean: z.number(), median: z.number(), p90: z.number() });

export const CalibrationBacktest = z.object({
  fit: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
  test: z.object({ from: z.string(), to: z.string(), days: z.number().int() }),
  arrivals: z.enum(['fit', 'observed']),
  replications: z.number().int(),
  seed: z.number().int(),
  slots: z.array(
    z.object({ start: z.string(), end: z.string(), actual: Measures, predicted: Measures, error: Errors }),
  ),
  overall: z.object({ actual: Measures, predicted: Measures, error: Errors }),
  goal: z.number(),
  meetsGoal: z.boolean(),
  events: z.number(),
});

const PatienceView = z.object({
  businessType: z.string().nullable(),
  /** abandons (exact), no-shows (patience ≤ the wait), served (patience > the wait) */
  exact: z.number().int(),
  left: z.number().int(),
  right: z.number().int(),
  medianMinutes: z.number().nullable(),
  /** P(patience > grid end): customers more patient than any wait seen */
  tail: z.number(),
  curve: z.array(z.object({ minutes: z.number(), survival: z.number() })),
});

export const Calibration = z.object({
  outletId: z.string(),
  window: z.object({
    from: z.string(),
    to: z.string(),
    days: z.number().int(),
    tickets: z.number().int(),
    visits: z.number().int(),
  }),
  hours: z.array(
    z.object({ dayClass: DayClass, days: z.number().int(), open: z.string(), close: z.string() }),
  ),
  /** half-hour starts of the charts and tables below (the union of the fitted hours) */
  slots: z.array(z.string()),
  businessTypes: z.array(z.string()),
  arrivals: z.array(
    z.object({
      key: z.string(),
      dayClass: DayClass,
      flag: z.enum(['preHoliday', 'pension', 'payday', 'postHoliday']).nullable(),
      days: z.number().int(),
      source: z.enum(['own', 'factor', 'class', 'none']),
      factor: z.record(z.string(), z.number()).nullable(),
      /** business type → arrivals per hour, one per entry of `slots` */
      perType: z.record(z.string(), z.array(z.number())),
    }),
  ),
  service: z.array(
    Dist.extend({
      businessType: z.string(),
      byPeriod: z.array(Dist.extend({ from: z.string(), to: z.string() })),
      tested: z.array(
        z.object({
          from: z.string(),
          to: z.string(),
          n: z.number().int(),
          mean: z.number(),
          ks: z.number(),
          critical: z.number(),
          differs: z.boolean(),
        }),
      ),
    }),
  ),
  patience: z.object({ pooled: PatienceView, byType: z.array(PatienceView) }),
  counters: z.object({
    spellGapMinutes: z.number(),
    zones: z.array(
      z.object({
        zoneId: z.string(),
        zoneName: z.string(),
        counters: z.array(z.string()),
        /** mean counters open, one per entry of `slots` */
        weekday: z.array(z.number()).nullable(),
        weekend: z.array(z.number()).nullable(),
      }),
    ),
  }),
  backtest: CalibrationBacktest.nullable(),
  /** why there is no backtest (too few days before the test week) */
  backtestNote: z.string().nullable(),
});

export type CalibrationQuery = z.input<typeof CalibrationQuery>;
export type Calibration = z.infer<typeof Calibration>;
export type CalibrationBacktest = z.infer<typeof CalibrationBacktest>;

export const lobbyCalibrationApi = {
  lobbyCalibration: atOutlet.get(
    '/lobby/calibration',
    "Scenario inputs fitted on the outlet's last four weeks of tickets, and the backtest of the week before",
    { query: CalibrationQuery, response: Calibration },
  ),
} as const;

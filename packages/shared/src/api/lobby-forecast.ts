import { z } from 'zod';
import { atOutlet } from './lobby-endpoints';

/**
 * The arrivals forecast of an outlet (docs/forecast.md): per day, half hour and business type,
 * with its 80% band, the history it was fitted on, and the rolling-origin backtest of the
 * seasonal-naive baseline and the Poisson regression that chose the model used.
 */

export const LobbyForecastQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(8).default(4),
});

const ForecastModel = z.enum(['seasonalNaive', 'poisson']);
/** mean and the band's low and high counts */
const Band = z.object({ mean: z.number(), low: z.number(), high: z.number() });

export const LobbyForecast = z.object({
  outletId: z.string(),
  weeks: z.number().int(),
  /** the business types in the history, in the order of every `byType` and `counts` array */
  businessTypes: z.array(z.string()),
  history: z.object({
    from: z.string(),
    to: z.string(),
    /** arrivals per day (all types, then per type) */
    days: z.array(z.object({ day: z.string(), total: z.number(), counts: z.array(z.number()) })),
    /** arrivals per half hour with any (slot 0 = 00:00–00:30 Beijing time) */
    slots: z.array(z.object({ day: z.string(), slot: z.number().int(), counts: z.array(z.number()) })),
  }),
  forecast: z.object({
    from: z.string(),
    to: z.string(),
    bandLevel: z.number(),
    /** variance over mean of the used model's backtest errors per level: the bands' widths */
    dispersion: z.object({
      cell: z.number(),
      slotTotal: z.number(),
      dayType: z.number(),
      dayTotal: z.number(),
    }),
    days: z.array(
      z.object({
        day: z.string(),
        dayType: z.object({
          kind: z.enum(['workday', 'weekend', 'holiday', 'makeUp']),
          pension: z.boolean(),
          payday: z.boolean(),
          preHoliday: z.boolean(),
          postHoliday: z.boolean(),
        }),
        total: Band,
        byType: z.array(Band),
      }),
    ),
    /** the half hours with a forecast above zero */
    slots: z.array(z.object({ day: z.string(), slot: z.number().int(), total: Band, byType: z.array(Band) })),
  }),
  backtest: z.object({
    /** the first day forecast by each weekly origin */
    origins: z.array(z.string()),
    horizonWeeks: z.number().int(),
    /** null where undefined (no arrivals in the tested weeks) */
    scores: z.array(
      z.object({
        model: ForecastModel,
        mase: z.number().nullable(),
        wape: z.number().nullable(),
        coverage: z.number(),
      }),
    ),
  }),
  used: ForecastModel,
  /** lowerWape: the regression's backtest WAPE is lower; naiveNotBeaten: it is not */
  reason: z.enum(['lowerWape', 'naiveNotBeaten']),
});
export type LobbyForecastQuery = z.infer<typeof LobbyForecastQuery>;
export type LobbyForecast = z.infer<typeof LobbyForecast>;

export const lobbyForecastApi = {
  lobbyForecast: atOutlet.get(
    '/lobby/forecast',
    'Arrivals forecast per day, half hour and business type, with its band and backtest',
    { query: LobbyForecastQuery, response: LobbyForecast },
  ),
} as const;

import { z } from 'zod';
import { LOBBY_MODES, SLOTS_PER_DAY } from '../lobby';
import { Instant } from './common';
import { atOutlet } from './lobby-endpoints';
import { LobbyView } from './lobby-live';

/**
 * Setting up an outlet's lobby (docs/lobby.md, "Modes", "Recommend", "Backfill rules"): the
 * service-level target, the weekly mode plan and the manual override, the backfill rules, and
 * the engine's recommendation of a mode per half hour.
 */

// ---------------------------------------------------------------- settings
/** The weights of the recommendation's objective (docs/engine.md, "Recommend"); the engine's names. */
export const MODE_OBJECTIVE_KEYS = [
  'waitMinute',
  'abandonment',
  'serviceLevelShortfall',
  'notReceived',
  'notEscorted',
  'pulledMinute',
  'misroute',
] as const;
export type ModeObjectiveKey = (typeof MODE_OBJECTIVE_KEYS)[number];
/** The engine's default weights (DEFAULT_OBJECTIVE in @liangdian/engine; a test keeps them equal). */
export const MODE_OBJECTIVE_DEFAULTS: Readonly<Record<ModeObjectiveKey, number>> = {
  waitMinute: 1,
  abandonment: 30,
  serviceLevelShortfall: 10,
  notReceived: 2,
  notEscorted: 3,
  pulledMinute: 1,
  misroute: 25,
};
const weight = z.number().min(0).max(1000);
/** Every weight, as used by a recommendation. */
export const ModeObjective = z.strictObject(
  Object.fromEntries(MODE_OBJECTIVE_KEYS.map((k) => [k, weight])) as Record<ModeObjectiveKey, typeof weight>,
);
/** An outlet's own weights: any left out take the engine's default. */
export const ModeObjectivePut = ModeObjective.partial();
export type ModeObjective = z.infer<typeof ModeObjective>;
export type ModeObjectivePut = z.infer<typeof ModeObjectivePut>;

/** Days of the month (1–31), each once: the forecast's pension days and paydays. */
export const MonthDays = z
  .array(z.number().int().min(1).max(31))
  .max(31)
  .refine((ds) => new Set(ds).size === ds.length, { message: 'DUPLICATE_DAYS' });
/** The elastic-window prompt's thresholds (弹性窗口, docs/staffing.md). */
export const ElasticThresholds = z.object({
  enabled: z.boolean(),
  /** arrivals of the half hour above the forecast by more than this share (0.3: +30 %) */
  surgeShare: z.number().min(0).max(5),
  /** …and at least this many */
  minArrivals: z.number().int().min(1).max(500),
});
export const LobbySettingsPut = z.object({
  serviceLevelTarget: z.number().min(0.01).max(1),
  targetWaitMinutes: z.number().int().min(1).max(240),
  promptTimeoutSeconds: z.number().int().min(10).max(3600).default(60),
  /** the outlet's weights for "recommend"; null or absent: the defaults */
  modeObjective: ModeObjectivePut.nullable().optional(),
  /** the outlet's month-start pension days (day-of-month numbers; absent: unchanged, default 1–5) */
  pensionDays: MonthDays.optional(),
  /** the outlet's paydays (day-of-month numbers; absent: unchanged, default 10 and 25) */
  paydays: MonthDays.optional(),
  /** the elastic-window prompt's thresholds (absent: unchanged; default on, +30 %, 5 customers) */
  elastic: ElasticThresholds.optional(),
});
export const LobbySettings = LobbySettingsPut.extend({
  outletId: z.string(),
  pensionDays: MonthDays,
  paydays: MonthDays,
  elastic: ElasticThresholds,
});
export type ElasticThresholds = z.infer<typeof ElasticThresholds>;
export type LobbySettingsPut = z.infer<typeof LobbySettingsPut>;
export type LobbySettings = z.infer<typeof LobbySettings>;

// ---------------------------------------------------------------- modes
export const ModePlan = z.object({
  /** Monday first, in Asia/Shanghai time: 48 half-hour slots from 00:00 */
  days: z.array(z.array(z.enum(LOBBY_MODES)).length(SLOTS_PER_DAY)).length(7),
});
export const ModeOverride = z.object({
  /** "plan" ends a manual override and returns to the plan */
  mode: z.enum(['fixed', 'rotating', 'plan']),
  reason: z.string().trim().min(1).max(200),
  until: Instant.optional(),
});
export type ModePlan = z.infer<typeof ModePlan>;
export type ModeOverride = z.infer<typeof ModeOverride>;

// ---------------------------------------------------------------- backfill rules
const Backup = z
  .object({ staffId: z.string().min(1).max(64).optional(), role: z.string().min(1).max(40).optional() })
  .refine((b) => (b.staffId ? 1 : 0) + (b.role ? 1 : 0) === 1, { message: 'ONE_OF_STAFF_OR_ROLE' });
export const BackfillRule = z.object({
  id: z.string().min(1).max(64).optional(),
  postId: z.string().min(1).max(64),
  backups: z.array(Backup).min(1).max(50),
  triggers: z
    .object({
      postEmpty: z.boolean().optional(),
      queueLength: z.number().int().min(1).max(10_000).optional(),
      oldestWaitMinutes: z.number().min(0.5).max(1440).optional(),
    })
    .refine((t) => t.postEmpty || t.queueLength !== undefined || t.oldestWaitMinutes !== undefined, {
      message: 'TRIGGER_REQUIRED',
    }),
  businessTypes: z.array(z.string().min(1).max(60)).max(32).optional(),
});
export const BackfillRules = z.object({ rules: z.array(BackfillRule).max(200) });
export type BackfillBackup = z.infer<typeof Backup>;
export type BackfillRule = z.infer<typeof BackfillRule>;
export type BackfillRules = z.infer<typeof BackfillRules>;

// ---------------------------------------------------------------- recommend
export const ModeRecommendBody = z.object({
  /** Monday = 0 … Sunday = 6; default: today's weekday (Asia/Shanghai) */
  weekday: z.number().int().min(0).max(6).optional(),
  replications: z.number().int().min(1).max(500).default(100),
});
/** One mode's figures in a slot (or the day); null where a share has no customers to divide by. */
export const ModeResult = z.object({
  /** mean wait of the slot's customers (served and abandoned), minutes */
  meanWaitMinutes: z.number().nullable(),
  /** mean wait of the customers who reached a counter */
  servedWaitMinutes: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  abandonRate: z.number().nullable(),
  /** share received at the door on arrival */
  receivedShare: z.number().nullable(),
  /** share escorted one-on-one */
  escortedShare: z.number().nullable(),
  /** staff-minutes pulled from their own post by backfill, mean per replication (per day simulated) */
  pulledMinutes: z.number(),
  /** unreceived customers who took the wrong queue, mean per replication */
  misroutes: z.number(),
  /** misrouted customers sent on to the right zone, mean per replication */
  transfers: z.number(),
  /** customers, mean per replication */
  arrivals: z.number(),
  /** the objective's cost per customer, minute-equivalents (lower is better) */
  score: z.number(),
});
export const ModeRecommendation = z.object({
  outletId: z.string(),
  weekday: z.number().int(),
  /** forecast: the arrivals forecast of `day`; history: the last four weeks on that weekday; default: the default profile */
  source: z.enum(['forecast', 'history', 'default']),
  /** hours, service and patience fitted on the outlet's tickets (else the documented constants) */
  calibrated: z.boolean(),
  /** the date simulated: the next such weekday, today included */
  day: z.string(),
  replications: z.number().int(),
  seed: z.number().int(),
  hours: z.object({ open: z.string(), close: z.string() }),
  /** the weights used; `objectiveSource` says whether they are the outlet's or the defaults */
  objective: ModeObjective,
  objectiveSource: z.enum(['outlet', 'default']),
  slots: z.array(
    z.object({
      start: z.string(),
      end: z.string(),
      arrivalsPerHour: z.number(),
      fixed: ModeResult,
      rotating: ModeResult,
      better: z.enum(LOBBY_MODES),
    }),
  ),
  overall: z.object({ better: z.enum(LOBBY_MODES), fixed: ModeResult, rotating: ModeResult }),
  /** with today's staff and mix, rotating holds up to `arrivalsPerHour` customers an hour */
  crossover: z
    .object({
      arrivalsPerHour: z.number(),
      /** 'none': fixed wins even at 1 an hour; 'beyond': rotating still wins at the heaviest tried */
      bound: z.enum(['none', 'beyond']).nullable(),
      replications: z.number().int(),
    })
    .nullable(),
  /** the week's day as a plan row (48 half hours): the better mode per slot, fixed outside hours */
  suggestedDay: z.array(z.enum(LOBBY_MODES)),
});
export type ModeRecommendBody = z.infer<typeof ModeRecommendBody>;
export type ModeResult = z.infer<typeof ModeResult>;
export type ModeRecommendation = z.infer<typeof ModeRecommendation>;

// ---------------------------------------------------------------- endpoints

export const lobbySetupApi = {
  ...atOutlet.document('LobbySettings', '/lobby/settings', LobbySettingsPut, LobbySettings, [
    'Service-level target',
    'Set the service-level target and prompt time-out',
  ]),
  ...atOutlet.document('ModePlan', '/mode-plan', ModePlan, ModePlan, [
    'Weekly mode plan (7 × 48 half hours)',
    'Replace the mode plan',
  ]),
  overrideMode: atOutlet.post('/lobby/mode', 'Override the mode (or "plan" to return to the plan)', {
    body: ModeOverride,
    response: LobbyView,
  }),
  ...atOutlet.document('BackfillRules', '/backfill-rules', BackfillRules, BackfillRules, [
    'Backfill rules',
    'Replace the backfill rules (ordered)',
  ]),
} as const;

export const lobbyRecommendApi = {
  recommendModes: atOutlet.post(
    '/mode-plan/recommend',
    'Both modes per half hour of a weekday, simulated on the outlet (the user then PUTs a plan)',
    { body: ModeRecommendBody, response: ModeRecommendation },
  ),
} as const;

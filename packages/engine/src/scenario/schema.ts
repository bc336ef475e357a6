/**
 * The scenario format, as a zod schema. docs/scenarios.md explains every field with examples;
 * the bounds below are the documented upper limits (see LIMITS).
 */
import { z } from 'zod';

export const LIMITS = {
  horizonMinutes: 10_000_000,
  slotMinutesMin: 5,
  slotMinutesMax: 240,
  arrivalsPerHour: 6_000,
  businessTypes: 32,
  zones: 32,
  staff: 200,
  zoneCapacity: 500,
  assistPerStaff: 16,
  timeMinutes: 1_440,
  empiricalValues: 1_000_000,
  histogramBins: 100_000,
  /** people on duty at one zone in one slot (a zone's `staffing`) */
  staffingCount: 200,
  /** named staff plus the people a zone's `staffing` puts on duty at its busiest */
  staffOnModel: 2_000,
  /** period overrides of a business type's service or patience */
  periodOverrides: 288,
  lobbyCapacity: 1_000_000,
  defaultLobbyCapacity: 100_000,
  backfillRules: 200,
  backupsPerRule: 50,
  queueLengthTrigger: 10_000,
  replications: 100_000,
  expectedArrivalsPerReplication: 100_000_000,
  drainMinutes: 1_440,
} as const;

const T = LIMITS.timeMinutes;
const id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'letters, digits, "_", "." and "-" only');
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day as "HH:MM" (00:00 to 24:00)');

const positiveMinutes = z.number().positive('must be > 0').max(T, `at most ${T} minutes`);

/**
 * A long list of numbers checked in one pass (an element schema would report every bad value of
 * a million): each must lie in [min, max]; the first few that do not are reported.
 */
function numberList(min: number, max: number, label: string) {
  return z.array(z.number()).superRefine((v, ctx) => {
    let bad = 0;
    for (let i = 0; i < v.length && bad < 5; i++) {
      const x = v[i]!;
      if (!(x >= min && x <= max)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `${label}: must be from ${min} to ${max}` });
        bad++;
      }
    }
  });
}

export const distributionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exponential'), mean: positiveMinutes }),
  z.strictObject({ type: z.literal('deterministic'), value: z.number().min(0, 'must be ≥ 0').max(T) }),
  z.strictObject({ type: z.literal('lognormal'), mean: positiveMinutes, sd: positiveMinutes }),
  z.strictObject({
    type: z.literal('gamma'),
    shape: z.number().min(0.01, 'must be ≥ 0.01').max(1_000, 'at most 1000'),
    scale: positiveMinutes,
  }),
  z.strictObject({
    type: z.literal('empirical'),
    values: numberList(0, T, 'an observed time in minutes')
      .check(z.minLength(1, 'needs at least one observed value'))
      .check(z.maxLength(LIMITS.empiricalValues, `at most ${LIMITS.empiricalValues} values`)),
  }),
  z
    .strictObject({
      type: z.literal('histogram'),
      /** bin edges in minutes, strictly increasing: bin i is [edges[i], edges[i + 1]) */
      edges: numberList(0, T, 'a bin edge in minutes')
        .check(z.minLength(2, 'needs at least two edges (one bin)'))
        .check(z.maxLength(LIMITS.histogramBins + 1, `at most ${LIMITS.histogramBins + 1} edges`)),
      /** observations per bin: one fewer than the edges */
      counts: numberList(0, Number.MAX_SAFE_INTEGER, 'a count').check(
        z.maxLength(LIMITS.histogramBins, `at most ${LIMITS.histogramBins} bins`),
      ),
    })
    .superRefine((h, ctx) => {
      if (h.counts.length !== h.edges.length - 1)
        ctx.addIssue({
          code: 'custom',
          path: ['counts'],
          message: `needs one count per bin: ${h.edges.length - 1} values, found ${h.counts.length}`,
        });
      for (let i = 1; i < h.edges.length; i++)
        if (!(h.edges[i]! > h.edges[i - 1]!)) {
          ctx.addIssue({ code: 'custom', path: ['edges', i], message: 'edges must increase strictly' });
          break;
        }
      let total = 0;
      for (const c of h.counts) total += c;
      if (!(total > 0))
        ctx.addIssue({ code: 'custom', path: ['counts'], message: 'counts must not all be 0' });
    }),
]);

/** A distribution for the customers who arrive from `from` to `to` (slot boundaries). */
const distributionPeriod = z.strictObject({ from: clock, to: clock, distribution: distributionSchema });

const rate = z
  .number()
  .min(0, 'must be ≥ 0')
  .max(LIMITS.arrivalsPerHour, `at most ${LIMITS.arrivalsPerHour} per hour`);

export const businessTypeSchema = z.strictObject({
  id,
  name: z.string().max(200).optional(),
  /** arrivals per hour: one number for the whole day, or one per slot */
  arrivalsPerHour: z.union([rate, z.array(rate).min(1).max(288)]),
  service: distributionSchema,
  patience: distributionSchema.optional(),
  /** service time by period of arrival (slot boundaries, no overlap); other slots use `service` */
  serviceByPeriod: z.array(distributionPeriod).max(LIMITS.periodOverrides).default([]),
  /** patience by period of arrival; other slots use `patience` (none: customers wait forever) */
  patienceByPeriod: z.array(distributionPeriod).max(LIMITS.periodOverrides).default([]),
  /** higher is served first; 0 by default */
  priority: z.number().int().min(0).max(9).default(0),
  targetWaitMinutes: z.number().min(0).max(T).default(10),
});

export const zoneKinds = ['counter', 'superCounter', 'wealthDesk', 'other'] as const;

const staffCount = z
  .number()
  .int('a whole number of people')
  .min(0, 'must be ≥ 0')
  .max(LIMITS.staffingCount, `at most ${LIMITS.staffingCount}`);

/**
 * People on duty at a zone by slot: one count per slot, or a default with periods (slot
 * boundaries, no overlap). The zone is then staffed by this plan, not by named staff.
 */
export const zoneStaffingSchema = z.union([
  z.array(staffCount).min(1).max(288),
  z.strictObject({
    default: staffCount.default(0),
    periods: z
      .array(z.strictObject({ from: clock, to: clock, count: staffCount }))
      .max(288)
      .default([]),
  }),
]);

export const zoneSchema = z.strictObject({
  id,
  name: z.string().max(200).optional(),
  kind: z.enum(zoneKinds),
  capacity: z.number().int().min(1, 'must be ≥ 1').max(LIMITS.zoneCapacity),
  serves: z.array(id).min(1, 'a zone serves at least one business type'),
  /** super-counter only: how many machines one staff member assists at once */
  assistPerStaff: z.number().int().min(1).max(LIMITS.assistPerStaff).optional(),
  /** people on duty per slot (counters open); see zoneStaffingSchema */
  staffing: zoneStaffingSchema.optional(),
});

export const roles = [
  'lobbyManager',
  'customerServiceManager',
  'teller',
  'wealthManager',
  'accountManager',
  'other',
] as const;

const period = z.strictObject({ start: clock, end: clock });

export const staffSchema = z.strictObject({
  id,
  name: z.string().max(200).optional(),
  role: z.enum(roles),
  skills: z.array(id).max(LIMITS.businessTypes),
  /** "welcome" or a zone id */
  home: id,
  /** default: the whole opening day */
  shifts: z.array(period).min(1).max(8).optional(),
  breaks: z.array(period).max(8).default([]),
});

export const modes = ['fixed', 'rotating'] as const;

export const backfillRuleSchema = z.strictObject({
  id: id.optional(),
  /** "welcome" or a zone id */
  post: id,
  /** staff ids or "role:<role>", tried in order */
  backups: z.array(z.string().min(1)).min(1, 'list at least one backup').max(LIMITS.backupsPerRule),
  triggers: z.strictObject({
    postEmpty: z.boolean().optional(),
    queueLength: z.number().int().min(1).max(LIMITS.queueLengthTrigger).optional(),
    oldestWaitMinutes: positiveMinutes.optional(),
  }),
  /** the modes in which the rule acts; both by default */
  modes: z.array(z.enum(modes)).min(1).default(['fixed', 'rotating']),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1).max(200),
  outlet: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
  hours: z.strictObject({ open: clock, close: clock }),
  slotMinutes: z.number().int().min(LIMITS.slotMinutesMin).max(LIMITS.slotMinutesMax).default(30),
  /** default: one opening day (close − open); a longer horizon repeats the day back to back */
  horizonMinutes: z.number().positive().max(LIMITS.horizonMinutes).optional(),
  warmupMinutes: z.number().min(0).max(LIMITS.horizonMinutes).default(0),
  /** at the horizon, stop arrivals and serve everyone still inside (up to drainLimitMinutes) */
  drain: z.boolean().default(false),
  drainLimitMinutes: z.number().min(0).max(LIMITS.drainMinutes).default(240),
  lobbyCapacity: z.number().int().min(1).max(LIMITS.lobbyCapacity).default(LIMITS.defaultLobbyCapacity),
  businessTypes: z.array(businessTypeSchema).min(1).max(LIMITS.businessTypes),
  zones: z.array(zoneSchema).min(1).max(LIMITS.zones),
  /** named staff; may be empty when every zone's people come from its `staffing` plan */
  staff: z.array(staffSchema).max(LIMITS.staff),
  /** the welcome post and the modes' mechanism (docs/engine.md, "Modes: reception, backfill and misroutes") */
  welcome: z
    .strictObject({
      /** fixed: the welcome post's triage of one customer (no walking) */
      triage: distributionSchema,
      /** rotating: the one-on-one reception and escort to the zone (the receiver is away meanwhile) */
      escort: distributionSchema,
      /**
       * rotating: who may receive an arrival while the welcome post's holder is away (补位): staff
       * ids, "role:<role>" or "zone:<zone id>", tried by the shortest own queue; default everyone
       * not homed at the welcome post. Only people between customers, at their own post, come.
       */
      backups: z.array(z.string().min(1)).max(LIMITS.backupsPerRule).optional(),
      /** rotating: minutes a backup spends walking to the door and back, on top of the escort */
      backupWalkMinutes: z.number().min(0).max(60).default(0.5),
      /** rotating: chance that a customer nobody receives takes the wrong queue */
      misrouteProbability: z.number().min(0).max(1).default(0.3),
      /** minutes of the wrong counter's time before a misrouted customer is sent on (转介) */
      transferMinutes: distributionSchema.default({ type: 'lognormal', mean: 2, sd: 1 }),
    })
    .optional(),
  modePlan: z
    .strictObject({
      default: z.enum(modes),
      periods: z.array(z.strictObject({ from: clock, to: clock, mode: z.enum(modes) })).default([]),
    })
    .default({ default: 'fixed', periods: [] }),
  backfill: z.array(backfillRuleSchema).max(LIMITS.backfillRules).default([]),
});

/** A scenario as written (before defaults are applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A parsed scenario with defaults applied. */
export type Scenario = z.output<typeof scenarioSchema>;
export type BusinessType = z.output<typeof businessTypeSchema>;
export type Zone = z.output<typeof zoneSchema>;
export type ZoneStaffing = z.output<typeof zoneStaffingSchema>;
export type Distribution = z.output<typeof distributionSchema>;
export type Staff = z.output<typeof staffSchema>;
export type BackfillRule = z.output<typeof backfillRuleSchema>;
export type Mode = (typeof modes)[number];
export type Role = (typeof roles)[number];

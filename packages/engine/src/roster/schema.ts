/**
 * The roster problem format, version 1, as a zod schema. docs/roster.md explains every field and
 * its default. A problem is one outlet and one week (Monday to Sunday, Beijing dates) on a
 * half-hour grid: who may work which shifts, which posts need how many people per slot, the
 * labour rules and the weights of the soft goals.
 */
import { z } from 'zod';

export const ROSTER_LIMITS = {
  people: 200,
  roles: 20,
  posts: 40,
  shiftStarts: 48,
  shiftLengths: 24,
  requirementRows: 7 * 48 * 40,
  peoplePerSlot: 100,
  preferencesPerPerson: 50,
  unavailablePerPerson: 50,
} as const;

/** The defaults of the labour rules: PRC Labour Law and the State Council's 1995 regulation (shared/domain.md). */
export const DEFAULT_LABOUR_RULES = {
  /** regular hours a day (State Council 1995: 8) */
  maxHoursPerDay: 8,
  /** overtime a day on top of maxHoursPerDay (Labour Law Art. 41: normally 1) */
  maxOvertimeHoursPerDay: 1,
  /** regular hours a week (State Council 1995: 40) */
  maxHoursPerWeek: 40,
  /** overtime a week on top of maxHoursPerWeek (Art. 36 says 44 h a week; Art. 41 caps 36 h a month) */
  maxOvertimeHoursPerWeek: 4,
  /** full days off a week (Art. 38: at least one) */
  minDaysOffPerWeek: 1,
  /** hours between the end of one day's last shift and the start of the next day's first */
  minRestHours: 11,
  /** a shift ending after this time of day is a late shift (fairness) */
  lateShiftEndsAfter: '17:30',
  /** the welcome post and the super-counter are held in every open slot (at least one person) */
  fixedPostsAlwaysHeld: true,
} as const;

/** The weights of the soft goals (the objective, minimised). */
export const DEFAULT_ROSTER_WEIGHTS = {
  /** per person missing at a post for one half hour — by far the most costly */
  underCoverage: 1000,
  /** per person on shift beyond the slot's total requirement for one half hour */
  overCoverage: 2,
  /** per hour of overtime (beyond the contract or the daily regular hours) */
  overtime: 20,
  /** per hour a person works below their contract hours */
  underContract: 8,
  /** per wanted day or shift not given, and per unwanted one given */
  preference: 10,
  /** per shift of spread (most minus fewest) in late, weekend and elastic shifts over four weeks */
  fairness: 30,
} as const;

export interface LabourRules {
  maxHoursPerDay: number;
  maxOvertimeHoursPerDay: number;
  maxHoursPerWeek: number;
  maxOvertimeHoursPerWeek: number;
  minDaysOffPerWeek: number;
  minRestHours: number;
  lateShiftEndsAfter: string;
  fixedPostsAlwaysHeld: boolean;
}
export type RosterWeights = { [K in keyof typeof DEFAULT_ROSTER_WEIGHTS]: number };

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'letters, digits, "_", "." and "-" only');
const text = z.string().min(1, 'must not be empty').max(100, 'at most 100 characters');
export const clockSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day as "HH:MM" (00:00 to 24:00)');
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as "YYYY-MM-DD"');
const hours = z.number().min(0, 'must be ≥ 0').max(24, 'at most 24 hours');

/** "early" (starts at the day's opening), "late" (ends after rules.lateShiftEndsAfter), or an exact "HH:MM-HH:MM". */
export const shiftPatternSchema = z
  .string()
  .regex(
    /^(early|late|([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00))$/,
    '"early", "late" or "HH:MM-HH:MM"',
  );

const dayPreference = z.object({
  date: dateSchema.optional(),
  /** 1 = Monday … 7 = Sunday */
  weekday: z.number().int().min(1, '1 (Monday) to 7 (Sunday)').max(7, '1 (Monday) to 7 (Sunday)').optional(),
  shift: shiftPatternSchema.optional(),
});

export const rosterDaySchema = z.union([
  z.object({ date: dateSchema, closed: z.literal(true) }).strict(),
  z.object({ date: dateSchema, open: clockSchema, close: clockSchema }).strict(),
]);

export const rosterRoleSchema = z
  .object({
    id,
    name: text.optional(),
    shiftStarts: z.array(clockSchema).min(1, 'at least one start time').max(ROSTER_LIMITS.shiftStarts),
    shiftLengthsHours: z
      .array(z.number().positive('must be > 0').max(16, 'at most 16 hours'))
      .min(1, 'at least one shift length')
      .max(ROSTER_LIMITS.shiftLengths),
    mealBreak: z
      .object({
        afterHours: hours.default(6),
        minutes: z.number().int().positive('must be > 0').max(180, 'at most 180 minutes'),
        window: z.tuple([clockSchema, clockSchema]),
      })
      .strict()
      .optional(),
    splitShiftsAllowed: z.boolean().default(false),
  })
  .strict();

export const rosterPostSchema = z
  .object({
    id,
    kind: z.enum(['welcome', 'super-counter', 'zone']),
    name: text,
    skill: id.optional(),
    /** the skill as people call it, per language (conflicts say it; else the skill's id) */
    skillName: z
      .object({ 'zh-CN': z.string().max(60).optional(), 'en-US': z.string().max(60).optional() })
      .strict()
      .optional(),
  })
  .strict();

export const rosterPersonSchema = z
  .object({
    id,
    name: text,
    role: id,
    skills: z.array(id).max(40),
    elastic: z.boolean().default(false),
    contractHoursPerWeek: hours.max(80, 'at most 80 hours').optional(),
    unavailable: z
      .array(
        z.object({ date: dateSchema, from: clockSchema.optional(), to: clockSchema.optional() }).strict(),
      )
      .max(ROSTER_LIMITS.unavailablePerPerson)
      .default([]),
    wants: z.array(dayPreference.strict()).max(ROSTER_LIMITS.preferencesPerPerson).default([]),
    avoids: z.array(dayPreference.strict()).max(ROSTER_LIMITS.preferencesPerPerson).default([]),
    history: z
      .object({
        lateShifts: z.number().int().min(0).max(200),
        weekendShifts: z.number().int().min(0).max(200),
        elasticShifts: z.number().int().min(0).max(200),
      })
      .strict()
      .default({ lateShifts: 0, weekendShifts: 0, elasticShifts: 0 }),
  })
  .strict();

export const rosterRequirementSchema = z
  .object({
    date: dateSchema,
    start: clockSchema,
    post: id,
    people: z.number().int('a whole number of people').min(0, 'must be ≥ 0').max(ROSTER_LIMITS.peoplePerSlot),
  })
  .strict();

export const labourRulesSchema = z
  .object({
    maxHoursPerDay: z.number().positive('must be > 0').max(24),
    maxOvertimeHoursPerDay: z.number().min(0).max(12),
    maxHoursPerWeek: z.number().positive('must be > 0').max(84),
    maxOvertimeHoursPerWeek: z.number().min(0).max(40),
    minDaysOffPerWeek: z.number().int().min(0).max(6),
    minRestHours: z.number().min(0).max(24),
    lateShiftEndsAfter: clockSchema,
    fixedPostsAlwaysHeld: z.boolean(),
  })
  .strict()
  .partial();

export const rosterWeightsSchema = z
  .object({
    underCoverage: z.number().min(0).max(1e6),
    overCoverage: z.number().min(0).max(1e6),
    overtime: z.number().min(0).max(1e6),
    underContract: z.number().min(0).max(1e6),
    preference: z.number().min(0).max(1e6),
    fairness: z.number().min(0).max(1e6),
  })
  .strict()
  .partial();

export const rosterProblemSchema = z
  .object({
    version: z.literal(1),
    outlet: z.object({ code: z.string().min(1).max(64), name: text }).strict(),
    weekStart: dateSchema,
    slotMinutes: z.literal(30).default(30),
    days: z.array(rosterDaySchema).length(7, 'one entry per day, Monday to Sunday (7)'),
    roles: z.array(rosterRoleSchema).min(1, 'at least one role').max(ROSTER_LIMITS.roles),
    posts: z.array(rosterPostSchema).min(1, 'at least one post').max(ROSTER_LIMITS.posts),
    people: z.array(rosterPersonSchema).max(ROSTER_LIMITS.people),
    requirement: z.array(rosterRequirementSchema).max(ROSTER_LIMITS.requirementRows),
    rules: labourRulesSchema.default({}),
    weights: rosterWeightsSchema.default({}),
  })
  .strict();

/** A problem as written (defaults may be missing). */
export type RosterProblemInput = z.input<typeof rosterProblemSchema>;
/** A problem after parsing: defaults filled in (rules and weights are still partial; see resolved*). */
export type RosterProblem = z.output<typeof rosterProblemSchema>;
export type RosterDay = z.output<typeof rosterDaySchema>;
export type RosterRole = z.output<typeof rosterRoleSchema>;
export type RosterPost = z.output<typeof rosterPostSchema>;
export type RosterPerson = z.output<typeof rosterPersonSchema>;
export type RosterRequirement = z.output<typeof rosterRequirementSchema>;
export type DayPreference = z.output<typeof dayPreference>;
export type PostKind = RosterPost['kind'];

export function resolvedRules(p: Pick<RosterProblem, 'rules'>): LabourRules {
  return { ...DEFAULT_LABOUR_RULES, ...p.rules };
}

export function resolvedWeights(p: Pick<RosterProblem, 'weights'>): RosterWeights {
  return { ...DEFAULT_ROSTER_WEIGHTS, ...p.weights };
}

export function isOpenDay(d: RosterDay): d is { date: string; open: string; close: string } {
  return !('closed' in d);
}

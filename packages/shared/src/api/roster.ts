import { z } from 'zod';
import { STAFF_ROLES } from '../org';
import { Id, itemsOf, OutletParams, PageQuery } from './common';
import { endpoints } from './endpoint';
import { Day, outletRef, staffRef, text } from './fields';

/**
 * Rosters (弹性排班, docs/rosters-app.md): the labour and shift rules of a branch or an outlet,
 * staff leave and unavailability, preferences and elastic windows, and the weekly roster of an
 * outlet — solved (HiGHS, asynchronously), edited shift by shift against the rules, published in
 * versions, exported in the people × days layout branches print — and each person's own shifts.
 */

// ---------------------------------------------------------------- fields
/** `HH:MM` on the half-hour grid. */
export const HalfHour = z.string().regex(/^([01]\d|2[0-3]):(00|30)$|^24:00$/, 'HH:MM on the half hour');
/** Where a shift is worked: the two fixed posts or a zone kind (cash, non_cash, wealth …). */
export const RosterPost = z.string().regex(/^[a-z_]{2,40}$/);
export const ROSTER_STATUSES = ['draft', 'published', 'superseded'] as const;
export const SOLVER_STATUSES = ['optimal', 'feasible', 'time_limit', 'infeasible', 'manual'] as const;
export const LEAVE_KINDS = ['leave', 'unavailable'] as const;
export const PREFERENCE_KINDS = ['wanted', 'unwanted'] as const;

// ---------------------------------------------------------------- rules
/**
 * Labour rules; defaults from domain.md "Working time" (PRC Labour Law, State Council rules), the
 * names of the engine's problem format (docs/roster.md).
 */
export const LabourRules = z
  .object({
    maxHoursPerDay: z.number().min(1).max(16).default(8),
    /** overtime a day on top of maxHoursPerDay (Art. 41: normally 1) */
    maxOvertimeHoursPerDay: z.number().min(0).max(8).default(1),
    maxHoursPerWeek: z.number().min(1).max(80).default(40),
    /** overtime a week on top of maxHoursPerWeek (36 h a month ≈ 4 h a week cap in a roster week) */
    maxOvertimeHoursPerWeek: z.number().min(0).max(40).default(4),
    /** full days off in the week (Art. 38: at least one) */
    minDaysOffPerWeek: z.number().int().min(0).max(6).default(1),
    /** between the end of one day's work and the next day's start */
    minRestHours: z.number().min(0).max(24).default(11),
    /** a shift ending after this is a late shift (fairness) */
    lateShiftEndsAfter: HalfHour.default('17:30'),
  })
  .strict();
/** The shifts a role may work. */
export const ShiftRule = z
  .object({
    role: z.enum(STAFF_ROLES),
    shiftStarts: z.array(HalfHour).min(1).max(48),
    shiftLengthsHours: z.array(z.number().min(1).max(12).multipleOf(0.5)).min(1).max(12),
    /** a meal break inside `window` for shifts longer than `afterHours` */
    mealBreak: z
      .object({
        afterHours: z.number().min(0).max(12),
        minutes: z.number().int().min(0).max(120).multipleOf(30),
        window: z.tuple([HalfHour, HalfHour]),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
/** Soft goals' weights, shown to the user: under-coverage is by far the most costly. */
export const RosterWeights = z
  .object({
    underCoverage: z.number().min(0).max(1e6).default(1000),
    overCoverage: z.number().min(0).max(1e6).default(2),
    overtime: z.number().min(0).max(1e6).default(20),
    underContract: z.number().min(0).max(1e6).default(8),
    preference: z.number().min(0).max(1e6).default(10),
    fairness: z.number().min(0).max(1e6).default(30),
  })
  .strict();
/** The opening hours of a weekday (0 = Monday), or closed. */
export const OpeningDay = z
  .object({ weekday: z.number().int().min(0).max(6), open: HalfHour, close: HalfHour, closed: z.boolean() })
  .strict();
export const RosterRules = z
  .object({
    labour: LabourRules.default(LabourRules.parse({})),
    shifts: z.array(ShiftRule).max(STAFF_ROLES.length),
    splitShiftsAllowed: z.boolean().default(false),
    hours: z.array(OpeningDay).length(7),
    weights: RosterWeights.default(RosterWeights.parse({})),
  })
  .strict();
export const RosterRulesView = z.object({
  /** whose rules these are: the outlet's own, its branch's, or the defaults */
  source: z.enum(['outlet', 'branch', 'default']),
  rules: RosterRules,
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** the defaults (domain.md "Working time"), what "restore defaults" puts back */
  defaults: RosterRules,
});
export type LabourRules = z.infer<typeof LabourRules>;
export type ShiftRule = z.infer<typeof ShiftRule>;
export type RosterWeights = z.infer<typeof RosterWeights>;
export type RosterRules = z.infer<typeof RosterRules>;
export type RosterRulesInput = z.input<typeof RosterRules>;
export type RosterRulesView = z.infer<typeof RosterRulesView>;

// ---------------------------------------------------------------- leave, preferences, elastic
export const StaffLeave = z.object({
  id: z.string(),
  ...outletRef,
  ...staffRef,
  kind: z.enum(LEAVE_KINDS),
  fromDay: z.string(),
  toDay: z.string(),
  fromTime: z.string().nullable(),
  toTime: z.string().nullable(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const LeaveCreate = z
  .object({
    staffId: Id,
    kind: z.enum(LEAVE_KINDS),
    fromDay: Day,
    toDay: Day,
    fromTime: HalfHour.nullable().default(null),
    toTime: HalfHour.nullable().default(null),
    note: text(500).default(''),
  })
  .strict();
export const LeaveListQuery = PageQuery.extend({
  staffId: Id.optional(),
  from: Day.optional(),
  to: Day.optional(),
});
export const StaffPreference = z.object({
  id: z.string(),
  ...outletRef,
  ...staffRef,
  kind: z.enum(PREFERENCE_KINDS),
  weekday: z.number().int().nullable(),
  fromTime: z.string().nullable(),
  toTime: z.string().nullable(),
  weight: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const PreferenceCreate = z
  .object({
    staffId: Id,
    kind: z.enum(PREFERENCE_KINDS),
    weekday: z.number().int().min(0).max(6).nullable().default(null),
    fromTime: HalfHour.nullable().default(null),
    toTime: HalfHour.nullable().default(null),
    weight: z.number().int().min(1).max(10).default(1),
  })
  .strict();
export const PreferenceListQuery = PageQuery.extend({ staffId: Id.optional() });
export const StaffElastic = z.object({
  ...staffRef,
  roles: z.array(z.string()),
  skills: z.array(z.string()),
  elastic: z.boolean(),
  windowFrom: z.string().nullable(),
  windowTo: z.string().nullable(),
  maxWeeklyHours: z.number().nullable(),
});
export const ElasticPut = z
  .object({
    elastic: z.boolean(),
    windowFrom: HalfHour.nullable().default(null),
    windowTo: HalfHour.nullable().default(null),
    maxWeeklyHours: z.number().min(1).max(60).nullable().default(null),
  })
  .strict();
export type StaffLeave = z.infer<typeof StaffLeave>;
export type LeaveCreate = z.infer<typeof LeaveCreate>;
export type LeaveListQuery = z.infer<typeof LeaveListQuery>;
export type StaffPreference = z.infer<typeof StaffPreference>;
export type PreferenceCreate = z.infer<typeof PreferenceCreate>;
export type PreferenceListQuery = z.infer<typeof PreferenceListQuery>;
export type StaffElastic = z.infer<typeof StaffElastic>;
export type ElasticPut = z.infer<typeof ElasticPut>;

// ---------------------------------------------------------------- rosters
export const RosterShift = z.object({
  id: z.string(),
  staffId: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  /** the main post (held longest) */
  post: z.string(),
  /** the posts held by period (one period when the whole shift is at `post`) */
  periods: z.array(z.object({ from: z.string(), to: z.string(), post: z.string() })),
  breakStart: z.string().nullable(),
  breakEnd: z.string().nullable(),
});
const Words = { zh: z.string(), en: z.string() };
export const RosterCoverage = z.object({
  day: z.string(),
  start: z.string(),
  post: z.string(),
  required: z.number(),
  scheduled: z.number(),
});
export const RosterServiceLevelDay = z.object({
  day: z.string(),
  level: z.number().nullable(),
  target: z.number().nullable(),
  /** the roster's posts: a zone kind, `super_counter`, `welcome` (the door: share received within 1 min) */
  posts: z.array(
    z.object({
      post: z.string(),
      level: z.number().nullable(),
      slots: z.array(z.object({ start: z.string(), level: z.number().nullable() })),
    }),
  ),
});
export const RosterViolation = z.object({
  rule: z.string(),
  staffId: z.string().nullable(),
  day: z.string().nullable(),
  ...Words,
});
export const Roster = z.object({
  id: z.string(),
  ...outletRef,
  week: z.string(),
  version: z.number().int(),
  status: z.enum(ROSTER_STATUSES),
  solverStatus: z.enum(SOLVER_STATUSES),
  objective: z.number().nullable(),
  bound: z.number().nullable(),
  /** relative gap to the bound (0 = optimal); null when unknown */
  gap: z.number().nullable(),
  /** where the requirement came from */
  requirementSource: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  staff: z.array(
    z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()), skills: z.array(z.string()) }),
  ),
  shifts: z.array(RosterShift),
  coverage: z.array(RosterCoverage),
  /**
   * the service level the engine predicts per day with the scheduled people (docs/rosters-app.md):
   * the whole day simulated per zone with the requirement's scenario; `level` over every zone
   * (null without a forecast or without customers), `target` the outlet's, per post per half hour
   */
  serviceLevel: z.array(RosterServiceLevelDay),
  violations: z.array(RosterViolation),
  conflicts: z.array(z.object(Words)),
  weights: RosterWeights,
});
export const RosterVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(ROSTER_STATUSES),
  solverStatus: z.enum(SOLVER_STATUSES),
  gap: z.number().nullable(),
  shifts: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export const RosterWeek = z.object({
  outletId: z.string(),
  week: z.string(),
  /** the newest version, null when the week has none yet */
  current: Roster.nullable(),
  publishedVersion: z.number().int().nullable(),
});
export const SolveBody = z
  .object({
    timeLimitSeconds: z.number().min(1).max(600).default(20),
    gap: z.number().min(0).max(0.5).default(0.01),
  })
  .strict();
export const SolveRun = z.object({
  runId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 0…1, as the solver reports it */
  progress: z.number(),
  elapsedSeconds: z.number(),
  solverStatus: z.enum(SOLVER_STATUSES).nullable(),
  objective: z.number().nullable(),
  bound: z.number().nullable(),
  gap: z.number().nullable(),
  /** the draft the result was saved as */
  rosterId: z.string().nullable(),
  version: z.number().int().nullable(),
  error: z.string().nullable(),
});
export const ShiftPut = z
  .object({
    staffId: Id,
    day: Day,
    /** null: the person is off that day */
    shift: z
      .object({
        start: HalfHour,
        end: HalfHour,
        post: RosterPost,
        breakStart: HalfHour.nullable().default(null),
        breakEnd: HalfHour.nullable().default(null),
      })
      .strict()
      .nullable(),
    /** a drag: the shift moves from this person and day (cleared there) */
    from: z.object({ staffId: Id, day: Day }).strict().optional(),
  })
  .strict();
export const MyShift = z.object({
  ...outletRef,
  week: z.string(),
  version: z.number().int(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  post: z.string(),
  breakStart: z.string().nullable(),
  breakEnd: z.string().nullable(),
});
export const MyShiftsQuery = z.object({
  from: Day.optional(),
  days: z.coerce.number().int().min(1).max(62).default(14),
});
export type RosterShift = z.infer<typeof RosterShift>;
export type RosterCoverage = z.infer<typeof RosterCoverage>;
export type RosterServiceLevelDay = z.infer<typeof RosterServiceLevelDay>;
export type RosterViolation = z.infer<typeof RosterViolation>;
export type Roster = z.infer<typeof Roster>;
export type RosterVersion = z.infer<typeof RosterVersion>;
export type RosterWeek = z.infer<typeof RosterWeek>;
export type SolveBody = z.infer<typeof SolveBody>;
export type SolveRun = z.infer<typeof SolveRun>;
export type ShiftPut = z.infer<typeof ShiftPut>;
export type MyShift = z.infer<typeof MyShift>;

// ---------------------------------------------------------------- endpoints
const e = endpoints(['roster']);
const outlet = e.at('/outlets/:outletId', OutletParams);
const WeekParams = OutletParams.extend({ week: Day });
const week = e.at('/outlets/:outletId/rosters/:week', WeekParams);
const RunParams = WeekParams.extend({ runId: Id });
const RecordOfOutlet = OutletParams.extend({ id: Id });

export const rosterApi = {
  // ---- rules (排班规则)
  getBranchRosterRules: e.get('/roster-rules', 'The branch’s default roster rules', {
    response: RosterRulesView,
  }),
  putBranchRosterRules: e.put('/roster-rules', 'Set the branch’s default roster rules', {
    body: RosterRules,
    response: RosterRulesView,
  }),
  getRosterRules: outlet.get(
    '/roster-rules',
    'The outlet’s roster rules (its own, else its branch’s, else the defaults)',
    {
      response: RosterRulesView,
    },
  ),
  putRosterRules: outlet.put('/roster-rules', 'Set the outlet’s own roster rules', {
    body: RosterRules,
    response: RosterRulesView,
  }),
  // ---- leave and unavailability (请假与不可用)
  listLeave: outlet.pagedList('/staff-leave', 'Leave and unavailability, newest first', StaffLeave, {
    query: LeaveListQuery,
  }),
  createLeave: outlet.create('/staff-leave', 'Record leave or unavailability', {
    body: LeaveCreate,
    response: StaffLeave,
  }),
  updateLeave: e.put('/outlets/:outletId/staff-leave/:id', 'Change a leave record', {
    params: RecordOfOutlet,
    body: LeaveCreate,
    response: StaffLeave,
  }),
  deleteLeave: e.delete('/outlets/:outletId/staff-leave/:id', 'Remove a leave record', {
    params: RecordOfOutlet,
    status: 204,
  }),
  // ---- preferences and elastic staff (意愿与弹性)
  listPreferences: outlet.pagedList(
    '/staff-preferences',
    'Wanted and unwanted days and shifts',
    StaffPreference,
    {
      query: PreferenceListQuery,
    },
  ),
  createPreference: outlet.create('/staff-preferences', 'Record a preference', {
    body: PreferenceCreate,
    response: StaffPreference,
  }),
  deletePreference: e.delete('/outlets/:outletId/staff-preferences/:id', 'Remove a preference', {
    params: RecordOfOutlet,
    status: 204,
  }),
  listElastic: outlet.get('/staff-elastic', 'Every active staff member with their elastic flag and window', {
    response: itemsOf(StaffElastic),
  }),
  putElastic: e.put(
    '/outlets/:outletId/staff-elastic/:staffId',
    'Set a staff member’s elastic flag and window',
    {
      params: OutletParams.extend({ staffId: Id }),
      body: ElasticPut,
      response: StaffElastic,
    },
  ),
  // ---- the week's roster (周排班)
  getRosterWeek: week.get('', 'The week’s newest roster version (null when none)', { response: RosterWeek }),
  rosterVersions: week.get('/versions', 'Every version of the week’s roster, newest first', {
    response: itemsOf(RosterVersion),
  }),
  rosterVersion: e.get(
    '/outlets/:outletId/rosters/:week/versions/:version',
    'One version of the week’s roster',
    {
      params: WeekParams.extend({ version: z.coerce.number().int().min(1) }),
      response: Roster,
    },
  ),
  solveRoster: week.post(
    '/solve',
    'Start solving the week (HiGHS): answers the run; the result is saved as a draft',
    {
      body: SolveBody,
      response: SolveRun,
      status: 201,
    },
  ),
  solveRun: e.get('/outlets/:outletId/rosters/:week/solve/:runId', 'A solve’s progress, status and gap', {
    params: RunParams,
    response: SolveRun,
  }),
  cancelSolve: e.delete('/outlets/:outletId/rosters/:week/solve/:runId', 'Cancel a running solve', {
    params: RunParams,
    response: SolveRun,
  }),
  putShift: week.put(
    '/shifts',
    'Set (or clear, or move) one person’s shift of one day, checked against the rules',
    {
      body: ShiftPut,
      response: Roster,
    },
  ),
  publishRoster: week.post('/publish', 'Publish the newest version', { response: Roster }),
  exportRoster: week.get('/export.xlsx', 'The newest version as .xlsx, people × days as branches print it', {
    produces: 'xlsx',
  }),
  // ---- my shifts
  myShifts: e.get('/roster/my-shifts', 'The signed-in staff member’s published shifts', {
    query: MyShiftsQuery,
    response: itemsOf(MyShift),
  }),
} as const;
export type SolverStatus = (typeof SOLVER_STATUSES)[number];

import { z } from 'zod';
import { endpoints } from './builder';
import { IsoDay, OutletParams } from './common';

/**
 * Staffing (docs/staffing.md): the people each half hour needs — per zone and the two fixed posts
 * (迎宾位, 超柜位), by Erlang (the fast path) and by simulating the whole day (queues carry over),
 * both kept, with where and why they differ.
 */

const validDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
};

export const StaffingRequirementQuery = z.object({
  /** the first day, `YYYY-MM-DD` (Beijing) */
  from: IsoDay.refine(validDay, 'not a calendar date'),
  /** how many days from `from` (1–14); 7 by default */
  days: z.coerce.number().int().min(1).max(14).default(7),
});

export const REQUIREMENT_REASONS = [
  'carryOver',
  'variability',
  'transient',
  'capacity',
  'fixedMode',
  'fixedPost',
] as const;
export const RequirementReason = z.enum(REQUIREMENT_REASONS);

export const RequirementCell = z.object({
  /** Erlang's fewest people; null when no count up to the zone's capacity meets the target */
  erlang: z.number().int().nullable(),
  /** the fewest by the whole-day simulation */
  simulated: z.number().int(),
  differs: z.boolean(),
  reason: RequirementReason.nullable(),
  erlangServiceLevel: z.number().nullable(),
  simulatedServiceLevel: z.number().nullable(),
  arrivalsPerHour: z.number(),
  offeredLoad: z.number(),
});

export const RequirementSlot = z.object({
  /** half hour of the day, 0 = 00:00–00:30 Beijing time */
  slot: z.number().int(),
  start: z.string(),
  end: z.string(),
  mode: z.enum(['fixed', 'rotating']),
  zones: z.array(RequirementCell.extend({ zoneId: z.string() })),
  /** 迎宾位 */
  welcome: RequirementCell,
  /** 超柜位 (null when the outlet has no super-counter zone) */
  superCounter: RequirementCell.nullable(),
  total: z.object({ erlang: z.number().int().nullable(), simulated: z.number().int() }),
});

export const RequirementDay = z.object({
  day: IsoDay,
  /** 0 = Monday */
  weekday: z.number().int(),
  /** where the arrivals come from: the forecast, the last four weeks of tickets, or the default profile */
  source: z.enum(['forecast', 'history', 'default']),
  /** service and patience calibrated on the outlet's tickets (else the defaults) */
  calibrated: z.boolean(),
  hours: z.object({ open: z.string(), close: z.string() }),
  /** the simulated counts meet the target in every slot with arrivals */
  met: z.boolean(),
  /** slots where Erlang and the simulation differ */
  differences: z.number().int(),
  simulations: z.number().int(),
  slots: z.array(RequirementSlot),
});

export const StaffingRequirement = z.object({
  outletId: z.string(),
  from: IsoDay,
  to: IsoDay,
  /** share of customers served within the target wait */
  serviceLevelTarget: z.number(),
  targetWaitMinutes: z.number(),
  replications: z.number().int(),
  seed: z.number().int(),
  /** the zones of `slots[].zones`, in that order (the super-counter zone is the post 超柜位) */
  /** `skills`: the business types the zone serves (who may staff it) */
  zones: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.string(), skills: z.array(z.string()) }),
  ),
  superCounterZone: z.object({ id: z.string(), name: z.string(), skills: z.array(z.string()) }).nullable(),
  days: z.array(RequirementDay),
});

export type StaffingRequirementQuery = z.infer<typeof StaffingRequirementQuery>;
export type RequirementCell = z.infer<typeof RequirementCell>;
export type RequirementSlot = z.infer<typeof RequirementSlot>;
export type RequirementDay = z.infer<typeof RequirementDay>;
export type StaffingRequirement = z.infer<typeof StaffingRequirement>;

const atOutlet = endpoints(['staffing']).at('/outlets/:outletId', OutletParams);

export const staffingApi = {
  // the .xlsx: one row per day, half hour and zone or post
  staffingRequirement: atOutlet.get(
    '/staffing/requirement',
    'People per half hour for each zone and the two fixed posts: Erlang and the whole-day simulation',
    { query: StaffingRequirementQuery, response: StaffingRequirement, exportable: true },
  ),
} as const;

import type {
  MyShift,
  Roster,
  RosterShift,
  RosterVersion,
  StaffElastic,
  StaffLeave,
  StaffPreference,
} from '@liangdian/shared/api';
import type * as repo from './roster.repository';
import type { RosterSummary } from './roster.problem';
import { presentServiceLevel } from './roster.service-level';

/** Rows of roster tables turned into the API's shapes, in one place. */

export const presentLeave = (r: repo.LeaveRow & { staff_name: string }, outletName: string): StaffLeave => ({
  id: r.id,
  outletId: r.outlet_id,
  outletName,
  staffId: r.staff_id,
  staffName: r.staff_name,
  kind: r.kind as StaffLeave['kind'],
  fromDay: r.from_day,
  toDay: r.to_day,
  fromTime: r.from_time,
  toTime: r.to_time,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export const presentPreference = (
  r: repo.PreferenceRow & { staff_name: string },
  outletName: string,
): StaffPreference => ({
  id: r.id,
  outletId: r.outlet_id,
  outletName,
  staffId: r.staff_id,
  staffName: r.staff_name,
  kind: r.kind as StaffPreference['kind'],
  weekday: r.weekday,
  fromTime: r.from_time,
  toTime: r.to_time,
  weight: r.weight,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export const presentElastic = (
  s: { id: string; name: string; roles: string; skills: string },
  f: repo.ElasticRow | undefined,
): StaffElastic => ({
  staffId: s.id,
  staffName: s.name,
  roles: JSON.parse(s.roles) as string[],
  skills: JSON.parse(s.skills) as string[],
  elastic: f?.elastic === 1,
  windowFrom: f?.window_from ?? null,
  windowTo: f?.window_to ?? null,
  maxWeeklyHours: f?.max_weekly_minutes == null ? null : f.max_weekly_minutes / 60,
});

const num = (v: string | null) => (v === null ? null : Number(v));

export const presentShift = (s: repo.ShiftRow): RosterShift => ({
  id: s.id,
  staffId: s.staff_id,
  day: s.day,
  start: s.start_time,
  end: s.end_time,
  post: s.post,
  periods: s.posts_json
    ? (JSON.parse(s.posts_json) as RosterShift['periods'])
    : [{ from: s.start_time, to: s.end_time, post: s.post }],
  breakStart: s.break_start,
  breakEnd: s.break_end,
});

export function presentRoster(
  r: repo.RosterRow,
  outletName: string,
  staff: { id: string; name: string; roles: string; skills: string }[],
  shifts: repo.ShiftRow[],
): Roster {
  const summary = JSON.parse(r.summary_json) as RosterSummary;
  return {
    id: r.id,
    outletId: r.outlet_id,
    outletName,
    week: r.week_start,
    version: r.version,
    status: r.status as Roster['status'],
    solverStatus: r.solver_status as Roster['solverStatus'],
    objective: num(r.objective),
    bound: num(r.bound),
    gap: num(r.gap),
    requirementSource: summary.requirementSource,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    staff: staff.map((s) => ({
      id: s.id,
      name: s.name,
      roles: JSON.parse(s.roles) as string[],
      skills: JSON.parse(s.skills) as string[],
    })),
    shifts: shifts.map(presentShift),
    coverage: summary.coverage,
    serviceLevel: presentServiceLevel(summary.serviceLevel),
    violations: summary.violations,
    conflicts: summary.conflicts,
    weights: summary.weights,
  };
}

export const presentVersion = (r: repo.RosterRow, shifts: number): RosterVersion => ({
  id: r.id,
  version: r.version,
  status: r.status as RosterVersion['status'],
  solverStatus: r.solver_status as RosterVersion['solverStatus'],
  gap: num(r.gap),
  shifts,
  createdBy: r.created_by,
  createdAt: r.created_at,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
});

export const presentMyShift = (r: Awaited<ReturnType<typeof repo.publishedShiftsOf>>[number]): MyShift => ({
  outletId: r.outlet_id,
  outletName: r.outlet_name,
  week: r.week_start,
  version: r.version,
  day: r.day,
  start: r.start_time,
  end: r.end_time,
  post: r.post,
  breakStart: r.break_start,
  breakEnd: r.break_end,
});

import type { RosterPost as EnginePost, RosterProblemInput, RosterRequirement } from '@liangdian/engine';
import type {
  RosterCoverage,
  RosterRules,
  RosterServiceLevelDay,
  RosterViolation,
  RosterWeights,
} from '@liangdian/shared/api';
import type { Q } from '../../db/types';
import { addDays } from '@liangdian/engine/time';
import { DEFAULT_RULES, hhmmOf, minutesOf, weekdayOf } from './roster.defaults';
import * as repo from './roster.repository';
import type { ServiceLevelModel } from './roster.service-level';

/**
 * The roster problem of an outlet's week (the engine's format, docs/roster.md) built from the
 * database: the rules (roster-rules.service.ts), the active posts, the active staff with their
 * skills, leave, preferences and elastic windows, their late, weekend and elastic shifts of the
 * four published weeks before, and the requirement per half hour.
 */

/** The people each post needs per half hour: helper B's requirement, or a fallback. */
export interface RequirementRows {
  /** where the numbers come from (forecast, the fixed posts only …) */
  source: string;
  rows: RosterRequirement[];
  /** the requirement's simulation input per day, to predict a roster's service level */
  serviceLevelModel?: ServiceLevelModel;
}
export type RequirementSource = (outletId: string, week: string) => Promise<RequirementRows | null>;

/** What a saved roster keeps besides its shifts (rosters.summary_json). */
export interface RosterSummary {
  requirementSource: string;
  /** the problem it was solved (and is checked) on */
  problem: RosterProblemInput;
  /** predicted by roster.service-level.ts (older rosters: `{day, level}` only) */
  serviceLevel: RosterServiceLevelDay[];
  /** what the prediction simulates; absent without a forecast */
  serviceLevelModel?: ServiceLevelModel;
  violations: RosterViolation[];
  conflicts: { zh: string; en: string }[];
  weights: RosterWeights;
  coverage: RosterCoverage[];
}

/** Posts of the problem: 迎宾位, 超柜位 and one per staffed zone kind (skill = the zone's business type). */
export function problemPosts(
  posts: Awaited<ReturnType<typeof repo.activePosts>>,
  types: Awaited<ReturnType<typeof repo.businessTypeNames>> = [],
): EnginePost[] {
  // a skill is a zone kind; people call it by the business types served there
  const names = (kind: string) => {
    const of = types.filter((t) => t.default_zone_kind === kind);
    return of.length
      ? {
          skillName: {
            'zh-CN': of.map((t) => t.name_zh).join('、'),
            'en-US': of.map((t) => t.name_en).join(', '),
          },
        }
      : {};
  };
  const out: EnginePost[] = [];
  const seen = new Set<string>();
  for (const p of posts) {
    const id = p.kind === 'zone' ? (p.zone_kind ?? 'zone') : p.kind;
    if (seen.has(id)) continue;
    seen.add(id);
    if (p.kind === 'welcome') out.push({ id, kind: 'welcome', name: p.name });
    else if (p.kind === 'super_counter')
      out.push({
        id,
        kind: 'super-counter',
        name: p.name,
        skill: 'super_counter',
        ...names('super_counter'),
      });
    else out.push({ id, kind: 'zone', name: p.zone_name ?? p.name, skill: id, ...names(id) });
  }
  return out;
}

/**
 * The fallback requirement when no forecast-based one is at hand: one person at each post in
 * every open half hour (fixed assignment: the welcome post, the super-counter and each zone held).
 */
export function fixedPostsRequirement(
  week: string,
  rules: RosterRules,
  posts: EnginePost[],
): RequirementRows {
  const rows: RosterRequirement[] = [];
  for (let d = 0; d < 7; d++) {
    const date = addDays(week, d);
    const h = rules.hours.find((x) => x.weekday === d);
    if (!h || h.closed) continue;
    for (let m = minutesOf(h.open); m < minutesOf(h.close); m += 30)
      for (const p of posts) rows.push({ date, start: hhmmOf(m), post: p.id, people: 1 });
  }
  return { source: 'fixedPosts', rows };
}

const LATE_DEFAULT = '17:30';

export async function buildProblem(
  q: Q,
  outlet: { id: string; code: string; name: string },
  week: string,
  rules: RosterRules,
  requirement: RequirementSource | undefined,
): Promise<{
  problem: RosterProblemInput;
  requirementSource: string;
  serviceLevelModel?: ServiceLevelModel;
}> {
  const to = addDays(week, 6);
  const [staff, posts, leave, prefs, elastic, history, types] = await Promise.all([
    repo.activeStaff(q, outlet.id),
    repo.activePosts(q, outlet.id),
    repo.leaveBetween(q, outlet.id, week, to),
    repo.preferencesOf(q, outlet.id),
    repo.elasticOf(q, outlet.id),
    repo.publishedShiftsBetween(q, outlet.id, addDays(week, -28), addDays(week, -1)),
    repo.businessTypeNames(q),
  ]);
  const enginePosts = problemPosts(posts, types);
  const req =
    (requirement ? await requirement(outlet.id, week) : null) ??
    fixedPostsRequirement(week, rules, enginePosts);
  const known = new Set(enginePosts.map((p) => p.id));
  const postSkills = new Set(enginePosts.flatMap((p) => (p.skill ? [p.skill] : [])));
  const days = Array.from({ length: 7 }, (_, d) => {
    const date = addDays(week, d);
    const h = rules.hours.find((x) => x.weekday === d);
    return !h || h.closed ? { date, closed: true as const } : { date, open: h.open, close: h.close };
  });
  const flags = new Map(elastic.map((e) => [e.staff_id, e]));
  const late = rules.labour.lateShiftEndsAfter ?? LATE_DEFAULT;
  const roleOf = (roles: string[]) =>
    roles.find((r) => rules.shifts.some((s) => s.role === r)) ?? roles[0] ?? 'teller';
  const people = staff.map((s) => {
    const roles = JSON.parse(s.roles) as string[];
    const f = flags.get(s.id);
    const unavailable: { date: string; from?: string; to?: string }[] = [];
    for (const l of leave.filter((x) => x.staff_id === s.id)) {
      for (let d = 0; d < 7; d++) {
        const date = addDays(week, d);
        if (date < l.from_day || date > l.to_day) continue;
        unavailable.push(l.from_time && l.to_time ? { date, from: l.from_time, to: l.to_time } : { date });
      }
    }
    // an elastic person works inside their flexible window only
    if (f?.elastic === 1 && f.window_from && f.window_to)
      for (let d = 0; d < 7; d++) {
        const date = addDays(week, d);
        if (f.window_from !== '00:00') unavailable.push({ date, from: '00:00', to: f.window_from });
        if (f.window_to !== '24:00') unavailable.push({ date, from: f.window_to, to: '24:00' });
      }
    const pref = (kind: string) =>
      prefs
        .filter((p) => p.staff_id === s.id && p.kind === kind)
        .map((p) => ({
          ...(p.weekday === null ? {} : { weekday: p.weekday + 1 }),
          ...(p.from_time && p.to_time ? { shift: `${p.from_time}-${p.to_time}` } : {}),
        }))
        .filter((p) => Object.keys(p).length > 0);
    const own = history.filter((h) => h.staff_id === s.id);
    return {
      id: s.id,
      name: s.name,
      role: roleOf(roles),
      // the skills some post needs (the problem format refuses the others)
      skills: (JSON.parse(s.skills) as string[]).filter((k) => postSkills.has(k)),
      elastic: f?.elastic === 1,
      ...(f?.max_weekly_minutes ? { contractHoursPerWeek: f.max_weekly_minutes / 60 } : {}),
      unavailable: unavailable.slice(0, 50),
      wants: pref('wanted').slice(0, 50),
      avoids: pref('unwanted').slice(0, 50),
      history: {
        lateShifts: Math.min(200, own.filter((h) => minutesOf(h.end_time) > minutesOf(late)).length),
        weekendShifts: Math.min(200, own.filter((h) => weekdayOf(h.day) >= 5).length),
        elasticShifts: Math.min(200, f?.elastic === 1 ? own.length : 0),
      },
    };
  });
  const usedRoles = new Set(people.map((p) => p.role));
  const roleOfRule = (id: string, s: RosterRules['shifts'][number]) => ({
    id,
    shiftStarts: s.shiftStarts,
    shiftLengthsHours: s.shiftLengthsHours,
    ...(s.mealBreak ? { mealBreak: s.mealBreak } : {}),
    splitShiftsAllowed: rules.splitShiftsAllowed,
  });
  // a role without shift rules of its own works the first rule's shifts
  const base = rules.shifts[0] ?? DEFAULT_RULES.shifts[0]!;
  const roles = [...usedRoles].map((r) => roleOfRule(r, rules.shifts.find((s) => s.role === r) ?? base));
  const { lateShiftEndsAfter, ...labour } = rules.labour;
  return {
    requirementSource: req.source,
    ...(req.serviceLevelModel ? { serviceLevelModel: req.serviceLevelModel } : {}),
    problem: {
      version: 1,
      outlet: { code: outlet.code, name: outlet.name },
      weekStart: week,
      slotMinutes: 30,
      days,
      roles,
      posts: enginePosts,
      people,
      // the requirement inside the opening hours of the rules, on the outlet's posts
      requirement: req.rows.filter((r) => {
        const d = days.find((x) => x.date === r.date);
        if (!d || !('open' in d) || !d.open || !d.close || !known.has(r.post)) return false;
        const m = minutesOf(r.start);
        return m >= minutesOf(d.open) && m < minutesOf(d.close);
      }),
      rules: { ...labour, lateShiftEndsAfter, fixedPostsAlwaysHeld: true },
      weights: rules.weights,
    },
  };
}

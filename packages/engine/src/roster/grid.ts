/**
 * The roster problem laid on its grid: open days and half-hour slots, the requirement per slot and
 * post, each person's candidate shifts (pattern × opening hours × leave × daily cap) and the break
 * starts each shift allows. Shared by the model, the decoder, the checker and the conflict finder.
 */
import {
  type DayPreference,
  isOpenDay,
  type LabourRules,
  type RosterPerson,
  type RosterPost,
  type RosterProblem,
  type RosterRole,
  type RosterWeights,
  resolvedRules,
  resolvedWeights,
} from './schema';
import { isoWeekday, minutesOf } from './time';

export const SLOT = 30;

export interface GridDay {
  index: number;
  date: string;
  weekday: number;
  open: boolean;
  /** minutes after midnight; 0 when closed */
  openAt: number;
  closeAt: number;
  /** slot starts, minutes after midnight */
  slots: number[];
}

export interface CandidateShift {
  person: number;
  day: number;
  start: number;
  end: number;
  /** worked hours: length − meal break */
  worked: number;
  /** break starts allowed (minutes); empty when the shift needs no break */
  breakStarts: number[];
  needsBreak: boolean;
  elastic: boolean;
  late: boolean;
  early: boolean;
  weekend: boolean;
}

export interface GridPerson {
  index: number;
  person: RosterPerson;
  role: RosterRole;
  /** post indices the person can hold */
  posts: number[];
  /** candidate shift indices per day */
  shiftsByDay: number[][];
  /** hours the person should work this week (contract less whole days of leave) */
  expectedHours: number;
  /** unavailable intervals per day, minutes */
  unavailable: Array<Array<[number, number]>>;
}

export interface Grid {
  problem: RosterProblem;
  rules: LabourRules;
  weights: RosterWeights;
  days: GridDay[];
  posts: RosterPost[];
  postIndex: Map<string, number>;
  people: GridPerson[];
  personIndex: Map<string, number>;
  shifts: CandidateShift[];
  /** requirement[day][slot][post] (fixed posts raised to 1 when rules.fixedPostsAlwaysHeld) */
  required: number[][][];
  dayCap: number;
  weekCap: number;
  lateAfter: number;
}

export function canHold(person: RosterPerson, post: RosterPost): boolean {
  return post.skill === undefined || person.skills.includes(post.skill);
}

export function isFixedPost(post: RosterPost): boolean {
  return post.kind === 'welcome' || post.kind === 'super-counter';
}

/** Unavailable intervals of a person on a date, minutes (a whole day is [0, 1440]). */
export function unavailableOn(person: RosterPerson, date: string): Array<[number, number]> {
  return person.unavailable
    .filter((u) => u.date === date)
    .map((u) => (u.from && u.to ? [minutesOf(u.from), minutesOf(u.to)] : [0, 1440]) as [number, number]);
}

export function mealBreakOf(
  role: RosterRole,
  lengthMinutes: number,
): { minutes: number; from: number; to: number } | null {
  const mb = role.mealBreak;
  if (!mb || lengthMinutes <= mb.afterHours * 60) return null;
  return { minutes: mb.minutes, from: minutesOf(mb.window[0]), to: minutesOf(mb.window[1]) };
}

/** Break starts inside the window and strictly inside the shift (not at its start or end). */
export function breakStartsFor(role: RosterRole, start: number, end: number): number[] | null {
  const mb = mealBreakOf(role, end - start);
  if (!mb) return null;
  const out: number[] = [];
  for (let b = Math.max(mb.from, start + SLOT); b + mb.minutes <= Math.min(mb.to, end - SLOT); b += SLOT)
    out.push(b);
  return out;
}

export function matchesDay(pref: DayPreference, day: GridDay): boolean {
  if (pref.date !== undefined) return pref.date === day.date;
  if (pref.weekday !== undefined) return pref.weekday === day.weekday;
  return true;
}

export function matchesShift(
  pref: DayPreference,
  s: { start: number; end: number; late: boolean; early: boolean },
): boolean {
  if (pref.shift === undefined) return true;
  if (pref.shift === 'early') return s.early;
  if (pref.shift === 'late') return s.late;
  const [a, b] = pref.shift.split('-') as [string, string];
  return s.start === minutesOf(a) && s.end === minutesOf(b);
}

export function buildGrid(problem: RosterProblem): Grid {
  const rules = resolvedRules(problem);
  const weights = resolvedWeights(problem);
  const dayCap = rules.maxHoursPerDay + rules.maxOvertimeHoursPerDay;
  const weekCap = rules.maxHoursPerWeek + rules.maxOvertimeHoursPerWeek;
  const lateAfter = minutesOf(rules.lateShiftEndsAfter);
  const days: GridDay[] = problem.days.map((d, index) => {
    const weekday = isoWeekday(d.date);
    if (!isOpenDay(d)) return { index, date: d.date, weekday, open: false, openAt: 0, closeAt: 0, slots: [] };
    const openAt = minutesOf(d.open);
    const closeAt = minutesOf(d.close);
    const slots: number[] = [];
    for (let t = openAt; t < closeAt; t += SLOT) slots.push(t);
    return { index, date: d.date, weekday, open: true, openAt, closeAt, slots };
  });
  const posts = problem.posts;
  const postIndex = new Map(posts.map((p, i) => [p.id, i]));
  const roles = new Map(problem.roles.map((r) => [r.id, r]));

  const required = days.map((d) => d.slots.map(() => posts.map(() => 0)));
  const dateIndex = new Map(days.map((d) => [d.date, d.index]));
  for (const r of problem.requirement) {
    const di = dateIndex.get(r.date);
    const k = postIndex.get(r.post);
    if (di === undefined || k === undefined) continue;
    const d = days[di]!;
    const si = (minutesOf(r.start) - d.openAt) / SLOT;
    if (!d.open || si < 0 || si >= d.slots.length) continue;
    required[di]![si]![k] = r.people;
  }
  if (rules.fixedPostsAlwaysHeld)
    posts.forEach((p, k) => {
      if (!isFixedPost(p)) return;
      for (const row of required) for (const slot of row) slot[k] = Math.max(1, slot[k]!);
    });

  const shifts: CandidateShift[] = [];
  const people: GridPerson[] = problem.people.map((person, index) => {
    const role = roles.get(person.role)!;
    const unavailable = days.map((d) => unavailableOn(person, d.date));
    const shiftsByDay = days.map((d) => {
      const mine: number[] = [];
      if (!d.open) return mine;
      const starts = person.elastic ? d.slots : role.shiftStarts.map(minutesOf);
      const standard = new Set(role.shiftStarts.map(minutesOf));
      for (const start of [...new Set(starts)].sort((a, b) => a - b)) {
        for (const hours of role.shiftLengthsHours) {
          const end = start + Math.round(hours * 60);
          if (start < d.openAt || end > d.closeAt) continue;
          if (unavailable[d.index]!.some(([a, b]) => start < b && a < end)) continue;
          const br = breakStartsFor(role, start, end);
          if (br !== null && br.length === 0) continue;
          const worked = (end - start - (br ? role.mealBreak!.minutes : 0)) / 60;
          if (worked > dayCap + 1e-9) continue;
          mine.push(shifts.length);
          shifts.push({
            person: index,
            day: d.index,
            start,
            end,
            worked,
            breakStarts: br ?? [],
            needsBreak: br !== null,
            elastic: person.elastic && !standard.has(start),
            late: end > lateAfter,
            early: start === d.openAt,
            weekend: d.weekday >= 6,
          });
        }
      }
      return mine;
    });
    const contract = person.contractHoursPerWeek ?? rules.maxHoursPerWeek;
    const leaveDays = days.filter(
      (d) => d.open && unavailable[d.index]!.some(([a, b]) => a <= d.openAt && b >= d.closeAt),
    ).length;
    const expectedHours = Math.max(0, contract - (contract / 5) * leaveDays);
    const holdable = posts.flatMap((p, k) => (canHold(person, p) ? [k] : []));
    return { index, person, role, posts: holdable, shiftsByDay, expectedHours, unavailable };
  });

  return {
    problem,
    rules,
    weights,
    days,
    posts,
    postIndex,
    people,
    personIndex: new Map(problem.people.map((p, i) => [p.id, i])),
    shifts,
    required,
    dayCap,
    weekCap,
    lateAfter,
  };
}

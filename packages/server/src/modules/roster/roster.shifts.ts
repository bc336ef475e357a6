/** Shift rows ↔ the solver's shifts, and the rule check's violations as the summary keeps them. */
import type { Roster } from '@liangdian/shared/api';
import { newId } from '../../lib/ids';
import { minutesOf } from './roster.defaults';
import type * as repo from './roster.repository';
import type { RosterChecker, SolvedShift, SolveResult } from './roster.solver';

/** A shift row as the solver and the check read it. */
export const solvedOf = (r: repo.ShiftRow): SolvedShift => ({
  person: r.staff_id,
  date: r.day,
  start: r.start_time,
  end: r.end_time,
  ...(r.break_start && r.break_end ? { mealBreak: { start: r.break_start, end: r.break_end } } : {}),
  posts: r.posts_json
    ? (JSON.parse(r.posts_json) as SolvedShift['posts'])
    : [{ from: r.start_time, to: r.end_time, post: r.post }],
});

export function rowOf(rosterId: string, s: SolvedShift, at: number): repo.ShiftRow {
  const posts = s.posts.length ? s.posts : [{ from: s.start, to: s.end, post: 'welcome' }];
  const main = [...posts].sort(
    (a, b) => minutesOf(b.to) - minutesOf(b.from) - (minutesOf(a.to) - minutesOf(a.from)),
  )[0]!;
  const whole = posts.length === 1 && posts[0]!.from === s.start && posts[0]!.to === s.end;
  return {
    id: newId(at),
    roster_id: rosterId,
    staff_id: s.person,
    day: s.date,
    start_time: s.start,
    end_time: s.end,
    post: main.post,
    posts_json: whole ? null : JSON.stringify(posts),
    break_start: s.mealBreak?.start ?? null,
    break_end: s.mealBreak?.end ?? null,
  };
}

export const key = (v: { rule: string; person?: string; date?: string }) =>
  `${v.rule}|${v.person ?? ''}|${v.date ?? ''}`;
export const violationsOf = (vs: ReturnType<RosterChecker>) =>
  vs.map((v) => ({
    rule: v.rule,
    staffId: v.person ?? null,
    day: v.date ?? null,
    zh: v.text['zh-CN'],
    en: v.text['en-US'],
  }));

export function solverStatusOf(r: SolveResult): Roster['solverStatus'] {
  if (r.status === 'optimal') return 'optimal';
  if (r.status === 'infeasible') return 'infeasible';
  return r.timeLimited ? 'time_limit' : 'feasible';
}

import type { RosterProblemInput } from '@liangdian/engine';
import type { RosterCoverage } from '@liangdian/shared/api';
import { minutesOf } from './roster.defaults';

/**
 * What the roster app needs of the solver and the rule check (helper A's
 * `lib/roster-solver` solveRoster and the engine's checkRoster), behind small interfaces so the
 * tests can hand in their own and the app never waits on the event loop.
 */
export interface SolvedShift {
  person: string;
  date: string;
  start: string;
  end: string;
  mealBreak?: { start: string; end: string };
  posts: { from: string; to: string; post: string }[];
}

export interface SolvedViolation {
  rule: string;
  person?: string;
  date?: string;
  text: { 'zh-CN': string; 'en-US': string };
}

export interface SolveResult {
  status: 'optimal' | 'feasible' | 'infeasible' | 'invalid';
  timeLimited: boolean;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  shifts: SolvedShift[];
  violations: SolvedViolation[];
  conflicts: { text: { 'zh-CN': string; 'en-US': string } }[];
  issues?: { path?: string; message?: string; text?: { 'zh-CN': string; 'en-US': string } }[];
}

export interface SolveOptions {
  timeLimitSeconds: number;
  gap: number;
  signal: AbortSignal;
  onProgress: (p: {
    progress?: number;
    gap?: number | null;
    bound?: number | null;
    objective?: number | null;
  }) => void;
}

export type RosterSolver = (problem: RosterProblemInput, opts: SolveOptions) => Promise<SolveResult>;
export type RosterChecker = (problem: RosterProblemInput, shifts: SolvedShift[]) => SolvedViolation[];

/** Required vs scheduled per requirement row: who holds the post in that half hour, breaks aside. */
export function coverageOf(problem: RosterProblemInput, shifts: SolvedShift[]): RosterCoverage[] {
  const held = new Map<string, number>();
  for (const s of shifts) {
    const b0 = s.mealBreak ? minutesOf(s.mealBreak.start) : -1;
    const b1 = s.mealBreak ? minutesOf(s.mealBreak.end) : -1;
    for (const p of s.posts)
      for (let m = minutesOf(p.from); m < minutesOf(p.to); m += 30) {
        if (m >= b0 && m < b1) continue;
        const k = `${s.date} ${m} ${p.post}`;
        held.set(k, (held.get(k) ?? 0) + 1);
      }
  }
  return problem.requirement.map((r) => ({
    day: r.date,
    start: r.start,
    post: r.post,
    required: r.people,
    scheduled: held.get(`${r.date} ${minutesOf(r.start)} ${r.post}`) ?? 0,
  }));
}

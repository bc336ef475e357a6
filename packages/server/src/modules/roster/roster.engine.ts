import { checkRoster, parseRosterProblemOrThrow, type RosterShift } from '@liangdian/engine';
import { solveRoster } from '../../lib/roster-solver';
import type { RosterChecker, RosterSolver, SolveResult } from './roster.solver';

/**
 * The solver and the rule check the app runs on: HiGHS in a worker thread (lib/roster-solver,
 * solveRoster) and the engine's checkRoster, wired here in one place.
 */
export const defaultRosterSolver: RosterSolver = async (problem, opts) => {
  const started = Date.now();
  const result = await solveRoster(problem, {
    timeLimitSeconds: opts.timeLimitSeconds,
    gap: opts.gap,
    signal: opts.signal,
    onProgress: (p) =>
      opts.onProgress({
        // the share of the time limit used: the page's progress bar
        progress: Math.min(0.99, (Date.now() - started) / 1000 / opts.timeLimitSeconds),
        gap: p.gap,
        bound: p.bound,
        objective: p.objective,
      }),
  });
  return result as unknown as SolveResult;
};

export const defaultRosterChecker: RosterChecker = (problem, shifts) =>
  checkRoster(parseRosterProblemOrThrow(problem), shifts as RosterShift[]);

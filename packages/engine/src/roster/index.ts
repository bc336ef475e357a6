/** Rosters: the problem format and its validation, the MILP model, decoding, rule checks, conflicts. */
export * from './schema';
export {
  formatRosterIssue,
  parseRosterProblem,
  parseRosterProblemOrThrow,
  RosterProblemError,
  type RosterIssue,
  type RosterLang,
  type RosterParseResult,
} from './validate';

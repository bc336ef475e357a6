/** The shapes of a roster answer: shifts, coverage, violations and conflicts (docs/roster.md "The answer"). */
import type { RosterIssue, RosterLang } from './validate';

export interface RosterPostPeriod {
  from: string;
  to: string;
  post: string;
}

export interface RosterShift {
  /** people[].id */
  person: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  start: string;
  /** HH:MM */
  end: string;
  mealBreak?: { start: string; end: string };
  /** the posts held, by period; may be empty (checked rules then skip posts) */
  posts: RosterPostPeriod[];
}

export interface RosterCoverage {
  date: string;
  start: string;
  post: string;
  required: number;
  scheduled: number;
}

export type RosterRule =
  | 'unknown-person'
  | 'unknown-post'
  | 'closed-day'
  | 'outside-hours'
  | 'off-grid'
  | 'not-a-pattern'
  | 'unavailable'
  | 'overlap'
  | 'split-shift'
  | 'meal-break'
  | 'daily-hours'
  | 'weekly-hours'
  | 'overtime'
  | 'days-off'
  | 'rest'
  | 'skill'
  | 'not-on-shift'
  | 'double-post';

export interface RosterViolation {
  rule: RosterRule;
  person?: string;
  date?: string;
  /** the slot or shift start the violation is about */
  start?: string;
  post?: string;
  /** index into the checked shifts */
  shift?: number;
  text: Record<RosterLang, string>;
}

export type ConflictReason =
  | 'skill'
  | 'competing'
  | 'weekly-hours'
  | 'days-off'
  | 'daily-hours'
  | 'rest'
  | 'search';

export interface RosterConflict {
  date: string;
  from: string;
  to: string;
  post: string;
  postName: string;
  skill?: string;
  /** the skill as people call it, per language (from the post) */
  skillName?: { 'zh-CN'?: string; 'en-US'?: string };
  required: number;
  scheduled: number;
  /** people who could hold the post in that period at all (skill, leave, opening hours, patterns) */
  available: number;
  reason: ConflictReason;
  text: Record<RosterLang, string>;
}

export interface RosterModelSize {
  rows: number;
  cols: number;
  integers: number;
}

export type RosterStatus = 'optimal' | 'feasible' | 'infeasible' | 'invalid';

export interface RosterResult {
  status: RosterStatus;
  /** the time limit (or a cancel) stopped the search: the best roster found */
  timeLimited: boolean;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
  model: RosterModelSize;
  shifts: RosterShift[];
  coverage: RosterCoverage[];
  violations: RosterViolation[];
  conflicts: RosterConflict[];
  issues?: RosterIssue[];
}

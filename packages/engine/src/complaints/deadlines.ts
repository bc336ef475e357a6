import {
  addDays,
  addWorkingDays,
  daysBetween,
  type HolidayCalendar,
  type IsoDate,
  isoDate,
  shanghaiDate,
} from './calendar';

/**
 * Deadlines of a complaint under CBIRC Order 2020 No. 3 (《银行业保险业消费投诉处理管理办法》).
 *
 * - Art. 18: decide and inform within 15 days of receipt; a complex case may be extended to 30
 *   days (with a reason); an especially complex one by another 30 days (60 in all) with approval
 *   of a superior body and the complainant told. Days in external appraisal (Art. 18) and
 *   mediation (Art. 23) do not count; new facts restart the clock from their receipt.
 * - Art. 20: review may be requested within 30 days of the decision and is decided within 30 days.
 * - Art. 33: the regulator forwards a complaint within 7 working days.
 * - Art. 43: days are natural days (here counted in Asia/Shanghai).
 *
 * Counting follows the usual rule for periods: the day of receipt is not counted, so a complaint
 * received on 03-01 (any time of day, Beijing time) is due by the end of 03-16.
 */
export const DECISION_DAYS = 15;
export const EXTENDED_DAYS = 30;
export const SECOND_EXTENSION_DAYS = 30;
export const REVIEW_REQUEST_DAYS = 30;
export const REVIEW_DECISION_DAYS = 30;
export const FORWARDING_WORKING_DAYS = 7;
export const DUE_SOON_DAYS = 3;

export type ExtensionLevel = 0 | 1 | 2;
export type PauseKind = 'appraisal' | 'mediation';

export interface Pause {
  kind: PauseKind;
  /** ISO instants; `to` null while the pause is running */
  from: string;
  to: string | null;
}

export interface DeadlineInput {
  /** when the bank received the complaint (ISO instant) */
  receivedAt: string;
  /** instants at which new facts were received; the latest restarts the clock */
  restarts?: string[];
  extensionLevel?: ExtensionLevel;
  pauses?: Pause[];
  /** a withdrawal ends the case: no deadline runs after it */
  withdrawnAt?: string | null;
  /** when the decision was made (ISO instant), if it was */
  decidedAt?: string | null;
}

export interface Deadline {
  /** the Beijing date the clock counts from (receipt, or the latest new facts) */
  startDate: IsoDate;
  /** 15, 30 or 60 */
  limitDays: number;
  /** days not counted: closed pauses after the start, and a running pause up to its start */
  pausedDays: number;
  /** the last day to decide; null while a pause runs (the clock stands still) or the case ended */
  dueDate: IsoDate | null;
  /** the due date had the running pause ended today is unknown; `paused` says the clock stands */
  paused: boolean;
  /** withdrawn: no deadline */
  ended: boolean;
  /** decided: the decision's Beijing date and whether it met the deadline */
  decidedDate: IsoDate | null;
  onTime: boolean | null;
  /** natural days from the start to the decision, not counting pauses */
  daysToDecision: number | null;
}

export const limitDaysFor = (level: ExtensionLevel): number =>
  level === 0 ? DECISION_DAYS : level === 1 ? EXTENDED_DAYS : EXTENDED_DAYS + SECOND_EXTENSION_DAYS;

/** Natural days of a pause that fall after `start` (days before the clock's start never count). */
function pauseDays(p: Pause, start: IsoDate, until: IsoDate): number {
  const from = shanghaiDate(p.from);
  const to = p.to ? shanghaiDate(p.to) : until;
  const a = daysBetween(start, from) > 0 ? from : start;
  return Math.max(0, daysBetween(a, to));
}

/**
 * The decision deadline. A pause from date A to date B takes B − A days off the clock, so the due
 * date moves by that many days; a running pause has no due date. Pauses that ended before the
 * latest restart no longer matter.
 */
export function decisionDeadline(input: DeadlineInput): Deadline {
  const restarts = (input.restarts ?? []).filter((r) => Date.parse(r) > Date.parse(input.receivedAt));
  const startAt = restarts.length
    ? restarts.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b))
    : input.receivedAt;
  const startDate = shanghaiDate(startAt);
  const limitDays = limitDaysFor(input.extensionLevel ?? 0);
  const decidedDate = input.decidedAt ? shanghaiDate(input.decidedAt) : null;
  const pauses = (input.pauses ?? []).filter((p) => !p.to || Date.parse(p.to) > Date.parse(startAt));
  const running = pauses.find((p) => p.to === null) ?? null;
  const until = running ? shanghaiDate(running.from) : startDate;
  const pausedDays = pauses.reduce((n, p) => n + pauseDays(p, startDate, until), 0);
  const ended = !!input.withdrawnAt && !input.decidedAt;
  const due = addDays(startDate, limitDays + pausedDays);
  const onTime = decidedDate ? daysBetween(decidedDate, due) >= 0 : null;
  return {
    startDate,
    limitDays,
    pausedDays,
    dueDate: ended || (running && !decidedDate) ? null : due,
    paused: !!running && !decidedDate && !ended,
    ended,
    decidedDate,
    onTime,
    daysToDecision: decidedDate ? daysBetween(startDate, decidedDate) - pausedDays : null,
  };
}

export interface DeadlineStatus {
  /** whole days left until the due date, counted from today's Beijing date (negative: overdue) */
  daysLeft: number | null;
  overdue: boolean;
  dueSoon: boolean;
}

/** Where a running deadline stands at `now`. Due soon: 0–3 days left; overdue: past the due date. */
export function deadlineStatus(dueDate: IsoDate | string | null, now: Date | string): DeadlineStatus {
  if (!dueDate) return { daysLeft: null, overdue: false, dueSoon: false };
  const daysLeft = daysBetween(shanghaiDate(now), isoDate(dueDate));
  return { daysLeft, overdue: daysLeft < 0, dueSoon: daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS };
}

export type ExtensionProblem =
  | 'EXTENSION_REASON_REQUIRED'
  | 'EXTENSION_APPROVAL_REQUIRED'
  | 'EXTENSION_NOTICE_REQUIRED'
  | 'EXTENSION_LIMIT_REACHED';

export interface ExtensionRequest {
  reason?: string | null;
  /** a branch-level approver (second extension only) */
  approvedBy?: string | null;
  /** when the complainant was told of the second extension */
  complainantInformedAt?: string | null;
}

/**
 * Checks an extension request against Art. 18: the first needs a reason; the second also a
 * superior approver and a record that the complainant was told; there is no third.
 * Returns the new level, or the problem.
 */
export function checkExtension(
  current: ExtensionLevel,
  req: ExtensionRequest,
): { ok: true; level: ExtensionLevel } | { ok: false; problem: ExtensionProblem } {
  if (current >= 2) return { ok: false, problem: 'EXTENSION_LIMIT_REACHED' };
  if (!req.reason?.trim()) return { ok: false, problem: 'EXTENSION_REASON_REQUIRED' };
  if (current === 1) {
    if (!req.approvedBy?.trim()) return { ok: false, problem: 'EXTENSION_APPROVAL_REQUIRED' };
    if (!req.complainantInformedAt) return { ok: false, problem: 'EXTENSION_NOTICE_REQUIRED' };
  }
  return { ok: true, level: (current + 1) as ExtensionLevel };
}

/** Art. 20: the last day a review may be requested, from the decision's instant. */
export const reviewRequestBy = (decidedAt: string): IsoDate =>
  addDays(shanghaiDate(decidedAt), REVIEW_REQUEST_DAYS);

export const canRequestReview = (decidedAt: string, now: Date | string): boolean =>
  daysBetween(shanghaiDate(now), reviewRequestBy(decidedAt)) >= 0;

/** Art. 20: the review's decision is due 30 days after the request. */
export const reviewDueDate = (requestedAt: string): IsoDate =>
  addDays(shanghaiDate(requestedAt), REVIEW_DECISION_DAYS);

/** Art. 33: the regulator forwards within 7 working days of its own receipt (official calendar). */
export const forwardingDueDate = (regulatorReceivedOn: string, cal: HolidayCalendar): IsoDate =>
  addWorkingDays(isoDate(regulatorReceivedOn), FORWARDING_WORKING_DAYS, cal);

/**
 * Art. 33: whether the regulator's forwarding was late — forwarded after the due date, or, not
 * forwarded yet, `today` (a Beijing date) is past it. Null when there is no due date, or when not
 * forwarded and no `today` is given (what a stored column can know).
 */
export function forwardingLate(
  dueOn: string | null,
  forwardedOn: string | null,
  today?: string,
): boolean | null {
  if (!dueOn) return null;
  if (forwardedOn) return forwardedOn > dueOn;
  return today ? today > dueOn : null;
}

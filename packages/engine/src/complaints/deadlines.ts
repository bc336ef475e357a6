import {
  addDays,
  addWorkingDays,
  daysBetween,
  type HolidayCalendar,
  instantMs,
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
 * - Art. 20: review may be requested within 30 days of receiving the decision and is decided
 *   within 30 days.
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
  /** when the bank received the complaint (ISO instant with its zone) */
  receivedAt: string;
  /** instants at which new facts were received; the latest restarts the clock (never backwards) */
  restarts?: string[];
  extensionLevel?: ExtensionLevel;
  /** intervals in which the clock stands (appraisal, mediation); overlaps count once */
  pauses?: Pause[];
  /** a withdrawal ends the case: no deadline runs after it */
  withdrawnAt?: string | null;
  /** when the decision was made (ISO instant), if it was */
  decidedAt?: string | null;
  /** when the complainant was told of the decision (Art. 18: decide *and* inform in the limit) */
  informedAt?: string | null;
}

export interface Deadline {
  /** the Beijing date the clock counts from (receipt, or the latest new facts) */
  startDate: IsoDate;
  /** 15, 30 or 60 */
  limitDays: number;
  /** days not counted: the pauses that began before the deadline passed, once each */
  pausedDays: number;
  /**
   * The last day to decide and inform; null while a pause runs (the clock stands still) or the
   * case ended. It stays after the decision until the complainant is told.
   */
  dueDate: IsoDate | null;
  /** a pause runs and the deadline had not passed when it began */
  paused: boolean;
  /** withdrawn: no deadline */
  ended: boolean;
  /**
   * decided: the decision's Beijing date and whether it met the deadline; false too for a case
   * withdrawn undecided after the deadline had passed
   */
  decidedDate: IsoDate | null;
  decisionOnTime: boolean | null;
  /** told: the Beijing date the complainant was told, and whether that met the deadline */
  informedDate: IsoDate | null;
  informOnTime: boolean | null;
  /**
   * Art. 18 as a whole: false as soon as the decision or the telling is late, true once the
   * complainant was told in time, null until then.
   */
  onTime: boolean | null;
  /** which of the two was missed: the decision (then the telling too), or only the telling */
  missed: 'decision' | 'inform' | null;
  /** natural days from the start to the decision, not counting pauses */
  daysToDecision: number | null;
}

export const limitDaysFor = (level: ExtensionLevel): number =>
  level === 0 ? DECISION_DAYS : level === 1 ? EXTENDED_DAYS : EXTENDED_DAYS + SECOND_EXTENSION_DAYS;

/** A pause as epoch milliseconds; `to` null while it runs. */
interface Span {
  from: number;
  to: number | null;
}

/**
 * Pauses as intervals: each checked (an instant with its zone; an end not before its start),
 * sorted and merged where they overlap or touch, so that no day is taken off the clock twice.
 * A running pause absorbs every pause that starts after it.
 */
export function mergePauses(pauses: readonly Pause[]): Span[] {
  const spans = pauses
    .map((p) => {
      const from = instantMs(p.from);
      const to = p.to === null ? null : instantMs(p.to);
      if (to !== null && to < from)
        throw new RangeError(`a pause ends before it starts: ${p.from} → ${p.to}`);
      return { from, to };
    })
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && (last.to === null || s.from <= last.to)) {
      last.to = last.to === null || s.to === null ? null : Math.max(last.to, s.to);
    } else merged.push({ ...s });
  }
  return merged;
}

const dateOf = (ms: number): IsoDate => shanghaiDate(ms);
const later = (a: IsoDate, b: IsoDate): IsoDate => (daysBetween(a, b) > 0 ? b : a);

/**
 * The deadline to decide and inform (Art. 18). A pause from date A to date B takes B − A days off
 * the clock and moves the due date by that many days — but only a pause that began while the
 * deadline still ran: a case already overdue stays overdue whatever is paused after. Pauses that
 * ended before the clock's start no longer matter; a pause still running when the case is decided
 * or withdrawn ends there. A running pause (begun in time) has no due date.
 */
export function decisionDeadline(input: DeadlineInput): Deadline {
  const receivedMs = instantMs(input.receivedAt);
  const startMs = Math.max(receivedMs, ...(input.restarts ?? []).map((r) => instantMs(r)));
  const startDate = dateOf(startMs);
  const limitDays = limitDaysFor(input.extensionLevel ?? 0);
  const decidedMs = input.decidedAt ? instantMs(input.decidedAt) : null;
  const withdrawnMs = input.withdrawnAt ? instantMs(input.withdrawnAt) : null;
  const informedMs = input.informedAt ? instantMs(input.informedAt) : null;
  const stopMs = decidedMs ?? withdrawnMs;
  let due = addDays(startDate, limitDays);
  let pausedDays = 0;
  let running = false;
  for (const p of mergePauses(input.pauses ?? [])) {
    if (p.to !== null && p.to <= startMs) continue;
    if (stopMs !== null && p.from >= stopMs) break;
    const from = later(startDate, dateOf(p.from));
    if (daysBetween(due, from) > 0) break; // begun after the deadline passed: it cannot hide that
    const toMs = p.to === null ? stopMs : stopMs === null ? p.to : Math.min(p.to, stopMs);
    if (toMs === null) {
      running = true;
      break;
    }
    const days = Math.max(0, daysBetween(from, dateOf(toMs)));
    pausedDays += days;
    due = addDays(due, days);
  }
  const ended = withdrawnMs !== null && decidedMs === null;
  const decidedDate = decidedMs === null ? null : dateOf(decidedMs);
  const informedDate = informedMs === null || decidedMs === null ? null : dateOf(informedMs);
  // a case withdrawn undecided after its deadline passed was late all the same: withdrawing it
  // does not hide that
  const withdrawnLate = ended && !running && daysBetween(due, dateOf(withdrawnMs!)) > 0;
  const decisionOnTime = decidedDate ? daysBetween(decidedDate, due) >= 0 : withdrawnLate ? false : null;
  const informOnTime = informedDate ? daysBetween(informedDate, due) >= 0 : null;
  const onTime = decisionOnTime === false || informOnTime === false ? false : informOnTime;
  return {
    startDate,
    limitDays,
    pausedDays,
    dueDate: ended || running ? null : due,
    paused: running,
    ended,
    decidedDate,
    decisionOnTime,
    informedDate,
    informOnTime,
    onTime,
    missed: decisionOnTime === false ? 'decision' : informOnTime === false ? 'inform' : null,
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

/**
 * Art. 20: the last day a review may be requested — 30 days from the complainant's receipt of the
 * decision, i.e. from the recorded time they were told (as the printed notice says).
 */
export const reviewRequestBy = (informedAt: string): IsoDate =>
  addDays(shanghaiDate(informedAt), REVIEW_REQUEST_DAYS);

export const canRequestReview = (informedAt: string, at: Date | string): boolean =>
  daysBetween(shanghaiDate(at), reviewRequestBy(informedAt)) >= 0;

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

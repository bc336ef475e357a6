import { forwardingDueDate, forwardingLate, type HolidayCalendar, holidayCalendar } from '@liangdian/engine';
import type { FieldProblem } from '../../lib/errors';
import type { Q } from '../../db/types';
import { type ComplaintRow, updateComplaint } from './complaints.repository';
import * as repo from './forwarding.repository';

/**
 * The regulator's forwarding (Art. 33): a complaint the regulator transfers is forwarded within 7
 * working days of the regulator's receipt, counted on the official calendar (holiday_calendar).
 * The complaint keeps the deadline (`forwarding_due_on`) and whether it was forwarded after it
 * (`forwarding_late`); every write of the dates sets them (registration, edit, import), a change
 * of the calendar recomputes them, and rows without them are filled at start and after the demo.
 */

export type ForwardingColumns = Pick<ComplaintRow, 'forwarding_due_on' | 'forwarding_late'>;
type ForwardingDates = Pick<ComplaintRow, 'source' | 'regulator_received_on' | 'forwarded_on'>;

/** The official calendar as the engine counts on it. */
export async function officialCalendar(q: Q): Promise<HolidayCalendar> {
  const rows = await repo.listCalendar(q);
  return holidayCalendar(rows.map((r) => ({ date: r.day, kind: r.kind as 'holiday' | 'workday' })));
}

/** The forwarding columns of a complaint's dates (null unless a regulator case with its receipt). */
export function forwardingColumns(c: ForwardingDates, cal: HolidayCalendar): ForwardingColumns {
  if (c.source !== 'regulator' || !c.regulator_received_on)
    return { forwarding_due_on: null, forwarding_late: null };
  const due = forwardingDueDate(c.regulator_received_on, cal);
  const late = forwardingLate(due, c.forwarded_on);
  return { forwarding_due_on: due, forwarding_late: late === null ? null : late ? 1 : 0 };
}

/**
 * What cannot be true of a regulator case's dates: forwarded before the regulator received it, or
 * received by the regulator after the bank received it (`receivedOn`, the Beijing date).
 */
export function forwardingProblems(
  d: { regulatorReceivedOn: string | null; forwardedOn: string | null; receivedOn: string },
  field: (name: 'regulatorReceivedOn' | 'forwardedOn') => string = (n) => `body.${n}`,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (d.regulatorReceivedOn && d.regulatorReceivedOn > d.receivedOn)
    problems.push({
      field: field('regulatorReceivedOn'),
      code: 'REGULATOR_RECEIPT_AFTER_RECEIPT',
      params: { value: d.receivedOn },
    });
  if (d.forwardedOn && d.regulatorReceivedOn && d.forwardedOn < d.regulatorReceivedOn)
    problems.push({
      field: field('forwardedOn'),
      code: 'FORWARDED_BEFORE_REGULATOR_RECEIPT',
      params: { value: d.regulatorReceivedOn },
    });
  return problems;
}

/**
 * Sets the forwarding columns of the regulator cases again from the calendar — all of them (after
 * a change of the calendar), or only those that have none yet (rows written before 0012, or by a
 * writer that does not set them). Answers how many rows changed. The caller's transaction.
 */
export async function refreshForwarding(q: Q, only: 'all' | 'missing' = 'all'): Promise<number> {
  const cal = await officialCalendar(q);
  let changed = 0;
  for (const r of await repo.regulatorCases(q, only === 'missing')) {
    const cols = forwardingColumns(r, cal);
    if (cols.forwarding_due_on === r.forwarding_due_on && cols.forwarding_late === r.forwarding_late)
      continue;
    await updateComplaint(q, r.id, cols);
    changed++;
  }
  return changed;
}

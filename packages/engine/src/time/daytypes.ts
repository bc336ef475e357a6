/**
 * Day types of an outlet's calendar (pure): what kind of day a date is for the traffic of a
 * banking hall. Used by calibration (arrivals per day type) and the forecast (its regressors).
 *
 * The calendar is the complaints' one (`holidayCalendar(entries)`, the `holiday_calendar` table).
 * - `holiday`: a statutory day off (国务院办公厅's calendar, kind `holiday`);
 * - `makeUp`: a make-up working day (调休, kind `workday`) — a Saturday or Sunday that is worked;
 * - `weekend`: Saturday or Sunday that is not a make-up day;
 * - `workday`: Monday–Friday that is not a holiday.
 * Flags, on top of the base kind: `pension` (the outlet's month-start pension days, day-of-month
 * numbers, default 1–5), `payday` (the outlet's paydays, default the 10th and the 25th),
 * `preHoliday` (the last day open before a run of at least two holiday days), `postHoliday`
 * (the first day after such a run). A pension or pay day that falls on a day off moves to the
 * first day after the holiday (outlets open on weekends; a weekend payment day stays).
 */
import type { HolidayCalendar } from '../complaints/calendar';
import { addDays, type IsoDate, weekday } from './beijing';

export type { HolidayCalendar };

export type BaseDayKind = 'workday' | 'weekend' | 'holiday' | 'makeUp';

export interface DayType {
  day: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  kind: BaseDayKind;
  pension: boolean;
  payday: boolean;
  preHoliday: boolean;
  postHoliday: boolean;
}

/** The outlet's own special days (lobby settings). */
export interface OutletDays {
  /** day-of-month numbers of the month-start pension days, e.g. [1, 2, 3, 4, 5] */
  pensionDays: readonly number[];
  /** day-of-month numbers of paydays, e.g. [10, 25] */
  paydays: readonly number[];
}

export const DEFAULT_OUTLET_DAYS: OutletDays = { pensionDays: [1, 2, 3, 4, 5], paydays: [10, 25] };

function baseKind(day: string, cal: HolidayCalendar): BaseDayKind {
  if (cal.holidays.has(day)) return 'holiday';
  if (cal.workdays.has(day)) return 'makeUp';
  const w = weekday(day);
  return w === 0 || w === 6 ? 'weekend' : 'workday';
}

/** The day a payment due on `day` is made: that day, or the first day after it that is not a holiday. */
function paidOn(day: string, cal: HolidayCalendar): string {
  let d = day;
  for (let i = 0; i < 30 && baseKind(d, cal) === 'holiday'; i++) d = addDays(d, 1);
  return d;
}

/** Whether month day n exists in the month of `day` and is `day`. */
const isMonthDay = (day: string, n: number) => Number(day.slice(8, 10)) === n;

/** Whether `day` is the payment day of one of the month days `ns` (moved past holidays). */
function isPaymentDay(day: string, ns: readonly number[], cal: HolidayCalendar): boolean {
  if (baseKind(day, cal) === 'holiday') return false;
  for (let back = 0; back < 30; back++) {
    const due = addDays(day, -back);
    if (back > 0 && baseKind(due, cal) !== 'holiday') break; // only a run of holidays moves it
    if (ns.some((n) => isMonthDay(due, n)) && paidOn(due, cal) === day) return true;
  }
  return false;
}

/** The length of the run of holiday days starting at `day` (0 when it is not a holiday). */
function holidayRun(day: string, cal: HolidayCalendar, dir: 1 | -1): number {
  let n = 0;
  let d = day;
  while (n < 30 && baseKind(d, cal) === 'holiday') {
    n++;
    d = addDays(d, dir);
  }
  return n;
}

/** The type of one day. */
export function dayType(
  day: IsoDate | string,
  cal: HolidayCalendar,
  outlet: OutletDays = DEFAULT_OUTLET_DAYS,
): DayType {
  const kind = baseKind(day, cal);
  const open = kind !== 'holiday';
  return {
    day,
    weekday: weekday(day),
    kind,
    pension: open && isPaymentDay(day, outlet.pensionDays, cal),
    payday: open && isPaymentDay(day, outlet.paydays, cal),
    preHoliday: open && holidayRun(addDays(day, 1), cal, 1) >= 2,
    postHoliday: open && holidayRun(addDays(day, -1), cal, -1) >= 2,
  };
}

/** Day types of `from`…`to` inclusive. */
export function dayTypes(from: string, to: string, cal: HolidayCalendar, outlet?: OutletDays): DayType[] {
  const out: DayType[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(dayType(d, cal, outlet));
  return out;
}

/**
 * A coarse class for pooling days with too little history of their own: 'weekday' (workday and
 * make-up day), 'weekend' or 'holiday'.
 */
export function dayClass(t: DayType): 'weekday' | 'weekend' | 'holiday' {
  return t.kind === 'holiday' ? 'holiday' : t.kind === 'weekend' ? 'weekend' : 'weekday';
}

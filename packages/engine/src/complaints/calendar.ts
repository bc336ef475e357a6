/**
 * Dates of the complaint calendar. A "day" is a natural day counted in Asia/Shanghai (UTC+8,
 * no daylight saving), per Art. 43 of CBIRC Order 2020 No. 3. Dates are `YYYY-MM-DD` strings;
 * instants are ISO-8601 UTC strings or Dates. Pure: nothing here reads the clock.
 */
import { type IsoDate, addDays, weekday } from '../time/beijing';

export {
  type IsoDate,
  isoDate,
  isIsoDate,
  instantMs,
  addDays,
  daysBetween,
  weekday,
  beijingDate as shanghaiDate,
  beijingStartOfDay as shanghaiStartOfDay,
} from '../time/beijing';

/**
 * The official holiday calendar (国务院办公厅 节假日安排): days off that would be working days,
 * and make-up working days (调休) that fall on weekends. Kept as data an admin updates yearly.
 */
export interface HolidayCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function holidayCalendar(entries: Iterable<{ date: string; kind: 'holiday' | 'workday' }>) {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const e of entries) (e.kind === 'holiday' ? holidays : workdays).add(e.date);
  return { holidays, workdays } satisfies HolidayCalendar;
}

export function isWorkingDay(d: IsoDate, cal: HolidayCalendar): boolean {
  if (cal.workdays.has(d)) return true;
  if (cal.holidays.has(d)) return false;
  const w = weekday(d);
  return w !== 0 && w !== 6;
}

/** The date `n` working days after `d` (the start day itself is not counted). */
export function addWorkingDays(d: IsoDate, n: number, cal: HolidayCalendar): IsoDate {
  let day = d;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

/**
 * What looks wrong in the official calendar — warnings for the administrator, not refusals:
 * - `HOLIDAY_ON_WEEKEND`: a Saturday or Sunday marked as a holiday on its own (it is a day off
 *   already; likely a mistyped date). A weekend day inside a run of consecutive holidays that
 *   holds a weekday is how the notices write them (10-01…10-07) and is not warned about.
 * - `WORKDAY_ON_WEEKDAY`: a make-up working day (调休) on Monday–Friday (it is a working day already).
 * - `YEAR_MISSING`: a year the deadlines need (one with complaints, the coming year) without entries.
 */
export type CalendarWarning =
  | { code: 'HOLIDAY_ON_WEEKEND' | 'WORKDAY_ON_WEEKDAY'; day: IsoDate; year: number }
  | { code: 'YEAR_MISSING'; day: null; year: number };

export function calendarWarnings(
  entries: Iterable<{ date: string; kind: 'holiday' | 'workday' }>,
  yearsNeeded: Iterable<number> = [],
): CalendarWarning[] {
  const list = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const holidays = new Set(list.filter((e) => e.kind === 'holiday').map((e) => e.date));
  const isWeekend = (d: string) => weekday(d) === 0 || weekday(d) === 6;
  /** the run of consecutive holiday entries through `d` holds a weekday */
  const inWeekdayRun = (d: string) => {
    for (const step of [-1, 1]) {
      for (let day = d; holidays.has(day); day = addDays(day as IsoDate, step))
        if (!isWeekend(day)) return true;
    }
    return false;
  };
  const warnings: CalendarWarning[] = [];
  const years = new Set<number>();
  for (const e of list) {
    const day = e.date as IsoDate;
    const year = Number(e.date.slice(0, 4));
    years.add(year);
    if (e.kind === 'holiday' && isWeekend(day) && !inWeekdayRun(day))
      warnings.push({ code: 'HOLIDAY_ON_WEEKEND', day, year });
    if (e.kind === 'workday' && !isWeekend(day)) warnings.push({ code: 'WORKDAY_ON_WEEKDAY', day, year });
  }
  for (const year of [...new Set(yearsNeeded)].sort((a, b) => a - b))
    if (!years.has(year)) warnings.push({ code: 'YEAR_MISSING', day: null, year });
  return warnings;
}

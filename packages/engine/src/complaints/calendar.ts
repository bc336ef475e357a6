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

/**
 * Dates of the complaint calendar. A "day" is a natural day counted in Asia/Shanghai (UTC+8,
 * no daylight saving), per Art. 43 of CBIRC Order 2020 No. 3. Dates are `YYYY-MM-DD` strings;
 * instants are ISO-8601 UTC strings or Dates. Pure: nothing here reads the clock.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks and brands a `YYYY-MM-DD` string (a real calendar date). */
export function isoDate(s: string): IsoDate {
  const m = DATE_RE.exec(s);
  if (!m) throw new RangeError(`not a date: ${s}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== s) throw new RangeError(`not a calendar date: ${s}`);
  return s as IsoDate;
}

export const isIsoDate = (s: string): boolean => {
  try {
    isoDate(s);
    return true;
  } catch {
    return false;
  }
};

/** The Beijing-time calendar date of an instant: 2025-03-01T15:30Z (23:30 in Beijing) → 2025-03-01. */
export function shanghaiDate(at: Date | string): IsoDate {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) throw new RangeError(`not an instant: ${String(at)}`);
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) as IsoDate;
}

const dayNumber = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10) as IsoDate;

export const addDays = (d: IsoDate, n: number): IsoDate => fromDayNumber(dayNumber(d) + n);
/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: IsoDate, b: IsoDate): number => dayNumber(b) - dayNumber(a);
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (d: IsoDate): number => new Date(`${d}T00:00:00Z`).getUTCDay();

/** The first instant of a Beijing date, as ISO UTC (2025-03-02 → 2025-03-01T16:00:00.000Z). */
export const shanghaiStartOfDay = (d: IsoDate): string =>
  new Date(dayNumber(d) * DAY_MS - SHANGHAI_OFFSET_MS).toISOString();

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

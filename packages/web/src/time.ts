import { beijingDate, beijingWallClock, fromBeijingWallClock } from '@liangdian/engine/time';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * Date and time fields in Beijing time, whatever the browser's own zone (engine/time/beijing.ts).
 * Ant Design's pickers show a Dayjs in the browser's zone; these helpers hand them a value whose
 * digits are the Beijing wall clock, and read what the user picked as Beijing time. A complaint
 * received "07:32" is 07:32 in Beijing on a laptop set to UTC or New York alike.
 */

/** A picker value that shows `at` (default: now) on the Beijing clock. */
export function beijingPickerValue(at: string | Date | number = Date.now()): Dayjs {
  const w = beijingWallClock(at);
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  return dayjs(new Date(y, m - 1, d, w.hour, w.minute, w.second));
}

/** What the user picked, read as Beijing time: an ISO instant (UTC). */
export function fromBeijingPicker(d: Dayjs): string {
  return fromBeijingWallClock(d.format('YYYY-MM-DD'), d.format('HH:mm:ss'));
}

/** A picker value for a `YYYY-MM-DD` calendar date (no zone involved). */
export const dayPickerValue = (day: string): Dayjs => dayjs(day, 'YYYY-MM-DD');

/** The calendar date a date picker holds. */
export const fromDayPicker = (d: Dayjs): string => d.format('YYYY-MM-DD');

/** Today in Beijing, `YYYY-MM-DD`. */
export const beijingToday = (now: Date | number = Date.now()): string => beijingDate(now);

/** For `disabledDate`: a day after today in Beijing. */
export const isAfterBeijingToday = (d: Dayjs): boolean => d.format('YYYY-MM-DD') > beijingToday();

/** For `disabledTime`-style checks: a picked time later than now. */
export const isInTheFuture = (d: Dayjs, toleranceMs = 60_000): boolean =>
  Date.parse(fromBeijingPicker(d)) > Date.now() + toleranceMs;

import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../complaints/calendar';
import { dayClass, dayType, dayTypes } from './daytypes';

// 2026 National Day: 10-01…10-07 off (8 days with 10-08 in the official plan), make-up 09-27 (Sun), 10-10 (Sat)
const cal = holidayCalendar([
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
    date: `2026-10-${d}`,
    kind: 'holiday' as const,
  })),
  { date: '2026-09-27', kind: 'workday' },
  { date: '2026-10-10', kind: 'workday' },
]);

describe('day types', () => {
  it('tells workdays, weekends, holidays and make-up days apart', () => {
    expect(dayType('2026-09-28', cal).kind).toBe('workday'); // Monday
    expect(dayType('2026-09-26', cal).kind).toBe('weekend'); // Saturday
    expect(dayType('2026-09-27', cal).kind).toBe('makeUp'); // Sunday worked
    expect(dayType('2026-10-03', cal).kind).toBe('holiday');
    expect(dayType('2026-10-03', cal).weekday).toBe(6);
  });

  it('marks the day before and after a holiday run', () => {
    expect(dayType('2026-09-30', cal).preHoliday).toBe(true);
    expect(dayType('2026-09-29', cal).preHoliday).toBe(false);
    expect(dayType('2026-10-09', cal).postHoliday).toBe(true);
    // an ordinary weekend is not a holiday run
    expect(dayType('2026-11-06', cal).preHoliday).toBe(false);
  });

  it('moves pension days and paydays that fall on a holiday to the first day after it', () => {
    const days = { pensionDays: [1, 2, 3, 4, 5], paydays: [10, 25] };
    // Nov 2026: the 1st is a Sunday; outlets are open on weekends, so it stays
    expect(dayType('2026-11-01', cal, days).pension).toBe(true);
    expect(dayType('2026-11-05', cal, days).pension).toBe(true);
    expect(dayType('2026-11-06', cal, days).pension).toBe(false);
    // Oct 1–5 are holidays: all five pension days are paid on Oct 9
    expect(dayType('2026-10-09', cal, days).pension).toBe(true);
    expect(dayType('2026-10-03', cal, days).pension).toBe(false);
    expect(dayType('2026-10-10', cal, days).payday).toBe(true);
    expect(dayType('2026-11-25', cal, days).payday).toBe(true);
    expect(dayType('2026-11-24', cal, days).payday).toBe(false);
    expect(dayType('2026-11-10', cal, { pensionDays: [], paydays: [] }).payday).toBe(false);
  });

  it('lists a range and pools days into coarse classes', () => {
    const ds = dayTypes('2026-09-26', '2026-10-10', cal);
    expect(ds).toHaveLength(15);
    expect(ds.map(dayClass).filter((c) => c === 'holiday')).toHaveLength(8);
    expect(dayClass(dayType('2026-09-27', cal))).toBe('weekday');
  });
});

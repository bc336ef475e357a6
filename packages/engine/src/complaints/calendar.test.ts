import { describe, expect, it } from 'vitest';
import { calendarWarnings } from './calendar';
import { forwardingLate } from './deadlines';

const h = (date: string) => ({ date, kind: 'holiday' as const });
const w = (date: string) => ({ date, kind: 'workday' as const });
const range = (first: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

describe('calendarWarnings', () => {
  it('says nothing about a notice written as the State Council writes it', () => {
    // 2025 国庆: 10-01 (Wed) … 10-08 with the weekend inside; make-up days 09-28 (Sun), 10-11 (Sat)
    const entries = [...range('2025-10-01', 8).map(h), w('2025-09-28'), w('2025-10-11')];
    expect(calendarWarnings(entries, [2025])).toEqual([]);
    // a run that starts on a weekend (2024 中秋: 09-15 Sun … 09-17 Tue)
    expect(calendarWarnings(range('2024-09-15', 3).map(h))).toEqual([]);
  });

  it('warns about a weekend holiday on its own and a make-up workday on a weekday', () => {
    // Saturday and Sunday before a Monday holiday: a run with a weekday, as notices write them
    expect(calendarWarnings([h('2027-06-12'), h('2027-06-13'), h('2027-06-14')])).toEqual([]);
    // a weekend marked on its own (a mistyped date?)
    expect(calendarWarnings([h('2027-03-06'), h('2027-03-07')])).toEqual([
      { code: 'HOLIDAY_ON_WEEKEND', day: '2027-03-06', year: 2027 },
      { code: 'HOLIDAY_ON_WEEKEND', day: '2027-03-07', year: 2027 },
    ]);
    // 2027-02-10 is a Wednesday: a make-up working day there changes nothing
    expect(calendarWarnings([w('2027-02-10'), w('2027-02-06')])).toEqual([
      { code: 'WORKDAY_ON_WEEKDAY', day: '2027-02-10', year: 2027 },
    ]);
  });

  it('names the years the deadlines need that have no entries', () => {
    expect(calendarWarnings([h('2026-01-01')], [2024, 2026, 2027, 2027])).toEqual([
      { code: 'YEAR_MISSING', day: null, year: 2024 },
      { code: 'YEAR_MISSING', day: null, year: 2027 },
    ]);
  });
});

describe('forwardingLate', () => {
  it('is late when forwarded after the due date, or not forwarded and past it', () => {
    expect(forwardingLate('2024-02-22', '2024-02-22')).toBe(false);
    expect(forwardingLate('2024-02-22', '2024-02-23')).toBe(true);
    expect(forwardingLate('2024-02-22', null)).toBeNull();
    expect(forwardingLate('2024-02-22', null, '2024-02-22')).toBe(false);
    expect(forwardingLate('2024-02-22', null, '2024-02-23')).toBe(true);
    expect(forwardingLate(null, '2024-02-23', '2024-03-01')).toBeNull();
  });
});

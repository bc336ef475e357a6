import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  beijingDate,
  beijingHhmm,
  beijingStartOfDay,
  beijingWallClock,
  beijingWallDate,
  beijingWeekSlot,
  daysBetween,
  daysFromToday,
  fromBeijingWallClock,
  instantMs,
  isZonedInstant,
  toBeijingIso,
} from './beijing';

describe('Beijing time', () => {
  it('reads a wall-clock time as Beijing, whatever the host zone', () => {
    expect(fromBeijingWallClock('2026-11-02', '07:32')).toBe('2026-11-01T23:32:00.000Z');
    expect(fromBeijingWallClock('2026-11-02')).toBe('2026-11-01T16:00:00.000Z');
    expect(fromBeijingWallClock('2026-11-02', '23:59:59.5')).toBe('2026-11-02T15:59:59.500Z');
  });

  it('refuses impossible dates and times', () => {
    expect(() => fromBeijingWallClock('2026-02-30', '09:00')).toThrow(RangeError);
    expect(() => fromBeijingWallClock('2026-11-02', '24:00')).toThrow(RangeError);
    expect(() => fromBeijingWallClock('2026-11-02', '9:00')).toThrow(RangeError);
  });

  it('refuses instants without a zone, which each host would read differently', () => {
    expect(() => instantMs('2026-11-02T09:30:00')).toThrow(/zone/);
    expect(() => beijingDate('2026-11-02')).toThrow(/zone/);
    expect(isZonedInstant('2026-11-02T09:30:00+08:00')).toBe(true);
    expect(isZonedInstant('2026-11-02T09:30:00')).toBe(false);
    expect(instantMs('2026-11-02T09:30:00+08:00')).toBe(Date.parse('2026-11-02T01:30:00Z'));
  });

  it('gives the Beijing date, clock, weekday and half-hour slot of an instant', () => {
    // 2025-03-01T15:30Z is Saturday 23:30 in Beijing
    expect(beijingDate('2025-03-01T15:30:00Z')).toBe('2025-03-01');
    expect(beijingDate('2025-03-01T16:00:00Z')).toBe('2025-03-02');
    const w = beijingWallClock('2025-03-01T15:30:00Z');
    expect(w).toMatchObject({ date: '2025-03-01', hour: 23, minute: 30, minuteOfDay: 1410, weekdayMon0: 5 });
    expect(beijingWeekSlot('2025-03-01T15:30:00Z')).toEqual({ weekday: 5, slot: 47 });
    expect(beijingHhmm('2025-03-01T01:05:00Z')).toBe('09:05');
    expect(toBeijingIso('2025-03-01T15:30:00Z')).toBe('2025-03-01T23:30:00.000+08:00');
    expect(beijingWallDate('2025-03-01T15:30:00Z').toISOString()).toBe('2025-03-01T23:30:00.000Z');
  });

  it('counts calendar days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2025-01-01', '2024-12-25')).toBe(-7);
    expect(beijingStartOfDay('2025-03-02')).toBe('2025-03-01T16:00:00.000Z');
    expect(daysFromToday('2026-12-05', Date.parse('2026-12-02T17:00:00Z'))).toBe(2);
  });

  it('round-trips every minute: wall clock → instant → wall clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (raw) => {
        const ms = Math.floor(raw / 60_000) * 60_000;
        const w = beijingWallClock(ms);
        const hhmm = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
        expect(Date.parse(fromBeijingWallClock(w.date, hhmm))).toBe(ms);
      }),
    );
  });
});

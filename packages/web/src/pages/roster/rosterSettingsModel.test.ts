import type { RosterRules, StaffPreference } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  fieldPath,
  formToRules,
  gridChanges,
  gridOf,
  monthRange,
  plainMessage,
  nextWish,
  rulesToForm,
  spanOf,
  spanTimes,
  wishAt,
} from './rosterSettingsModel';

const pref = (p: Partial<StaffPreference>): StaffPreference => ({
  id: 'p1',
  outletId: 'o',
  outletName: '甲',
  staffId: 's1',
  staffName: '李娜',
  kind: 'wanted',
  weekday: 0,
  fromTime: null,
  toTime: null,
  weight: 1,
  createdBy: 'x',
  createdAt: '2026-12-01T00:00:00Z',
  ...p,
});

describe('roster settings model', () => {
  it('names the form field of a server error, a meal break window as its start or end', () => {
    expect(fieldPath('body.labour.maxHoursPerDay')).toEqual(['labour', 'maxHoursPerDay']);
    expect(fieldPath('body.hours.2.close')).toEqual(['hours', 2, 'close']);
    expect(fieldPath('body.shifts.1.mealBreak.window')).toEqual(['shifts', 1, 'mealBreak', 'to']);
    expect(fieldPath('body.shifts.1.mealBreak.window.0')).toEqual(['shifts', 1, 'mealBreak', 'from']);
    expect(fieldPath('body.toDay')).toEqual(['toDay']);
    expect(plainMessage('minRestHours：不能大于 24')).toBe('不能大于 24');
    expect(plainMessage('toDay: The end must come after the start')).toBe(
      'The end must come after the start',
    );
    expect(plainMessage('角色：取值无效')).toBe('角色：取值无效');
  });

  it('turns the rules into the form and back, a meal break switched off as none', () => {
    const rules = {
      labour: {},
      hours: [],
      weights: {},
      splitShiftsAllowed: false,
      shifts: [
        {
          role: 'teller',
          shiftStarts: ['10:00', '08:30'],
          shiftLengthsHours: [8, 4],
          mealBreak: { afterHours: 6, minutes: 60, window: ['11:00', '14:00'] },
        },
        { role: 'lobby_manager', shiftStarts: ['09:00'], shiftLengthsHours: [8], mealBreak: null },
      ],
    } as unknown as RosterRules;
    const f = rulesToForm(rules);
    expect(f.shifts[0]!.shiftStarts).toEqual(['08:30', '10:00']);
    expect(f.shifts[0]!.mealBreak).toEqual({
      on: true,
      afterHours: 6,
      minutes: 60,
      from: '11:00',
      to: '14:00',
    });
    expect(f.shifts[1]!.mealBreak.on).toBe(false);
    const back = formToRules(f);
    expect(back.shifts[0]!.mealBreak).toEqual({ afterHours: 6, minutes: 60, window: ['11:00', '14:00'] });
    expect(back.shifts[1]!.mealBreak).toBeNull();
    f.shifts[0]!.mealBreak.on = false;
    expect(formToRules(f).shifts[0]!.mealBreak).toBeNull();
  });

  it('gives a month’s first and last day, and counts days', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('')).toBeNull();
    expect(daysBetween('2026-11-30', '2026-12-02')).toBe(3);
  });

  it('reads and writes half days', () => {
    expect(spanOf(null, null)).toBe('day');
    expect(spanOf('00:00', '12:00')).toBe('am');
    expect(spanOf('12:00', '24:00')).toBe('pm');
    expect(spanOf('09:00', '11:00')).toBe('hours');
    expect(spanTimes('am', {})).toEqual({ fromTime: '00:00', toTime: '12:00' });
    expect(spanTimes('day', { fromTime: '09:00', toTime: '10:00' })).toEqual({
      fromTime: null,
      toTime: null,
    });
    expect(spanTimes('hours', { fromTime: '09:00', toTime: '10:00' })).toEqual({
      fromTime: '09:00',
      toTime: '10:00',
    });
  });

  it('builds the grid from day preferences and sends only the changed cells', () => {
    const grid = gridOf([
      pref({ id: 'a', weekday: 0, kind: 'wanted' }),
      pref({ id: 'b', weekday: 5, kind: 'unwanted' }),
      pref({ id: 'c', weekday: 5, kind: 'wanted', createdAt: '2026-11-01T00:00:00Z' }),
      pref({ id: 'd', weekday: 2, fromTime: '13:00', toTime: '17:00' }),
    ]);
    expect(wishAt(grid, 's1', 0)).toBe('wanted');
    expect(wishAt(grid, 's1', 5)).toBe('unwanted'); // the newest wins
    expect(wishAt(grid, 's1', 2)).toBe('neutral'); // a shift preference is not a day's wish
    expect(nextWish('neutral')).toBe('wanted');
    expect(nextWish('wanted')).toBe('unwanted');
    expect(nextWish('unwanted')).toBe('neutral');
    const draft = new Map([
      ['s1:0', 'wanted' as const], // unchanged: nothing sent
      ['s1:5', 'neutral' as const], // cleared: both records removed
      ['s1:3', 'unwanted' as const], // new
    ]);
    const { deletes, creates } = gridChanges(grid, draft);
    expect(deletes.sort()).toEqual(['b', 'c']);
    expect(creates).toEqual([
      { staffId: 's1', kind: 'unwanted', weekday: 3, fromTime: null, toTime: null, weight: 1 },
    ]);
  });
});

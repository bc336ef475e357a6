import { describe, expect, it } from 'vitest';
import { checkRoster } from './check';
import type { RosterShift } from './result';
import { parseRosterProblemOrThrow } from './validate';

/** A small outlet: Monday to Friday 09:00–17:00, weekend closed; two people. */
function problem(extra: Record<string, unknown> = {}) {
  const days = ['07', '08', '09', '10', '11'].map((d) => ({
    date: `2026-12-${d}`,
    open: '09:00',
    close: '17:00',
  }));
  return parseRosterProblemOrThrow({
    version: 1,
    outlet: { code: 'T', name: '测试网点' },
    weekStart: '2026-12-07',
    days: [
      ...days,
      { date: '2026-12-12', open: '09:00', close: '17:00' },
      { date: '2026-12-13', open: '09:00', close: '17:00' },
    ],
    roles: [
      {
        id: 'teller',
        shiftStarts: ['09:00', '10:00'],
        shiftLengthsHours: [4, 8, 9],
        mealBreak: { afterHours: 6, minutes: 60, window: ['11:00', '14:00'] },
      },
    ],
    posts: [
      { id: 'welcome', kind: 'welcome', name: '迎宾位', skill: '迎宾' },
      { id: 'cash', kind: 'zone', name: '现金区', skill: '现金' },
    ],
    people: [
      { id: 'a', name: '王芳', role: 'teller', skills: ['现金'], unavailable: [{ date: '2026-12-08' }] },
      { id: 'b', name: '李娜', role: 'teller', skills: ['现金', '迎宾'] },
    ],
    requirement: [],
    ...extra,
  });
}

const shift = (s: Partial<RosterShift> = {}): RosterShift => ({
  person: 'b',
  date: '2026-12-07',
  start: '09:00',
  end: '17:00',
  mealBreak: { start: '12:00', end: '13:00' },
  posts: [],
  ...s,
});
const rules = (shifts: RosterShift[], p = problem()) => checkRoster(p, shifts).map((v) => v.rule);

describe('checkRoster', () => {
  it('accepts a roster that keeps every rule', () => {
    const week = ['07', '08', '09', '10', '11'].map((d) =>
      shift({
        date: `2026-12-${d}`,
        posts: [
          { from: '09:00', to: '12:00', post: 'cash' },
          { from: '13:00', to: '17:00', post: 'welcome' },
        ],
      }),
    );
    expect(checkRoster(problem(), week)).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(rules([shift({ person: 'zz' })])).toEqual(['unknown-person']);
    expect(rules([shift({ start: '08:00', end: '16:00' })])).toContain('outside-hours');
    expect(rules([shift({ start: '09:30', end: '13:30', mealBreak: undefined })])).toEqual(['not-a-pattern']);
    expect(rules([shift({ end: '16:00', mealBreak: { start: '12:00', end: '13:00' } })])).toEqual([
      'not-a-pattern',
    ]);
    expect(rules([shift({ person: 'a', date: '2026-12-08' })])).toEqual(['unavailable']);
    expect(rules([shift({ mealBreak: undefined })])).toEqual(['meal-break']);
    expect(rules([shift({ mealBreak: { start: '14:30', end: '15:30' } })])).toEqual(['meal-break']);
    expect(rules([shift({ mealBreak: { start: '12:00', end: '12:30' } })])).toEqual(['meal-break']);
    expect(
      rules([
        shift({ end: '13:00', mealBreak: undefined }),
        shift({ start: '10:00', end: '14:00', mealBreak: undefined }),
      ]),
    ).toEqual(expect.arrayContaining(['overlap', 'split-shift']));
    expect(rules([shift({ posts: [{ from: '09:00', to: '10:00', post: 'vault' }] })])).toEqual([
      'unknown-post',
    ]);
    expect(rules([shift({ person: 'a', posts: [{ from: '09:00', to: '10:00', post: 'welcome' }] })])).toEqual(
      ['skill'],
    );
    expect(rules([shift({ posts: [{ from: '12:00', to: '12:30', post: 'cash' }] })])).toEqual([
      'not-on-shift',
    ]);
    expect(
      rules([
        shift({
          posts: [
            { from: '09:00', to: '10:00', post: 'cash' },
            { from: '09:30', to: '10:30', post: 'welcome' },
          ],
        }),
      ]),
    ).toEqual(['double-post']);
  });

  it('checks daily and weekly hours, overtime, days off and rest', () => {
    const long = (d: string) => shift({ date: `2026-12-${d}`, end: '17:00', start: '09:00' });
    // 8 h with a 1 h break = 7 h: seven such days break the day off and weekly hours (49 h > 44 h)
    const six = ['07', '08', '09', '10', '11', '12', '13'].map(long);
    const r = rules(six);
    expect(r).toContain('days-off');
    expect(r).toContain('weekly-hours');
    // daily cap: two 4-hour pieces of a split shift are 8 h, over maxHoursPerDay 6 + 1 h overtime
    const split = problem({
      rules: { maxHoursPerDay: 6 },
      roles: [
        { id: 'teller', shiftStarts: ['09:00', '13:00'], shiftLengthsHours: [4], splitShiftsAllowed: true },
      ],
    });
    const piece = (start: string, end: string) => shift({ start, end, mealBreak: undefined });
    expect(rules([piece('09:00', '13:00'), piece('13:00', '17:00')], split)).toEqual(['daily-hours']);
    // overtime above the weekly allowance while under the weekly cap
    const p = problem({
      rules: { maxHoursPerDay: 6, maxOvertimeHoursPerDay: 1, maxOvertimeHoursPerWeek: 2 },
      roles: [
        {
          id: 'teller',
          shiftStarts: ['09:00'],
          shiftLengthsHours: [8],
          mealBreak: { afterHours: 6, minutes: 60, window: ['11:00', '14:00'] },
        },
      ],
    });
    expect(rules(['07', '08', '09'].map(long), p)).toEqual(['overtime']);
    // rest: 11 h needed between 17:00 and the next day's start; 10 h with minRestHours 17
    const rest = problem({ rules: { minRestHours: 17 } });
    expect(rules([long('07'), long('08')], rest)).toEqual(['rest']);
    const v = checkRoster(rest, [long('07'), long('08')])[0]!;
    expect(v.text['zh-CN']).toContain('李娜');
    expect(v.text['en-US']).toContain('Tue 09:00');
    expect(v.text['en-US']).toContain('16 h of rest');
  });
});

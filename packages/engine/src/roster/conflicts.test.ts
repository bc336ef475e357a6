import { describe, expect, it } from 'vitest';
import { findConflicts } from './conflicts';
import { assignPostsOnGrid, coverageOf } from './decode';
import { buildGrid } from './grid';
import { parseRosterProblemOrThrow } from './validate';

const dates = ['07', '08', '09', '10', '11', '12', '13'].map((d) => `2026-12-${d}`);

function grid(
  people: Array<{ id: string; skills: string[] }>,
  skillName?: { 'zh-CN'?: string; 'en-US'?: string },
) {
  return buildGrid(
    parseRosterProblemOrThrow({
      version: 1,
      outlet: { code: 'T', name: '测试网点' },
      weekStart: '2026-12-07',
      days: dates.map((date) => ({ date, open: '09:00', close: '17:00' })),
      roles: [
        {
          id: 't',
          shiftStarts: ['09:00'],
          shiftLengthsHours: [8],
          mealBreak: { minutes: 60, window: ['12:00', '14:00'] },
        },
      ],
      posts: [
        { id: 'super', kind: 'super-counter', name: '超柜位', skill: '超柜' },
        { id: 'cash', kind: 'zone', name: '现金区', skill: '现金', ...(skillName ? { skillName } : {}) },
      ],
      people: people.map((p) => ({ ...p, name: p.id, role: 't' })),
      requirement: [{ date: dates[6]!, start: '10:00', post: 'cash', people: 1 }],
      rules: { fixedPostsAlwaysHeld: false },
    }),
  );
}

const day = (date: string) => ({
  person: 'a',
  date,
  start: '09:00',
  end: '17:00',
  mealBreak: { start: '12:00', end: '13:00' },
  posts: [],
});

describe('findConflicts', () => {
  it('says the weekly hours are used up when the only able person has worked six days', () => {
    const g = grid([{ id: 'a', skills: ['现金'] }]);
    const shifts = assignPostsOnGrid(g, dates.slice(0, 6).map(day));
    const c = findConflicts(g, shifts, coverageOf(g, shifts));
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({
      date: dates[6],
      from: '10:00',
      to: '10:30',
      post: 'cash',
      required: 1,
      scheduled: 0,
      available: 1,
      reason: 'weekly-hours',
    });
    expect(c[0]!.text['en-US']).toBe(
      'Sun 10:00–10:30 现金区 needs 1 person with skill 现金 but only 0 can be scheduled: the others available have used up their weekly hours (44 h)',
    );
  });

  it('says nobody has the skill', () => {
    const g = grid([{ id: 'a', skills: ['超柜'] }]);
    const c = findConflicts(g, [], coverageOf(g, []));
    expect(c[0]!.reason).toBe('skill');
    expect(c[0]!.text['zh-CN']).toBe(
      '周日 10:00–10:30 现金区需要 1 名具备「现金」技能的人员，但没有可排的人',
    );
  });

  it('says the able people are on shift but needed elsewhere', () => {
    const g = grid([{ id: 'a', skills: ['现金', '超柜'] }]);
    const shifts = [{ ...day(dates[6]!), posts: [{ from: '09:00', to: '12:00', post: 'super' }] }];
    const c = findConflicts(g, shifts, coverageOf(g, shifts));
    expect(c[0]!.reason).toBe('competing');
  });

  it('names the skill as people call it, in each language, when the post says it', () => {
    const g = grid([{ id: 'a', skills: ['超柜'] }], { 'zh-CN': '现金业务', 'en-US': 'Cash' });
    const c = findConflicts(g, [], coverageOf(g, []));
    expect(c[0]!.text['zh-CN']).toBe(
      '周日 10:00–10:30 现金区需要 1 名具备「现金业务」技能的人员，但没有可排的人',
    );
    expect(c[0]!.text['en-US']).toContain('needs 1 person with skill Cash but');
  });
});

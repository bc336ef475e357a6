import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRosterIssue, parseRosterProblem } from './validate';

const sample = () =>
  JSON.parse(readFileSync(new URL('../../../../docs/rosters/roster-15.json', import.meta.url), 'utf8'));

// The sample as loose JSON, so that tests can break it in any way.
// biome-ignore lint/suspicious/noExplicitAny: test data is edited freely
type Loose = any;

function issuesOf(mutate: (p: Loose) => void) {
  const p = sample();
  mutate(p);
  const r = parseRosterProblem(p);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('parseRosterProblem', () => {
  it('accepts the documented sample and fills the defaults', () => {
    const r = parseRosterProblem(sample());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.problem.people).toHaveLength(15);
    expect(r.problem.people[0]!.elastic).toBe(false);
    expect(r.problem.roles[0]!.splitShiftsAllowed).toBe(false);
  });

  it('names an unknown skill by its JSON path, in both languages', () => {
    const issues = issuesOf((p) => {
      p.people[3].skills[0] = '外汇';
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('$.people[3].skills[0]');
    expect(issues[0]!.code).toBe('unknown-skill');
    expect(formatRosterIssue(issues[0]!, 'en-US')).toBe(
      '$.people[3].skills[0]: unknown skill "外汇" (no post needs it)',
    );
    expect(formatRosterIssue(issues[0]!, 'zh-CN')).toContain('未知技能 "外汇"');
  });

  it('lists every mistake, not only the first', () => {
    const issues = issuesOf((p) => {
      p.weekStart = '2026-12-08';
      p.people[0].role = 'cashier';
      p.requirement[5].post = 'vault';
      p.requirement[6].start = '09:15';
      p.roles[1].shiftStarts.push('10:10');
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('$.weekStart');
    expect(paths).toContain('$.people[0].role');
    expect(paths).toContain('$.requirement[5].post');
    expect(paths).toContain('$.requirement[6].start');
    expect(paths).toContain('$.roles[1].shiftStarts[6]');
  });

  it('reports type mistakes with their path', () => {
    const issues = issuesOf((p) => {
      p.people[2].contractHoursPerWeek = 'forty';
      delete p.posts[0].name;
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['$.people[2].contractHoursPerWeek', '$.posts[0].name']);
    expect(issues.every((i) => i.code === 'schema')).toBe(true);
  });

  it('checks days, the week and the requirement against opening hours', () => {
    const issues = issuesOf((p) => {
      p.days[2].date = '2026-12-10';
      p.days[3] = { date: '2026-12-10', open: '17:00', close: '09:00' };
      p.requirement.push({ date: '2026-12-07', start: '18:00', post: 'cash', people: 1 });
      p.requirement.push({ date: '2026-12-20', start: '10:00', post: 'cash', people: 1 });
      p.requirement.push({ ...p.requirement[0] });
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.code]));
    expect(byPath['$.days[2].date']).toBe('day-order');
    expect(byPath['$.days[3].close']).toBe('close-before-open');
    const n = sample().requirement.length;
    expect(byPath[`$.requirement[${n}].start`]).toBe('outside-hours');
    expect(byPath[`$.requirement[${n + 1}].date`]).toBe('outside-week');
    expect(byPath[`$.requirement[${n + 2}]`]).toBe('duplicate-row');
  });

  it('rejects a zone without a skill, a duplicate id and a shift longer than the daily cap', () => {
    const issues = issuesOf((p) => {
      delete p.posts[2].skill;
      p.people[1].id = p.people[0].id;
      p.roles[0].shiftLengthsHours.push(11);
      p.people[2].skills = p.people[2].skills.filter((s: string) => s !== '现金');
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.code]));
    expect(byPath['$.posts[2].skill']).toBe('zone-needs-skill');
    expect(byPath['$.people[1].id']).toBe('duplicate-id');
    expect(byPath['$.roles[0].shiftLengthsHours[3]']).toBe('shift-too-long');
  });

  it('checks preferences and leave', () => {
    const issues = issuesOf((p) => {
      p.people[0].wants = [{}];
      p.people[0].avoids = [{ date: '2026-12-08', weekday: 2 }];
      p.people[1].unavailable = [{ date: '2026-12-08', from: '10:00' }];
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.code]));
    expect(byPath['$.people[0].wants[0]']).toBe('empty-preference');
    expect(byPath['$.people[0].avoids[0]']).toBe('date-and-weekday');
    expect(byPath['$.people[1].unavailable[0]']).toBe('from-to-pair');
  });
});

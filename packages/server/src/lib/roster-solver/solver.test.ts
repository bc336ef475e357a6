import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { solveRoster } from './index';

const sample = () =>
  JSON.parse(readFileSync(new URL('../../../../../docs/rosters/roster-15.json', import.meta.url), 'utf8'));

/** One Wednesday: 理财区 needs 2 people 13:00–14:00 but only one person has the skill. */
function tooFewSkilled() {
  const days = Array.from({ length: 7 }, (_, k) => ({
    date: `2026-12-${String(7 + k).padStart(2, '0')}`,
    closed: true,
  }));
  days[2] = { date: '2026-12-09', open: '09:00', close: '17:00' } as never;
  return {
    version: 1,
    outlet: { code: 'T', name: '测试网点' },
    weekStart: '2026-12-07',
    days,
    roles: [{ id: 'wm', shiftStarts: ['09:00'], shiftLengthsHours: [8] }],
    posts: [{ id: 'wealth', kind: 'zone', name: '理财区', skill: '理财' }],
    people: [
      { id: 'a', name: '王芳', role: 'wm', skills: ['理财'] },
      { id: 'b', name: '李娜', role: 'wm', skills: [] },
    ],
    requirement: ['13:00', '13:30'].map((start) => ({
      date: '2026-12-09',
      start,
      post: 'wealth',
      people: 2,
    })),
  };
}

describe('solveRoster', () => {
  it('solves the 15-person week to optimal, breaking no rule and covering every slot', async () => {
    const progress: number[] = [];
    const r = await solveRoster(sample(), {
      timeLimitSeconds: 30,
      onProgress: (p) => progress.push(p.seconds),
    });
    expect(r.status).toBe('optimal');
    expect(r.timeLimited).toBe(false);
    expect(r.gap).toBeLessThanOrEqual(0.01);
    expect(r.violations).toEqual([]);
    expect(r.conflicts).toEqual([]);
    expect(r.coverage.every((c) => c.scheduled >= c.required)).toBe(true);
    expect(r.model.integers).toBeGreaterThan(500);
    expect(progress.length).toBeGreaterThan(0);
    // everybody gets a day off, nobody on leave works
    const days = new Map<string, Set<string>>();
    for (const s of r.shifts) days.set(s.person, (days.get(s.person) ?? new Set()).add(s.date));
    for (const d of days.values()) expect(d.size).toBeLessThanOrEqual(6);
    expect(r.shifts.some((s) => s.person === 'p05' && s.date === '2026-12-09')).toBe(false);
  }, 60_000);

  it('keeps every rule under tighter rules and split shifts (model and checkRoster agree)', async () => {
    const p = sample();
    p.rules = {
      minRestHours: 16.5,
      maxOvertimeHoursPerWeek: 0,
      minDaysOffPerWeek: 2,
      lateShiftEndsAfter: '16:00',
    };
    p.roles[1].splitShiftsAllowed = true;
    p.roles[1].shiftLengthsHours = [3, 4, 8, 9];
    p.people[0].unavailable = [{ date: '2026-12-08', from: '09:00', to: '12:00' }];
    let lag = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      lag = Math.max(lag, now - last);
      last = now;
    }, 20);
    const r = await solveRoster(p, { timeLimitSeconds: 8 });
    clearInterval(tick);
    expect(['optimal', 'feasible', 'infeasible']).toContain(r.status);
    expect(r.violations).toEqual([]);
    const days = new Map<string, Set<string>>();
    for (const s of r.shifts) days.set(s.person, (days.get(s.person) ?? new Set()).add(s.date));
    for (const d of days.values()) expect(d.size).toBeLessThanOrEqual(5);
    expect(r.shifts.some((s) => s.person === 'p01' && s.date === '2026-12-08' && s.start < '12:00')).toBe(
      false,
    );
    // the solver runs in its worker: the event loop keeps ticking
    expect(lag).toBeLessThan(500);
  }, 60_000);

  it('names the conflict when the requirement cannot be met', async () => {
    const r = await solveRoster(tooFewSkilled(), { timeLimitSeconds: 10 });
    expect(r.status).toBe('infeasible');
    expect(r.violations).toEqual([]);
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0]!;
    expect(c).toMatchObject({
      date: '2026-12-09',
      from: '13:00',
      to: '14:00',
      post: 'wealth',
      required: 2,
      scheduled: 1,
      available: 1,
      reason: 'skill',
    });
    expect(c.text['en-US']).toBe(
      'Wed 13:00–14:00 理财区 needs 2 people with skill 理财 but only 1 is available',
    );
    expect(c.text['zh-CN']).toBe('周三 13:00–14:00 理财区需要 2 名具备「理财」技能的人员，但只有 1 名可排');
  }, 30_000);

  it('returns the best roster found at the time limit, marked so', async () => {
    const r = await solveRoster(sample(), { timeLimitSeconds: 0.05 });
    expect(r.timeLimited).toBe(true);
    expect(r.status).toBe('feasible');
    expect(r.violations).toEqual([]);
  }, 60_000);

  it('lists the mistakes of an invalid problem without solving', async () => {
    const p = sample();
    p.people[3].skills[0] = '外汇';
    const r = await solveRoster(p);
    expect(r.status).toBe('invalid');
    expect(r.issues?.map((i) => i.path)).toEqual(['$.people[3].skills[0]']);
  });

  it('stops the worker when the signal aborts', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const run = solveRoster(sample(), { timeLimitSeconds: 60, gap: 0, signal: ac.signal });
    setTimeout(() => ac.abort(), 200);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});

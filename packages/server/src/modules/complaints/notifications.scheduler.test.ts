import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock';
import { DueReminderScheduler } from './notifications.scheduler';
import type { DueScope } from './notifications.service';

describe('DueReminderScheduler: what runs when, from the injected clock', () => {
  const make = () => {
    const runs: [string, DueScope][] = [];
    let fail = false;
    const s = new DueReminderScheduler(async (now, scope) => {
      if (fail) throw new Error('db down');
      runs.push([now.toISOString(), scope]);
      return 1;
    });
    return { s, runs, failNext: (f: boolean) => (fail = f) };
  };

  it('runs the morning from 08:00 Beijing, then once an hour, never twice in an hour', async () => {
    const { s, runs } = make();
    const clock = new ManualClock('2026-11-02T07:59:00+08:00');
    expect(await s.tick(clock.now())).toEqual({ scope: null, created: 0 });
    clock.advanceMinutes(1); // 08:00
    expect(await s.tick(clock.now())).toEqual({ scope: 'window', created: 1 });
    clock.advanceMinutes(30);
    expect(await s.tick(clock.now())).toEqual({ scope: null, created: 0 });
    clock.advanceMinutes(30); // 09:00
    expect(await s.tick(clock.now())).toEqual({ scope: 'today', created: 1 });
    expect(s.due(clock.now())).toBeNull();
    clock.set('2026-11-02T23:59:00+08:00');
    expect(await s.tick(clock.now())).toEqual({ scope: 'today', created: 1 });
    clock.set('2026-11-03T00:30:00+08:00'); // a new day, before the morning
    expect(await s.tick(clock.now())).toEqual({ scope: null, created: 0 });
    clock.set('2026-11-03T10:15:00+08:00'); // started late: the morning's run first
    expect(await s.tick(clock.now())).toEqual({ scope: 'window', created: 1 });
    expect(runs.map((r) => r[1])).toEqual(['window', 'today', 'today', 'window']);
  });

  it('tries again at the next tick when a run fails, and runs one at a time', async () => {
    const { s, runs, failNext } = make();
    const at = new Date('2026-11-02T08:10:00+08:00');
    failNext(true);
    await expect(s.tick(at)).rejects.toThrow('db down');
    failNext(false);
    const [a, b] = await Promise.all([s.tick(at), s.tick(at)]);
    expect([a, b]).toEqual([
      { scope: 'window', created: 1 },
      { scope: null, created: 0 },
    ]);
    expect(runs).toHaveLength(1);
  });
});

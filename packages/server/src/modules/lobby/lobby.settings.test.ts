import { describe, expect, it } from 'vitest';
import { defaultPlan, planMode, planOf, presentSettings, rulesOf } from './lobby.settings';

describe('lobby settings', () => {
  it('reads the plan in Beijing half hours of the week, whatever the host zone', () => {
    const plan = defaultPlan();
    plan.days[0]![18] = 'rotating'; // Monday 09:00–09:30 in Beijing
    plan.days[0]![1] = 'rotating'; // Monday 00:30–01:00
    expect(planMode(plan, Date.parse('2026-11-02T01:00:00Z'))).toBe('rotating'); // Mon 09:00
    expect(planMode(plan, Date.parse('2026-11-02T01:29:59Z'))).toBe('rotating');
    expect(planMode(plan, Date.parse('2026-11-02T01:30:00Z'))).toBe('fixed'); // Mon 09:30
    // Monday 00:45 in Beijing is still Sunday in UTC: the plan's Monday counts
    expect(planMode(plan, Date.parse('2026-11-01T16:45:00Z'))).toBe('rotating');
    expect(planMode(plan, Date.parse('2026-11-01T15:45:00Z'))).toBe('fixed'); // Sunday 23:45
    expect(planMode(null, Date.parse('2026-11-02T01:00:00Z'))).toBe('fixed');
  });

  it('fills in the defaults of an outlet without a settings row', () => {
    expect(presentSettings(undefined, 'o1')).toEqual({
      outletId: 'o1',
      serviceLevelTarget: 0.8,
      targetWaitMinutes: 10,
      promptTimeoutSeconds: 60,
      modeObjective: null,
      pensionDays: [1, 2, 3, 4, 5],
      paydays: [10, 25],
      elastic: { enabled: true, surgeShare: 0.3, minArrivals: 5 },
    });
    expect(planOf(undefined)).toBeNull();
    expect(rulesOf(undefined)).toEqual([]);
    expect(
      defaultPlan()
        .days.flat()
        .every((m) => m === 'fixed'),
    ).toBe(true);
  });
});

import { parseScenario } from '@liangdian/engine';
import { describe, expect, it } from 'vitest';
import {
  buildScenario,
  compareModes,
  defaultRates,
  type FloorInput,
  ratesFromHistory,
} from './recommend.model';

const floor = (over: Partial<FloorInput> = {}): FloorInput => ({
  name: '测试支行',
  zones: [
    { id: 'z-cash', kind: 'cash', name: '现金区', capacity: 2 },
    { id: 'z-super', kind: 'super_counter', name: '超柜区', capacity: 4 },
    { id: 'z-wait', kind: 'waiting', name: '等候区', capacity: 30 },
  ],
  posts: [
    { id: 'p-welcome', kind: 'welcome', zoneId: null },
    { id: 'p-cash', kind: 'zone', zoneId: 'z-cash' },
    { id: 'p-super', kind: 'super_counter', zoneId: null },
  ],
  staff: [
    { id: 's1', name: '大堂 王', roles: ['lobby_manager'], skills: [], homePostId: 'p-welcome' },
    { id: 's2', name: '柜员 李', roles: ['teller'], skills: ['cash'], homePostId: 'p-cash' },
    { id: 's3', name: '柜员 赵', roles: ['teller'], skills: ['cash', 'card'], homePostId: 'p-super' },
  ],
  businessTypes: [
    { code: 'cash', defaultZoneKind: 'cash' },
    { code: 'card', defaultZoneKind: 'super_counter' },
  ],
  arrivals: defaultRates(['cash', 'card']),
  targetWaitMinutes: 10,
  ...over,
});

describe('mode recommendation', () => {
  it('builds a valid engine scenario from the outlet floor', () => {
    const scn = buildScenario(floor(), 'rotating');
    const parsed = parseScenario(scn);
    expect(parsed.ok).toBe(true);
    expect(scn!.zones.map((z) => [z.id, z.kind, z.serves])).toEqual([
      ['z-cash', 'counter', ['cash']],
      ['z-super', 'superCounter', ['card']],
    ]);
    expect(scn!.staff.map((s) => s.home)).toEqual(['welcome', 'z-cash', 'z-super']);
    expect(buildScenario(floor({ zones: [] }), 'fixed')).toBeNull();
  });

  it('compares both modes per half hour through the engine', () => {
    const slots = compareModes(floor(), 3)!;
    expect(slots).toHaveLength(16);
    expect(slots[0]!.start).toBe('09:00');
    for (const s of slots) {
      expect(s.fixed.serviceLevel === null || (s.fixed.serviceLevel >= 0 && s.fixed.serviceLevel <= 1)).toBe(
        true,
      );
      expect(['fixed', 'rotating']).toContain(s.better);
    }
    // The better mode follows the documented rule, and a run is reproducible.
    for (const s of slots) {
      const rotatingWins =
        (s.rotating.serviceLevel ?? 0) >= (s.fixed.serviceLevel ?? 0) &&
        (s.rotating.meanWaitMinutes ?? 0) <= (s.fixed.meanWaitMinutes ?? 0) + 0.5;
      expect(s.better).toBe(rotatingWins ? 'rotating' : 'fixed');
    }
    expect(compareModes(floor(), 3)).toEqual(slots);
    expect(slots.some((s) => s.fixed.meanWaitMinutes !== s.rotating.meanWaitMinutes)).toBe(true);
  });

  it('takes arrival rates from history when there are enough tickets, per weekday and half hour', () => {
    const monday0930 = Date.parse('2026-10-26T01:30:00Z'); // Monday 09:30 in Shanghai
    const issues = Array.from({ length: 60 }, (_, i) => ({
      at: monday0930 + (i % 4) * 7 * 86_400_000,
      businessType: 'cash',
    }));
    const rates = ratesFromHistory(issues, 0, 4)!;
    expect(rates.get('cash')![1]).toBe(30); // 60 tickets in four half hours → 15 each → 30 per hour
    expect(ratesFromHistory(issues, 1, 4)).toBeNull();
    expect(ratesFromHistory(issues.slice(0, 10), 0, 4)).toBeNull();
  });
});

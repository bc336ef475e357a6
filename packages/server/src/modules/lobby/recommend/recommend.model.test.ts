import { DEFAULT_OBJECTIVE, parseScenario } from '@liangdian/engine';
import { MODE_OBJECTIVE_DEFAULTS, MODE_OBJECTIVE_KEYS } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import {
  buildScenario,
  defaultRates,
  type FloorInput,
  ratesFromHistory,
  recommendFloor,
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
    const scn = buildScenario(floor());
    const parsed = parseScenario(scn);
    expect(parsed.ok).toBe(true);
    expect(scn!.zones.map((z) => [z.id, z.kind, z.serves])).toEqual([
      ['z-cash', 'counter', ['cash']],
      ['z-super', 'superCounter', ['card']],
    ]);
    expect(scn!.staff.map((s) => s.home)).toEqual(['welcome', 'z-cash', 'z-super']);
    expect(scn!.hours).toEqual({ open: '09:00', close: '17:00' });
    expect(scn!.businessTypes[0]!.patience).toEqual({ type: 'exponential', mean: 30 });
    // no lobby team besides the door's holder: everyone else may cover the door
    expect(scn!.welcome!.backups).toEqual(['s2', 's3']);
    expect(buildScenario(floor({ zones: [] }))).toBeNull();
  });

  it('takes calibrated hours, service and patience when given, today’s constants otherwise', () => {
    const scn = buildScenario(
      floor({
        hours: { open: '08:30', close: '12:00' },
        service: { cash: { type: 'empirical', values: [2, 3, 4] } },
        patience: { card: { type: 'deterministic', value: 12 } },
        arrivals: new Map([['cash', [10, 20, 30, 40, 50, 60, 70, 80, 90]]]),
      }),
    )!;
    expect(scn.hours).toEqual({ open: '08:30', close: '12:00' });
    expect(scn.businessTypes[0]!.service).toEqual({ type: 'empirical', values: [2, 3, 4] });
    expect(scn.businessTypes[0]!.arrivalsPerHour).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(scn.businessTypes[1]!.service).toEqual({ type: 'lognormal', mean: 6, sd: 3 });
    expect(scn.businessTypes[1]!.patience).toEqual({ type: 'deterministic', value: 12 });
    expect(parseScenario(scn).ok).toBe(true);
  });

  it('the door is covered by the lobby team, or by the outlet’s rule for the welcome post', () => {
    const team = floor({
      staff: [
        ...floor().staff,
        {
          id: 's4',
          name: '大堂服务 钱',
          roles: ['lobby_service_manager'],
          skills: ['card'],
          homePostId: 'p-super',
        },
      ],
    });
    expect(buildScenario(team)!.welcome!.backups).toEqual(['s4']);
    const rule = {
      ...team,
      welcomeBackups: [{ staffId: 's3' }, { role: 'lobby_service_manager' }, { role: 'teller' }],
    };
    expect(buildScenario(rule)!.welcome!.backups).toEqual(['s3', 's4', 's2']);
  });

  it('recommends through the engine: per slot both modes, the objective, the crossover', () => {
    const rec = recommendFloor(floor(), { replications: 5 })!;
    expect(rec.slots).toHaveLength(16);
    expect(rec.slots[0]!.start).toBe('09:00');
    expect(rec.slots[15]!.end).toBe('17:00');
    for (const s of rec.slots) {
      expect(['fixed', 'rotating']).toContain(s.better);
      expect(s.better).toBe(s.rotating.score <= s.fixed.score ? 'rotating' : 'fixed');
    }
    expect(rec.objective).toEqual(DEFAULT_OBJECTIVE);
    expect(rec.crossover).not.toBeNull();
    expect(recommendFloor(floor(), { replications: 5 })).toEqual(rec);
    const own = recommendFloor(floor(), { replications: 5, objective: { waitMinute: 3 } })!;
    expect(own.objective.waitMinute).toBe(3);
    expect(recommendFloor(floor({ zones: [] }), { replications: 5 })).toBeNull();
  });

  it('the shared weights are the engine’s', () => {
    expect(MODE_OBJECTIVE_DEFAULTS).toEqual(DEFAULT_OBJECTIVE);
    expect([...MODE_OBJECTIVE_KEYS].sort()).toEqual(Object.keys(DEFAULT_OBJECTIVE).sort());
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

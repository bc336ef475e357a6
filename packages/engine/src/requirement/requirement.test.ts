import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { requirementOf } from './requirement';

/** A morning with a peak at 10:00–11:00 the counter zone cannot fully absorb (capacity 5). */
function morning(peak = 50, capacity = 5): ScenarioInput {
  return {
    name: 'morning',
    hours: { open: '09:00', close: '13:00' },
    businessTypes: [
      {
        id: 'cash',
        arrivalsPerHour: [20, 20, peak, peak, 20, 20, 20, 20],
        service: { type: 'exponential', mean: 6 },
        targetWaitMinutes: 10,
      },
      { id: 'sc', arrivalsPerHour: 12, service: { type: 'exponential', mean: 5 }, targetWaitMinutes: 10 },
    ],
    zones: [
      { id: 'counter', kind: 'counter', capacity, serves: ['cash'] },
      { id: 'super', kind: 'superCounter', capacity: 4, serves: ['sc'], assistPerStaff: 2 },
    ],
    staff: [],
  };
}

describe('requirementOf', () => {
  it('raises the slot after a peak whose queue carries over, where Erlang sees only the slot', () => {
    const r = requirementOf(morning(), { serviceLevel: 0.8, replications: 60 });
    const at = (start: string) => r.slots.find((s) => s.start === start)!.zones[0]!;
    // the peak: no count up to the capacity meets the target by Erlang
    expect(at('10:00').erlang).toBeNull();
    expect(at('10:00').reason).toBe('capacity');
    // 11:00: Erlang (steady state, 2 Erlangs) asks less than the day needs with the backlog
    const after = at('11:00');
    expect(after.erlang).toBe(3);
    expect(after.simulated).toBeGreaterThan(after.erlang!);
    expect(after.differs).toBe(true);
    expect(after.reason).toBe('carryOver');
    expect(r.differences).toBeGreaterThan(0);
  });

  it('meets the target in every slot when the capacity allows, the fixed posts always held', () => {
    const r = requirementOf(morning(40, 10), { serviceLevel: 0.8, replications: 60 });
    expect(r.met).toBe(true);
    for (const s of r.slots) {
      expect(s.welcome.simulated).toBeGreaterThanOrEqual(1);
      expect(s.superCounter!.simulated).toBeGreaterThanOrEqual(1);
      const c = s.zones[0]!;
      if (c.simulatedServiceLevel !== null) expect(c.simulatedServiceLevel).toBeGreaterThanOrEqual(0.8);
      expect(s.total.simulated).toBe(c.simulated + s.welcome.simulated + s.superCounter!.simulated);
    }
    expect(r.superCounterZone).toBe('super');
    expect(r.zones.map((z) => z.id)).toEqual(['counter']);
  });

  it('holds each zone in fixed assignment and not in rotating backfill when nobody comes', () => {
    const sc = morning(20, 10);
    sc.businessTypes[0]!.arrivalsPerHour = [0, 0, 0, 0, 0, 0, 0, 0];
    const r = requirementOf(sc, {
      serviceLevel: 0.8,
      replications: 10,
      modes: ['fixed', 'rotating', 'fixed', 'rotating', 'fixed', 'rotating', 'fixed', 'rotating'],
    });
    expect(r.slots.map((s) => s.zones[0]!.simulated)).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    expect(r.slots[0]!.zones[0]!.reason).toBe('fixedMode');
  });

  it('is reproducible for a seed and rejects a service level outside (0, 1)', () => {
    const a = requirementOf(morning(), { serviceLevel: 0.8, replications: 20, seed: 7 });
    const b = requirementOf(morning(), { serviceLevel: 0.8, replications: 20, seed: 7 });
    expect(a).toEqual(b);
    expect(() => requirementOf(morning(), { serviceLevel: 1 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/schema';
import { requirementOf } from './requirement';
import { serviceLevelOf } from './service-level';

/** A morning with a peak at 10:00–11:00; a counter zone and a super-counter. */
function morning(): ScenarioInput {
  return {
    name: 'morning',
    hours: { open: '09:00', close: '13:00' },
    businessTypes: [
      {
        id: 'cash',
        arrivalsPerHour: [20, 20, 40, 40, 20, 20, 20, 20],
        service: { type: 'exponential', mean: 6 },
        targetWaitMinutes: 10,
      },
      { id: 'sc', arrivalsPerHour: 12, service: { type: 'exponential', mean: 5 }, targetWaitMinutes: 10 },
    ],
    zones: [
      { id: 'counter', kind: 'counter', capacity: 10, serves: ['cash'] },
      { id: 'super', kind: 'superCounter', capacity: 4, serves: ['sc'], assistPerStaff: 2 },
    ],
    staff: [],
  };
}

const flat = (n: number) => Array.from({ length: 8 }, () => n);

describe('serviceLevelOf', () => {
  it('gives a higher service level with more people, per slot and for the day', () => {
    const few = serviceLevelOf(morning(), { zones: { counter: flat(2), super: flat(1) }, welcome: flat(1) });
    const many = serviceLevelOf(morning(), { zones: { counter: flat(5), super: flat(1) }, welcome: flat(1) });
    const counter = (r: typeof few) => r.zones.find((z) => z.id === 'counter')!;
    expect(counter(many).level!).toBeGreaterThan(counter(few).level!);
    expect(many.level!).toBeGreaterThan(few.level!);
    // the peak slot itself
    expect(counter(many).slots[2]!.level!).toBeGreaterThan(counter(few).slots[2]!.level!);
    expect(counter(few).slots.map((s) => s.start)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '12:00',
      '12:30',
    ]);
    expect(few.welcome?.id).toBe('welcome');
  });

  it('nobody at a zone serves nobody in time', () => {
    const r = serviceLevelOf(morning(), { zones: { super: flat(1) } });
    const counter = r.zones.find((z) => z.id === 'counter')!;
    expect(counter.level!).toBeLessThan(0.2);
    expect(r.welcome).toBeNull();
  });

  it("meets the target with the requirement's own counts", () => {
    const req = requirementOf(morning(), { serviceLevel: 0.8, replications: 60 });
    expect(req.met).toBe(true);
    const r = serviceLevelOf(morning(), {
      zones: {
        counter: req.slots.map((s) => s.zones[0]!.simulated),
        super: req.slots.map((s) => s.superCounter!.simulated),
      },
      welcome: req.slots.map((s) => s.welcome.simulated),
      replications: 60,
    });
    for (const z of r.zones)
      for (const s of z.slots) if (s.level !== null) expect(s.level).toBeGreaterThanOrEqual(0.8);
    expect(r.level!).toBeGreaterThanOrEqual(0.8);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Interval, SimulationReport } from './aggregate';
import { erlangAMetrics, erlangCMetrics } from './erlang';
import { mmcScenario } from './mmc';
import { compileScenario } from './model';
import { simulate } from './run';
import type { ScenarioInput } from './scenario/schema';
import { type SimObserver, Simulator } from './simulator';
import type { Minutes, PerMinute } from './units';

const pm = (x: number) => x as PerMinute;
const mins = (x: number) => x as Minutes;
/** The M/M/3 queue of docs/queueing.md: λ = 2.5 and μ = 1 per minute, 3 servers. */
const MM3 = { arrivalRate: pm(2.5), serviceRate: pm(1), servers: 3 };
const docs = join(import.meta.dirname, '../../../docs/scenarios');
const jinjiang = () => JSON.parse(readFileSync(join(docs, 'jinjiang-weekday.json'), 'utf8')) as ScenarioInput;

function expectInside(ci: Interval, exact: number): void {
  expect(ci).not.toBeNull();
  const [lo, hi] = ci!;
  expect(exact, `exact ${exact} outside [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
  expect(exact, `exact ${exact} outside [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
}

function conserve(r: SimulationReport): void {
  for (const g of [r, ...r.byBusinessType])
    expect(g.arrivals).toBe(g.served + g.abandoned + g.turnedAway + g.inSystemAtEnd);
}

describe('M/M/3 against the exact values (queueing.md)', () => {
  const target = 0.5;
  const r = simulate(
    mmcScenario({
      ...MM3,
      horizon: mins(20_000),
      warmup: mins(200),
      targetMinutes: mins(target),
    }),
    { replications: 30, seed: 2024 },
  );
  const exact = erlangCMetrics({
    ...MM3,
    targetMinutes: mins(target),
  });

  it('mean wait 1.404494: inside the 95% interval', () => expectInside(r.waitMinutes.ci95, 1.404494));
  it('P(wait) 0.702247: inside the 95% interval', () => expectInside(r.pWaitCi95, 0.702247));
  it('service level within 30 s: inside the 95% interval', () =>
    expectInside(r.serviceLevelCi95, exact.serviceLevel));
  it('utilisation λ/cμ: inside the 95% interval', () => expectInside(r.utilisationCi95, 2.5 / 3));
  it('intervals are tight (half-width under 3% of the mean wait)', () => {
    const [lo, hi] = r.waitMinutes.ci95!;
    expect((hi - lo) / 2).toBeLessThan(0.03 * 1.404494);
  });
  it('percentiles match the exponential wait distribution', () => {
    // P(W > x) = C e^{-(cμ-λ)x}: p90 solves C e^{-0.5 x} = 0.1
    const p90 = Math.log(0.702247 / 0.1) / 0.5;
    expectInside(r.waitMinutes.percentileCi95.p90, p90);
  });
  it('conserves customers', () => conserve(r));
});

describe('M/M/3+M against Erlang A', () => {
  for (const theta of [0.5, 1]) {
    it(`θ=${theta}: P(wait), P(abandon), mean wait and service level inside the 95% intervals`, () => {
      const r = simulate(
        mmcScenario({
          ...MM3,
          patienceRate: pm(theta),
          horizon: mins(20_000),
          warmup: mins(100),
          targetMinutes: mins(0.5),
        }),
        { replications: 25, seed: 99 },
      );
      const exact = erlangAMetrics({
        ...MM3,
        patienceRate: pm(theta),
        targetMinutes: mins(0.5),
      });
      expectInside(r.pWaitCi95, exact.pWait);
      expectInside(r.abandonRateCi95, exact.abandonRate);
      expectInside(r.waitMinutes.ci95, exact.waitMinutes);
      expectInside(r.serviceLevelCi95, exact.serviceLevel);
      conserve(r);
    });
  }
});

describe('determinism', () => {
  it('the same seed gives byte-identical JSON; another seed does not', () => {
    const a = JSON.stringify(simulate(jinjiang(), { replications: 20, seed: 5 }));
    const b = JSON.stringify(simulate(jinjiang(), { replications: 20, seed: 5 }));
    const c = JSON.stringify(simulate(jinjiang(), { replications: 20, seed: 6 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('replication r is the same whichever simulator runs it and whatever ran before', () => {
    const m = compileScenario(jinjiang());
    const s1 = new Simulator(m);
    const s2 = new Simulator(m);
    s1.run(5, 0);
    s1.run(5, 1);
    expect(Array.from(s1.run(5, 7).vec)).toEqual(Array.from(s2.run(5, 7).vec));
  });
});

describe('conservation and bounds', () => {
  it('arrivals = served + abandoned + turned away + still inside, per type (金江支行)', () => {
    const r = simulate(jinjiang(), { replications: 50, seed: 11 });
    conserve(r);
    expect(r.inSystemAtEnd).toBeGreaterThan(0);
    expect(r.turnedAway).toBe(0);
  });

  it('turns customers away at the lobby capacity, still conserving', () => {
    const s = mmcScenario({ arrivalRate: pm(3), serviceRate: pm(1), servers: 1, horizon: mins(600) });
    const r = simulate({ ...s, lobbyCapacity: 20 }, { replications: 3, seed: 1 });
    expect(r.turnedAway).toBeGreaterThan(0);
    conserve(r);
    expect(r.warnings.join()).toMatch(/lobbyCapacity/);
  });

  it('an overloaded scenario without abandonment runs to the horizon and warns', () => {
    const s = mmcScenario({ arrivalRate: pm(2), serviceRate: pm(1), servers: 1, horizon: mins(20_000) });
    const r = simulate(s, { replications: 1, seed: 3 });
    expect(r.warnings.join('\n')).toMatch(/grow without bound/);
    expect(r.queueAtEnd).toBeGreaterThan(10_000);
    conserve(r);
  });

  it('drain serves everyone inside after the horizon', () => {
    const s = mmcScenario({
      ...MM3,
      horizon: mins(500),
      drain: true,
    });
    const r = simulate(s, { replications: 5, seed: 3 });
    expect(r.inSystemAtEnd).toBe(0);
    expect(r.served).toBe(r.arrivals);
  });
});

describe('arrivals follow the slot rates', () => {
  it('piecewise-constant rates, including an empty slot', () => {
    const rates = [0, 60, 6, 120];
    const r = simulate(
      {
        name: 'rates',
        hours: { open: '09:00', close: '11:00' },
        businessTypes: [
          { id: 'a', arrivalsPerHour: rates, service: { type: 'deterministic', value: 0.1 } },
          {
            id: 'b',
            arrivalsPerHour: rates.map((x) => x / 2),
            service: { type: 'deterministic', value: 0.1 },
          },
        ],
        zones: [{ id: 'z', kind: 'counter', capacity: 50, serves: ['a', 'b'] }],
        staff: Array.from({ length: 50 }, (_, i) => ({
          id: `s${i}`,
          role: 'teller',
          skills: ['a', 'b'],
          home: 'z',
        })),
      },
      { replications: 400, seed: 8 },
    );
    r.perSlot.forEach((slot, k) => {
      const expected = rates[k]! * 1.5;
      const n = (expected / 2) * 400; // expected count over 400 half-hours
      const sd = Math.sqrt(n) / (0.5 * 400);
      expect(Math.abs(slot.arrivalsPerHour - expected)).toBeLessThanOrEqual(4 * sd + 1e-9);
    });
    expect(r.perSlot[0]!.arrivalsPerHour).toBe(0);
    const a = r.byBusinessType[0]!.arrivals;
    const b = r.byBusinessType[1]!.arrivals;
    expect(Math.abs(a / (a + b) - 2 / 3)).toBeLessThan(0.02);
  });
});

describe('service modes', () => {
  const base = (mode: 'fixed' | 'rotating'): ScenarioInput => ({
    name: `modes-${mode}`,
    hours: { open: '09:00', close: '13:00' },
    businessTypes: [
      { id: 'cash', arrivalsPerHour: 12, service: { type: 'exponential', mean: 6 } },
      { id: 'wealth', arrivalsPerHour: 4, service: { type: 'exponential', mean: 15 } },
    ],
    zones: [
      { id: 'cash', kind: 'counter', capacity: 2, serves: ['cash'] },
      { id: 'wealth', kind: 'wealthDesk', capacity: 1, serves: ['wealth'] },
    ],
    staff: [
      { id: 'lm', role: 'lobbyManager', skills: [], home: 'welcome' },
      { id: 't1', role: 'teller', skills: ['cash'], home: 'cash' },
      { id: 't2', role: 'teller', skills: ['cash'], home: 'cash' },
      { id: 'w1', role: 'wealthManager', skills: ['wealth', 'cash'], home: 'wealth' },
    ],
    welcome: { triage: { type: 'deterministic', value: 1 }, escort: { type: 'deterministic', value: 2 } },
    modePlan: { default: mode },
  });

  it('rotating: no triage queue, the lobby manager escorts and the escort time is their utilisation', () => {
    let triages = 0;
    let waitsBeforeZone = 0;
    const obs: SimObserver = {
      triageStart: () => triages++,
      serviceStart: (e) => {
        if (e.escorted && e.wait > 0) waitsBeforeZone++;
      },
    };
    // drain: escorts still under way at closing complete, so busy time is whole
    const r = simulate({ ...base('rotating'), drain: true }, { replications: 20, seed: 4, observer: obs });
    expect(triages).toBe(0);
    expect(r.modes.rotatingMinutesPerReplication).toBeGreaterThanOrEqual(240);
    expect(r.modes.escortedShare).toBeGreaterThan(0.5);
    const lm = r.staff.find((s) => s.id === 'lm')!;
    // the lobby manager's own escorts (the others were received by a backup from a counter)
    const escortMinutes = ((r.modes.escortedOneOnOne - r.modes.backupEscorts) / 20) * 2;
    expect(lm.utilisation * lm.presentMinutesPerReplication).toBeCloseTo(escortMinutes, 6);
    expect(waitsBeforeZone).toBeGreaterThanOrEqual(0);
  });

  it('rotating: a customer who is escorted and finds a free counter waits 0', () => {
    const waits: number[] = [];
    simulate(
      {
        ...base('rotating'),
        businessTypes: [
          { id: 'cash', arrivalsPerHour: 1, service: { type: 'deterministic', value: 1 } },
          { id: 'wealth', arrivalsPerHour: 0, service: { type: 'deterministic', value: 1 } },
        ],
      },
      { replications: 5, seed: 1, observer: { serviceStart: (e) => waits.push(e.wait) } },
    );
    expect(waits.length).toBeGreaterThan(5);
    expect(waits.every((w) => w === 0)).toBe(true);
  });

  it("fixed: every customer is triaged and served by the zone's own staff", () => {
    let triages = 0;
    let services = 0;
    const homes: Record<number, number> = { 1: 1, 2: 1, 3: 2 };
    const obs: SimObserver = {
      triageStart: (e) => {
        triages++;
        expect(e.staff).toBe(0);
      },
      serviceStart: (e) => {
        services++;
        expect(homes[e.staff]).toBe(e.post);
      },
    };
    const r = simulate(base('fixed'), { replications: 10, seed: 4, observer: obs });
    expect(services).toBeGreaterThan(100);
    expect(triages).toBeGreaterThanOrEqual(services);
    expect(r.modes.fixedMinutesPerReplication).toBe(240);
    expect(r.modes.escortedOneOnOne).toBe(0);
  });

  it('backfill: a backup covers the empty welcome post and goes home when the manager is back', () => {
    const s: ScenarioInput = {
      ...base('rotating'),
      backfill: [{ id: 'cover', post: 'welcome', backups: ['w1'], triggers: { postEmpty: true } }],
    };
    const moves: Array<{ staff: number; to: number; back: boolean }> = [];
    const r = simulate(s, { replications: 10, seed: 2, observer: { move: (e) => moves.push(e) } });
    expect(r.backfill[0]!.actionsPerReplication).toBeGreaterThan(0);
    expect(moves.filter((m) => !m.back).every((m) => m.staff === 3 && m.to === 0)).toBe(true);
    expect(moves.filter((m) => m.back).every((m) => m.staff === 3 && m.to === 2)).toBe(true);
    expect(r.modes.escortedShare).toBeGreaterThan(
      simulate(base('rotating'), { replications: 10, seed: 2 }).modes.escortedShare,
    );
  });

  it('the 金江支行 day spends the planned minutes in each mode and backfills', () => {
    const r = simulate(jinjiang(), { replications: 30, seed: 1 });
    expect(r.modes.rotatingMinutesPerReplication).toBe(150);
    expect(r.modes.fixedMinutesPerReplication).toBe(330);
    expect(r.backfill.find((b) => b.rule === 'welcome-cover')!.actionsPerReplication).toBeGreaterThan(0);
    for (const s of r.staff) expect(s.utilisation).toBeLessThanOrEqual(1);
    expect(r.perSlot).toHaveLength(16);
    expect(r.perSlot[0]!.mode).toBe('rotating');
    expect(r.perSlot[1]!.mode).toBe('fixed');
  });
});

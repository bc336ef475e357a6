/**
 * Staffing by slot (a zone's `staffing`), service and patience by period, the capacity warning,
 * and the per-slot figures of the report.
 */
import { describe, expect, it } from 'vitest';
import type { SimulationReport } from './aggregate';
import { erlangAMetrics } from './erlang';
import { mmcScenario } from './mmc';
import { compileScenario } from './model';
import { simulate } from './run';
import { slotStaffing } from './staffing';
import type { ScenarioInput } from './scenario/schema';
import { parseScenario } from './scenario/validate';
import { Simulator } from './simulator';
import type { Minutes, PerMinute } from './units';

/** 09:00–11:00 in four half hours, one business type at one zone of four counters. */
function base(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'plan',
    hours: { open: '09:00', close: '11:00' },
    businessTypes: [{ id: 'cash', arrivalsPerHour: 30, service: { type: 'exponential', mean: 5 } }],
    zones: [{ id: 'counters', kind: 'counter', capacity: 4, serves: ['cash'] }],
    staff: [],
    ...extra,
  };
}
const PLAN = [1, 3, 2, 1];
const planned = (staffing: NonNullable<ScenarioInput['zones'][number]['staffing']>) =>
  base({ zones: [{ id: 'counters', kind: 'counter', capacity: 4, serves: ['cash'], staffing }] });

function issuesOf(input: unknown) {
  const r = parseScenario(input);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

function warningsOf(input: unknown) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.warnings;
}

/** The report without what names the people (ids differ between the two ways of staffing). */
function figures(r: SimulationReport) {
  const { scenario: _s, staff, warnings: _w, ...rest } = r;
  return { ...rest, staff: staff.map((p) => [p.utilisation, p.presentMinutesPerReplication]) };
}

describe('staffing by slot (zones[].staffing)', () => {
  it('puts the planned people on duty: ids "<zone>#i", on at the slots whose count exceeds i', () => {
    const m = compileScenario(planned(PLAN));
    expect(m.staff.map((s) => [s.id, s.planned, s.home])).toEqual([
      ['counters#1', true, 'counters'],
      ['counters#2', true, 'counters'],
      ['counters#3', true, 'counters'],
    ]);
    const on: string[] = [];
    for (let i = 0; i < m.timelineTime.length; i++)
      if (m.timelineKind[i] !== 0)
        on.push(
          `${m.timelineKind[i] === 2 ? 'on' : 'off'} ${m.staffIds[m.timelineArg[i]!]} ${m.timelineTime[i]}`,
        );
    expect(on).toHaveLength(6);
    // the exact timeline: #2 on 30–90, #3 on 30–60, #1 on 0–120
    const byPerson = (id: string) =>
      on.filter((e) => e.split(' ')[1] === id).map((e) => `${e.split(' ')[0]}@${e.split(' ')[2]}`);
    expect(byPerson('counters#1')).toEqual(['on@0', 'off@120']);
    expect(byPerson('counters#2')).toEqual(['on@30', 'off@90']);
    expect(byPerson('counters#3')).toEqual(['on@30', 'off@60']);
  });

  it('gives the same figures as the old emulation by per-person shifts (same seed)', () => {
    const emulated = base({
      staff: [
        { id: 'p1', role: 'teller', skills: ['cash'], home: 'counters' },
        {
          id: 'p2',
          role: 'teller',
          skills: ['cash'],
          home: 'counters',
          shifts: [{ start: '09:30', end: '10:30' }],
        },
        {
          id: 'p3',
          role: 'teller',
          skills: ['cash'],
          home: 'counters',
          shifts: [{ start: '09:30', end: '10:00' }],
        },
      ],
    });
    const a = simulate(planned(PLAN), { replications: 40, seed: 8 });
    const b = simulate(emulated, { replications: 40, seed: 8 });
    expect(figures(a)).toEqual(figures(b));
    expect(a.served).toBeGreaterThan(1000);
  });

  it('the {default, periods} form is the same plan as one count per slot', () => {
    const a = compileScenario(planned(PLAN));
    const b = compileScenario(
      planned({
        default: 1,
        periods: [
          { from: '09:30', to: '10:00', count: 3 },
          { from: '10:00', to: '10:30', count: 2 },
        ],
      }),
    );
    expect(b.staffIds).toEqual(a.staffIds);
    expect([...b.timelineTime]).toEqual([...a.timelineTime]);
    expect([...b.timelineKind]).toEqual([...a.timelineKind]);
    expect([...b.timelineArg]).toEqual([...a.timelineArg]);
  });

  it('opens and closes counters at slot boundaries; a closing counter finishes its customer', () => {
    // a heavy load: every counter is busy when it closes
    const sc = planned(PLAN);
    sc.businessTypes[0]!.arrivalsPerHour = 90;
    const m = compileScenario(sc);
    const sim = new Simulator(m);
    let late = 0;
    let starts = 0;
    for (let r = 0; r < 20; r++)
      sim.run(3, r, {
        serviceStart: (e) => {
          starts++;
          const slot = Math.floor(e.time / 30);
          // person i (0-based) starts a customer only while the slot's count exceeds i
          if (!(PLAN[slot]! > e.staff)) late++;
        },
      });
    expect(starts).toBeGreaterThan(500);
    expect(late).toBe(0);
    const report = simulate(m, { replications: 20, seed: 3 });
    const third = report.staff.find((s) => s.id === 'counters#3')!;
    // on duty 30 minutes (09:30–10:00), present longer: it finished the customer in hand
    expect(third.planned).toBe(true);
    expect(third.presentMinutesPerReplication).toBeGreaterThan(30.5);
  });

  it('is validated: one count per slot, periods on slot boundaries, no named staff at home there', () => {
    expect(issuesOf(planned([1, 2, 3]))).toEqual([
      '$.zones[0].staffing: needs one count per slot: 4 values, found 3',
    ]);
    expect(issuesOf(planned({ default: 1, periods: [{ from: '09:15', to: '10:00', count: 2 }] }))).toEqual([
      '$.zones[0].staffing.periods[0].from: must fall on a slot boundary (30 min)',
    ]);
    expect(issuesOf(planned([1, 2, 1.5, 1]))[0]).toMatch(/^\$\.zones\[0\]\.staffing/);
    const homed = planned(PLAN);
    homed.staff = [{ id: 't1', role: 'teller', skills: ['cash'], home: 'counters' }];
    expect(issuesOf(homed)).toEqual([
      '$.staff[0].home: zone "counters" is staffed by its "staffing" plan: named staff cannot have it as home (they may still backfill it)',
    ]);
    expect(issuesOf(base())).toEqual([
      '$.staff: list at least one staff member, or give a zone a staffing plan',
    ]);
  });
});

describe('a warning when the zone capacity caps the staff on duty', () => {
  it('from a staffing plan asking for more people than counters', () => {
    const sc = base({
      businessTypes: [{ id: 'cash', arrivalsPerHour: 12, service: { type: 'exponential', mean: 5 } }],
      zones: [{ id: 'counters', kind: 'counter', capacity: 2, serves: ['cash'], staffing: [1, 3, 4, 2] }],
    });
    expect(warningsOf(sc)).toEqual([
      'zone "counters": up to 4 people on duty (09:30–10:30) but it has 2 counters (capacity): the capacity caps the staff on duty',
    ]);
    // the report carries it
    expect(simulate(sc, { replications: 1 }).warnings).toContain(warningsOf(sc)[0]);
  });

  it('from named staff by their shifts and breaks', () => {
    const person = (id: string, extra = {}) => ({
      id,
      role: 'teller' as const,
      skills: ['cash'],
      home: 'counters',
      ...extra,
    });
    const sc = base({
      businessTypes: [{ id: 'cash', arrivalsPerHour: 12, service: { type: 'exponential', mean: 5 } }],
      zones: [{ id: 'counters', kind: 'counter', capacity: 2, serves: ['cash'] }],
      staff: [
        person('a'),
        person('b', { breaks: [{ start: '10:00', end: '10:30' }] }),
        person('c', { shifts: [{ start: '09:30', end: '10:45' }] }),
      ],
    });
    expect(warningsOf(sc)).toEqual([
      'zone "counters": up to 3 people on duty (09:30–10:00, 10:30–11:00) but it has 2 counters (capacity): the capacity caps the staff on duty',
    ]);
    sc.staff.pop();
    expect(warningsOf(sc)).toEqual([]);
  });
});

describe('service and patience by period', () => {
  const svc = { type: 'exponential' as const, mean: 5 };
  const one = (extra: Partial<ScenarioInput['businessTypes'][number]>) =>
    base({
      businessTypes: [{ id: 'cash', arrivalsPerHour: 20, service: svc, ...extra }],
      staff: [{ id: 't1', role: 'teller', skills: ['cash'], home: 'counters' }],
      drain: true,
    });

  it('an override equal to the default changes nothing (bit for bit)', () => {
    const a = simulate(one({}), { replications: 30, seed: 4 });
    const b = simulate(one({ serviceByPeriod: [{ from: '09:00', to: '11:00', distribution: svc }] }), {
      replications: 30,
      seed: 4,
    });
    expect(figures(b)).toEqual(figures(a));
  });

  it('a longer service from 10:00 lengthens the waits from then on and leaves the earlier ones as they were', () => {
    const a = simulate(one({}), { replications: 50, seed: 4 });
    const b = simulate(
      one({
        serviceByPeriod: [{ from: '10:00', to: '11:00', distribution: { type: 'deterministic', value: 9 } }],
      }),
      { replications: 50, seed: 4 },
    );
    // one queue, first come first served: a customer's wait depends only on those before
    expect(b.perSlot[0]!.waitMinutes).toBe(a.perSlot[0]!.waitMinutes);
    expect(b.perSlot[1]!.waitMinutes).toBe(a.perSlot[1]!.waitMinutes);
    expect(b.perSlot[3]!.waitMinutes).toBeGreaterThan(a.perSlot[3]!.waitMinutes + 1);
    expect(b.staff[0]!.utilisation).toBeGreaterThan(a.staff[0]!.utilisation);
  });

  it("the analytic staffing uses each slot's service time", () => {
    const sc = one({
      serviceByPeriod: [{ from: '10:00', to: '11:00', distribution: { type: 'exponential', mean: 15 } }],
    });
    sc.zones[0]!.capacity = 20;
    const rows = slotStaffing(compileScenario(sc), 0.8).map((r) => r.zones[0]!);
    const loads = [20 / 12, 20 / 12, 5, 5];
    rows.forEach((z, k) => {
      expect(z.offeredLoad).toBeCloseTo(loads[k]!, 12);
    });
    expect(rows[2]!.staff!).toBeGreaterThan(rows[0]!.staff!);
  });

  it('patience only in some periods: customers abandon only there', () => {
    const r = simulate(
      one({
        patienceByPeriod: [{ from: '10:00', to: '11:00', distribution: { type: 'exponential', mean: 1 } }],
      }),
      { replications: 50, seed: 4 },
    );
    expect(r.perSlot.map((s) => s.abandonedPerReplication > 0)).toEqual([false, false, true, true]);
    expect(r.abandoned).toBeGreaterThan(0);
  });

  it('periods are validated like the mode plan', () => {
    expect(
      issuesOf(
        one({
          serviceByPeriod: [
            { from: '09:00', to: '10:00', distribution: svc },
            { from: '09:30', to: '10:10', distribution: svc },
          ],
          patienceByPeriod: [{ from: '10:00', to: '12:00', distribution: svc }],
        }),
      ),
    ).toEqual([
      '$.businessTypes[0].serviceByPeriod[1].to: must fall on a slot boundary (30 min)',
      '$.businessTypes[0].serviceByPeriod[1]: overlaps an earlier period',
      '$.businessTypes[0].patienceByPeriod[0].to: 12:00 is outside the opening hours',
    ]);
  });
});

describe('per-slot figures and units', () => {
  const pm = (x: number) => x as PerMinute;
  const mins = (x: number) => x as Minutes;

  it('served, abandoned and arrivals per slot add up to the totals', () => {
    const sc = base({
      businessTypes: [
        {
          id: 'cash',
          arrivalsPerHour: [20, 50, 60, 25],
          service: { type: 'lognormal', mean: 5, sd: 3 },
          patience: { type: 'exponential', mean: 8 },
        },
      ],
      zones: [{ id: 'counters', kind: 'counter', capacity: 4, serves: ['cash'], staffing: [2, 3, 3, 2] }],
      drain: true,
    });
    const n = 30;
    const r = simulate(sc, { replications: n, seed: 12 });
    const sum = (f: (s: SimulationReport['perSlot'][number]) => number) =>
      r.perSlot.reduce((a, s) => a + f(s), 0) * n;
    expect(r.inSystemAtEnd).toBe(0);
    expect(sum((s) => s.servedPerReplication)).toBeCloseTo(r.served, 6);
    expect(sum((s) => s.abandonedPerReplication)).toBeCloseTo(r.abandoned, 6);
    expect(sum((s) => s.arrivalsPerReplication)).toBeCloseTo(r.arrivals, 6);
    for (const s of r.perSlot) {
      expect(s.abandoned).toBe(s.abandonedPerReplication);
      expect(s.pWait).toBeGreaterThan(0);
      expect(s.pWait).toBeLessThanOrEqual(1);
      expect(Number.isFinite(s.servedWaitMinutes)).toBe(true);
    }
    // the wait of served customers is reported overall too
    expect(r.servedWaitMinutes).toBeGreaterThan(0);
    expect(r.units.totalsOverReplications).toContain('served');
    expect(r.units.meansPerReplication).toContain('perSlot[].servedPerReplication');
    expect(r.units.meansPerReplication).toContain('perSlot[].abandoned');
  });

  it('M/M/3: P(wait > 0) of every slot near 0.702247', () => {
    const r = simulate(
      mmcScenario({
        arrivalRate: pm(2.5),
        serviceRate: pm(1),
        servers: 3,
        horizon: mins(30_000),
        warmup: mins(200),
      }),
      {
        replications: 10,
        seed: 31,
      },
    );
    for (const s of r.perSlot) expect(Math.abs(s.pWait - 0.702247)).toBeLessThan(0.04);
    // no abandonment: the wait of served customers is the wait of all
    expect(r.servedWaitMinutes).toBeCloseTo(r.waitMinutes.mean, 2);
  });

  it('M/M/3+M θ=0.5: the wait of served customers matches Erlang A (inside the 95% interval)', () => {
    const r = simulate(
      mmcScenario({
        arrivalRate: pm(2.5),
        serviceRate: pm(1),
        servers: 3,
        patienceRate: pm(0.5),
        horizon: mins(20_000),
        warmup: mins(100),
      }),
      { replications: 25, seed: 99 },
    );
    const exact = erlangAMetrics({
      arrivalRate: pm(2.5),
      serviceRate: pm(1),
      servers: 3,
      patienceRate: pm(0.5),
    });
    const [lo, hi] = r.servedWaitMinutesCi95!;
    expect(exact.servedWaitMinutes).toBeGreaterThanOrEqual(lo);
    expect(exact.servedWaitMinutes).toBeLessThanOrEqual(hi);
    // and it differs from the wait of all arrivals, which the interval leaves out
    expect(exact.waitMinutes).toBeGreaterThan(hi);
  });
});

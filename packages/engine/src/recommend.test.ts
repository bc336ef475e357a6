import { describe, expect, it } from 'vitest';
import { DEFAULT_OBJECTIVE, objectiveIssues, recommend, resolveObjective, scoreOf } from './recommend';
import type { ScenarioInput } from './scenario/schema';

/** A workday's shape (share of the peak per half hour, 09:00–17:00): rush, lunch trough, second peak. */
const SHAPE = [0.55, 0.85, 1.0, 0.95, 0.78, 0.55, 0.36, 0.3, 0.42, 0.62, 0.74, 0.78, 0.7, 0.55, 0.4, 0.28];
const MIX = { cash: 0.35, nonCash: 0.22, super: 0.26, wealth: 0.07, self: 0.1 };

/** A 螺蛳湾-like outlet: one lobby manager at the door, one service manager at the super-counter. */
function outlet(peak: number, over: Partial<ScenarioInput> = {}): ScenarioInput {
  const rate = (share: number) => SHAPE.map((x) => peak * x * share);
  return {
    name: 'outlet',
    hours: { open: '09:00', close: '17:00' },
    businessTypes: [
      {
        id: 'cash',
        arrivalsPerHour: rate(MIX.cash),
        service: { type: 'lognormal', mean: 5, sd: 3 },
        patience: { type: 'exponential', mean: 30 },
      },
      {
        id: 'nonCash',
        arrivalsPerHour: rate(MIX.nonCash),
        service: { type: 'lognormal', mean: 8, sd: 5 },
        patience: { type: 'exponential', mean: 30 },
      },
      {
        id: 'super',
        arrivalsPerHour: rate(MIX.super),
        service: { type: 'lognormal', mean: 6, sd: 3 },
        patience: { type: 'exponential', mean: 30 },
      },
      {
        id: 'wealth',
        arrivalsPerHour: rate(MIX.wealth),
        service: { type: 'lognormal', mean: 15, sd: 8 },
        patience: { type: 'exponential', mean: 30 },
      },
      {
        id: 'self',
        arrivalsPerHour: rate(MIX.self),
        service: { type: 'lognormal', mean: 5, sd: 3 },
        patience: { type: 'exponential', mean: 30 },
      },
    ],
    zones: [
      { id: 'cash', kind: 'counter', capacity: 2, serves: ['cash'] },
      { id: 'nonCash', kind: 'counter', capacity: 2, serves: ['nonCash'] },
      { id: 'super', kind: 'superCounter', capacity: 3, serves: ['super'], assistPerStaff: 2 },
      { id: 'wealth', kind: 'wealthDesk', capacity: 2, serves: ['wealth'] },
      { id: 'self', kind: 'other', capacity: 4, serves: ['self'], staffing: { default: 3 } },
    ],
    staff: [
      { id: 'lm', role: 'lobbyManager', skills: [], home: 'welcome' },
      { id: 'csm', role: 'customerServiceManager', skills: ['super', 'nonCash'], home: 'super' },
      { id: 't1', role: 'teller', skills: ['cash', 'nonCash'], home: 'cash' },
      { id: 't2', role: 'teller', skills: ['cash'], home: 'cash' },
      { id: 't3', role: 'teller', skills: ['nonCash', 'super'], home: 'nonCash' },
      { id: 'am', role: 'accountManager', skills: ['nonCash'], home: 'nonCash' },
      { id: 'wm', role: 'wealthManager', skills: ['wealth'], home: 'wealth' },
    ],
    welcome: {
      triage: { type: 'lognormal', mean: 0.5, sd: 0.3 },
      escort: { type: 'gamma', shape: 4, scale: 0.5 },
      backups: ['role:customerServiceManager'],
    },
    ...over,
  };
}

const withCsm = (sc: ScenarioInput): ScenarioInput => ({
  ...sc,
  staff: [...sc.staff, { id: 'csm2', role: 'customerServiceManager', skills: ['super'], home: 'super' }],
});

describe('recommend', () => {
  const rec = recommend(outlet(53), { replications: 150, seed: 1 });
  const peak = rec.slots[2]!;
  const trough = rec.slots[7]!;

  it('answers the contract: per slot both modes with their figures and score, the objective, the crossover', () => {
    expect(rec.slots).toHaveLength(16);
    expect(rec.slots[0]).toMatchObject({ index: 0, start: '09:00', end: '09:30' });
    expect(rec.slots[15]!.end).toBe('17:00');
    expect(peak.arrivalsPerHour).toBeCloseTo(53, 9);
    expect(rec.objective).toEqual(DEFAULT_OBJECTIVE);
    for (const s of rec.slots)
      for (const k of [s.fixed, s.rotating]) {
        expect(k.score).toBeCloseTo(scoreOf(k, rec.objective), 12);
        expect(k.receivedShare).toBeGreaterThanOrEqual(0);
        expect(k.receivedShare).toBeLessThanOrEqual(1);
        expect(k.transfers).toBeLessThanOrEqual(k.misroutes);
      }
    expect(rec.crossover!.bound).toBeNull();
    expect(rec.crossover!.arrivalsPerHour).toBeGreaterThan(1);
    // reproducible
    expect(recommend(outlet(53), { replications: 150, seed: 1 })).toEqual(rec);
  });

  it('at the 53-an-hour peak fixed wins, for reasons in the figures', () => {
    expect(peak.better).toBe('fixed');
    const { fixed: f, rotating: r } = peak;
    // fixed: no misroutes, nobody pulled from their post, no one escorted
    expect(f.misroutes).toBe(0);
    expect(f.pulledMinutes).toBe(0);
    expect(f.escortedShare).toBe(0);
    // rotating: the door is often empty: customers unreceived, misroutes, staff pulled, longer waits
    expect(r.receivedShare).toBeLessThan(0.6);
    expect(r.misroutes).toBeGreaterThan(2);
    expect(r.pulledMinutes).toBeGreaterThan(0);
    expect(r.meanWaitMinutes).toBeGreaterThan(f.meanWaitMinutes);
    expect(r.score).toBeGreaterThan(f.score);
  });

  it('in the lunch trough rotating wins: one-on-one reception at little cost', () => {
    expect(trough.better).toBe('rotating');
    const { fixed: f, rotating: r } = trough;
    expect(r.escortedShare).toBeGreaterThan(0.8);
    expect(r.misroutes).toBeLessThan(0.5);
    expect(Math.abs(r.meanWaitMinutes - f.meanWaitMinutes)).toBeLessThan(0.5);
  });

  it('the crossover lies between the trough and the peak, and the steps agree with it', () => {
    const c = rec.crossover!;
    expect(c.arrivalsPerHour).toBeGreaterThanOrEqual(trough.arrivalsPerHour - 1);
    expect(c.arrivalsPerHour).toBeLessThan(peak.arrivalsPerHour);
    for (const s of c.steps) {
      if (s.arrivalsPerHour <= c.arrivalsPerHour) expect(s.better).toBe('rotating');
      else expect(s.better).toBe('fixed');
    }
  });

  it('scaling every arrival rate up never turns a fixed slot into rotating', () => {
    let prev = rec;
    for (const f of [1.5, 2, 3]) {
      const next = recommend(outlet(53 * f), { replications: 150, seed: 1, crossover: false });
      prev.slots.forEach((s, k) => {
        if (s.better === 'fixed') expect(next.slots[k]!.better, `×${f} slot ${s.start}`).toBe('fixed');
      });
      prev = next;
    }
  });

  it('adding a staff member never lowers the crossover', () => {
    const base = rec.crossover!.arrivalsPerHour;
    const more = recommend(withCsm(outlet(53)), { replications: 150, seed: 1 }).crossover!.arrivalsPerHour;
    expect(more).toBeGreaterThan(base);
    // a teller who is not a backup for the door: the door's capacity is unchanged, the counters' grows
    const teller = recommend(
      {
        ...outlet(53),
        staff: [...outlet(53).staff, { id: 't4', role: 'teller', skills: ['cash'], home: 'cash' }],
      },
      { replications: 150, seed: 1 },
    ).crossover!.arrivalsPerHour;
    expect(teller).toBeGreaterThanOrEqual(base);
    // with everyone a backup (the engine's default), a teller more is a backup more
    const everyone = (sc: ScenarioInput): ScenarioInput => ({
      ...sc,
      welcome: { ...sc.welcome!, backups: undefined },
    });
    const a = recommend(everyone(outlet(53)), { replications: 60, seed: 1 }).crossover!;
    const b = recommend(everyone(withCsm(outlet(53))), { replications: 60, seed: 1 }).crossover!;
    expect(b.arrivalsPerHour).toBeGreaterThanOrEqual(a.arrivalsPerHour);
  });

  it('weighs by the objective the outlet sets: no weight on one-on-one reception, no rotating', () => {
    const r = recommend(outlet(53), {
      replications: 60,
      seed: 1,
      objective: { notEscorted: 0, notReceived: 0 },
      crossover: false,
    });
    expect(r.objective).toEqual({ ...DEFAULT_OBJECTIVE, notEscorted: 0, notReceived: 0 });
    // rotating only costs then (waits, misroutes, pulled minutes): fixed everywhere
    expect(r.slots.every((s) => s.better === 'fixed')).toBe(true);
    expect(r.crossover).toBeNull();
  });

  it('checks the weights', () => {
    expect(objectiveIssues({ waitMinute: 2 })).toEqual([]);
    expect(objectiveIssues({ waitMinute: -1, nope: 1 }).map((i) => i.key)).toEqual(['waitMinute', 'nope']);
    expect(() => resolveObjective({ misroute: Number.NaN })).toThrow(/objective.misroute/);
    expect(() => recommend(outlet(53), { replications: 0 })).toThrow(RangeError);
  });
});

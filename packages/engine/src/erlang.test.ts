import { describe, expect, it } from 'vitest';
import { erlangAMetrics, erlangB, erlangC, erlangCMetrics, queueMetrics } from './erlang';
import { Xoshiro128 } from './rng';
import { fewestStaff, staffingTable } from './staffing';
import { type Minutes, type PerMinute, perMinute } from './units';

const pm = (x: number) => x as PerMinute;
const min = (x: number) => x as Minutes;
/** The M/M/3 queue of the reference: λ = 2.5 and μ = 1 per minute, 3 servers. */
const MM3 = { arrivalRate: pm(2.5), serviceRate: pm(1), servers: 3 };

// Reference values: /work/shared/reference/queueing.md
describe('Erlang C (M/M/c)', () => {
  it('M/M/3, λ=2.5, μ=1: P(wait) 0.702247, mean wait 1.404494 min', () => {
    const m = erlangCMetrics(MM3);
    expect(m.pWait).toBeCloseTo(0.702247, 6);
    expect(m.waitMinutes).toBeCloseTo(1.404494, 6);
    expect(m.occupancy).toBeCloseTo(2.5 / 3, 12);
    expect(m.abandonRate).toBe(0);
  });

  it('agrees with the Erlang B recursion and the textbook identity', () => {
    const b = erlangB(3, 2.5);
    expect(erlangC(3, 2.5)).toBeCloseTo((3 * b) / (3 - 2.5 * (1 - b)), 14);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 14);
  });

  it('reports an unstable queue instead of a number when λ ≥ cμ', () => {
    const m = erlangCMetrics({ arrivalRate: pm(3), serviceRate: pm(1), servers: 3 });
    expect(m.stable).toBe(false);
    expect(m.waitMinutes).toBe(Number.POSITIVE_INFINITY);
    expect(m.serviceLevel).toBe(0);
  });

  it('rejects nonsense', () => {
    expect(() => erlangCMetrics({ arrivalRate: pm(-1), serviceRate: pm(1), servers: 3 })).toThrow(RangeError);
    expect(() => erlangCMetrics({ arrivalRate: pm(1), serviceRate: pm(1), servers: 0 })).toThrow(RangeError);
  });
});

describe('Erlang A (M/M/c+M)', () => {
  it('θ=0.5: P(wait) 0.507968, mean wait 0.260994 min, P(abandon) 0.130497', () => {
    const m = erlangAMetrics({ ...MM3, patienceRate: pm(0.5) });
    expect(m.pWait).toBeCloseTo(0.507968, 6);
    expect(m.waitMinutes).toBeCloseTo(0.260994, 6);
    expect(m.abandonRate).toBeCloseTo(0.130497, 6);
  });

  it('θ=1: P(wait) 0.456187, P(abandon) 0.165278', () => {
    const m = erlangAMetrics({ ...MM3, patienceRate: pm(1) });
    expect(m.pWait).toBeCloseTo(0.456187, 6);
    expect(m.abandonRate).toBeCloseTo(0.165278, 6);
  });

  it('tends to Erlang C as patience grows, including the service level', () => {
    const c = erlangCMetrics({
      ...MM3,
      targetMinutes: min(0.5),
    });
    const a = erlangAMetrics({
      ...MM3,
      patienceRate: pm(1e-9),
      targetMinutes: min(0.5),
    });
    expect(a.pWait).toBeCloseTo(c.pWait, 6);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 6);
  });

  it('service level is below the no-abandonment share and rises with the target', () => {
    const base = { ...MM3, patienceRate: pm(0.5) };
    const s1 = erlangAMetrics({ ...base, targetMinutes: min(0.25) }).serviceLevel;
    const s2 = erlangAMetrics({ ...base, targetMinutes: min(1) }).serviceLevel;
    const s3 = erlangAMetrics({ ...base, targetMinutes: min(100) }).serviceLevel;
    expect(s1).toBeLessThan(s2);
    expect(s2).toBeLessThan(s3);
    expect(s3).toBeCloseTo(1 - 0.130497, 5);
  });

  it('the wait of served customers: 0.231174 min at θ=0.5 (all arrivals: 0.260994)', () => {
    const m = erlangAMetrics({ ...MM3, patienceRate: pm(0.5) });
    expect(m.servedWaitMinutes).toBeCloseTo(0.231174, 6);
    expect(erlangAMetrics({ ...MM3, patienceRate: pm(1) }).servedWaitMinutes).toBeCloseTo(0.132393, 6);
  });

  it('the wait of served customers agrees with a Monte Carlo of the tagged customer (fixed seed)', () => {
    // independent of the code under test: the stationary law by the plain product formula, then
    // customers who arrive in state k (PASTA) and go through the queue event by event
    const lambda = 2.5;
    const mu = 1;
    const c = 3;
    for (const theta of [0.5, 1, 0.2]) {
      const p: number[] = [1];
      for (let k = 1; k < 200; k++)
        p.push((p[k - 1]! * lambda) / (Math.min(k, c) * mu + Math.max(0, k - c) * theta));
      const z = p.reduce((a, b) => a + b, 0);
      const rng = new Xoshiro128(2025, 0);
      let served = 0;
      let waitSum = 0;
      for (let n = 0; n < 200_000; n++) {
        let u = rng.uniform() * z;
        let k = 0;
        while (u > p[k]! && k < p.length - 1) u -= p[k++]!;
        if (k < c) {
          served++;
          continue;
        }
        let ahead = k - c;
        let w = 0;
        for (;;) {
          const advance = c * mu + ahead * theta;
          w += -Math.log(rng.uniform()) / (advance + theta);
          if (rng.uniform() < theta / (advance + theta)) break; // abandons
          if (ahead === 0) {
            served++;
            waitSum += w;
            break;
          }
          ahead--;
        }
      }
      const m = erlangAMetrics({ ...MM3, patienceRate: pm(theta) });
      expect(Math.abs(waitSum / served - m.servedWaitMinutes) / m.servedWaitMinutes).toBeLessThan(0.02);
      expect(Math.abs(1 - served / 200_000 - m.abandonRate)).toBeLessThan(0.005);
    }
  });

  it('the wait of served customers tends to Erlang C as patience grows, and equals it there', () => {
    const c = erlangCMetrics(MM3);
    expect(c.servedWaitMinutes).toBe(c.waitMinutes);
    expect(erlangAMetrics({ ...MM3, patienceRate: pm(1e-9) }).servedWaitMinutes).toBeCloseTo(1.404494, 5);
  });

  it('queueMetrics picks the model from the patience rate', () => {
    expect(queueMetrics({ arrivalRate: pm(1), serviceRate: pm(1), servers: 2 }).model).toBe('M/M/c');
    expect(
      queueMetrics({ arrivalRate: pm(1), serviceRate: pm(1), servers: 2, patienceRate: pm(1) }).model,
    ).toBe('M/M/c+M');
  });
});

describe('staffing', () => {
  // 100 arrivals per 30 minutes, mean service 180 s, 80% within 20 s
  const input = {
    arrivalRate: perMinute(100 / 30),
    serviceRate: perMinute(1 / 3),
    targetMinutes: min(20 / 60),
    serviceLevel: 0.8,
  };

  it('reproduces the reference table to 4 places', () => {
    const t = staffingTable(input);
    const rows = t.rows.map((r) => [
      r.servers,
      Number(r.pWait.toFixed(4)),
      Number((r.waitMinutes * 60).toFixed(2)),
      Number(r.serviceLevel.toFixed(4)),
    ]);
    expect(rows).toEqual([
      [11, 0.6821, 122.78, 0.3896],
      [12, 0.4494, 40.44, 0.6402],
      [13, 0.2853, 17.12, 0.7956],
      [14, 0.1741, 7.84, 0.8884],
    ]);
  });

  it('answers 14 staff', () => {
    expect(fewestStaff(input)).toBe(14);
  });

  it('with abandonment needs no more staff than without', () => {
    const withPatience = fewestStaff({ ...input, patienceRate: perMinute(0.5) });
    expect(withPatience).not.toBeNull();
    expect(withPatience!).toBeLessThanOrEqual(14);
  });
});

import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../rng';
import { kaplanMeier, survivalAt, survivalHistogram, turnbull } from './survival';

/** A mixture: 30% impatient (mean 1.5 min), 70% patient (mean 45 min). */
const trueS = (t: number) => 0.3 * Math.exp(-t / 1.5) + 0.7 * Math.exp(-t / 45);

function sample(n: number, noShowShare: number, seed = 7) {
  const rng = new Xoshiro128(seed);
  const exp = (m: number) => -Math.log(rng.uniform()) * m;
  const obs = { exact: [] as number[], right: [] as number[], left: [] as number[] };
  for (let i = 0; i < n; i++) {
    const patience = rng.uniform() < 0.3 ? exp(1.5) : exp(45);
    const wait = exp(8); // the time the customer would be called
    if (patience > wait) obs.right.push(wait);
    else if (rng.uniform() < noShowShare) obs.left.push(wait);
    else obs.exact.push(patience);
  }
  return obs;
}

describe('turnbull', () => {
  it('recovers a non-exponential patience from exact, right- and left-censored observations', () => {
    const est = turnbull(sample(20_000, 0.7));
    for (const t of [0.5, 1, 2, 5, 10, 20])
      expect(Math.abs(survivalAt(est, t) - trueS(t))).toBeLessThan(0.03);
    // the first minute is steep, the rest flat: not an exponential
    expect(1 - survivalAt(est, 1)).toBeGreaterThan(3 * (survivalAt(est, 10) - survivalAt(est, 11)));
  });

  it('is Kaplan–Meier when nothing is left-censored', () => {
    const obs = sample(3_000, 0);
    const est = turnbull(obs, { step: 0.25 });
    const km = kaplanMeier(obs.exact, obs.right);
    const kmAt = (t: number) => [...km].reverse().find((p) => p.t <= t)!.s;
    for (const t of [1, 3, 8]) expect(Math.abs(survivalAt(est, t) - kmAt(t))).toBeLessThan(0.02);
  });

  it('reading no-shows as abandons at their call time would bias patience upward', () => {
    const obs = sample(20_000, 0.7);
    const naive = turnbull({ exact: [...obs.exact, ...obs.left], right: obs.right, left: [] });
    const right = turnbull(obs);
    expect(survivalAt(naive, 1) - trueS(1)).toBeGreaterThan(0.05);
    expect(Math.abs(survivalAt(right, 1) - trueS(1))).toBeLessThan(0.03);
  });

  it('turns into an engine histogram with the tail kept patient', () => {
    const h = survivalHistogram(turnbull(sample(2_000, 0.5)));
    expect(h.edges.length).toBe(h.counts.length + 1);
    expect(h.edges[h.edges.length - 1]).toBe(1_440);
    expect(h.counts.every((c) => c >= 0)).toBe(true);
  });

  it('handles no observations', () => {
    const est = turnbull({ exact: [], right: [], left: [] });
    expect(est.observations).toBe(0);
    expect(survivalHistogram(est).counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

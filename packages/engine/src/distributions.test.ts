import { describe, expect, it } from 'vitest';
import { compileDistribution, DIST_EMPIRICAL, DIST_HISTOGRAM, sample } from './distributions';
import { Xoshiro128 } from './rng';
import { distributionSchema, LIMITS } from './scenario/schema';

/** Mean of n draws with a fixed seed. */
function sampleMean(spec: Parameters<typeof compileDistribution>[0], n: number, seed = 42) {
  const s = compileDistribution(spec);
  const rng = new Xoshiro128(seed, 3);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sample(rng, s);
  return { sampler: s, mean: sum / n };
}

describe('empirical lists beyond 10,000 values', () => {
  // 200,000 exponential-looking observations (mean about 5), made with a seeded generator
  const rng = new Xoshiro128(9, 0);
  const values = Array.from({ length: 200_000 }, () => -5 * Math.log(rng.uniform()));
  const exactMean = values.reduce((a, b) => a + b, 0) / values.length;

  it('are accepted by the schema up to 1,000,000 values, and refused beyond', () => {
    expect(LIMITS.empiricalValues).toBe(1_000_000);
    expect(distributionSchema.safeParse({ type: 'empirical', values }).success).toBe(true);
    const big = new Array<number>(LIMITS.empiricalValues).fill(3);
    expect(distributionSchema.safeParse({ type: 'empirical', values: big }).success).toBe(true);
    big.push(3);
    const r = distributionSchema.safeParse({ type: 'empirical', values: big });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/at most 1000000 values/);
  });

  it('reports the first few bad values only, with their index', () => {
    const bad = [...values.slice(0, 10), -1, 2_000, -3, -4, -5, -6, -7];
    const r = distributionSchema.safeParse({ type: 'empirical', values: bad });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toEqual([
      ['values', 10],
      ['values', 11],
      ['values', 12],
      ['values', 13],
      ['values', 14],
    ]);
  });

  it('are kept in a typed array and sampled uniformly: mean within 1% (fixed seed)', () => {
    const { sampler, mean } = sampleMean({ type: 'empirical', values }, 400_000);
    expect(sampler.kind).toBe(DIST_EMPIRICAL);
    expect(sampler.values).toBeInstanceOf(Float64Array);
    expect(sampler.values.length).toBe(200_000);
    expect(sampler.mean).toBeCloseTo(exactMean, 9);
    expect(Math.abs(mean - exactMean) / exactMean).toBeLessThan(0.01);
  });

  it('draws only observed values, from both ends of the list', () => {
    const s = compileDistribution({ type: 'empirical', values: [1, 2, 3, 4] });
    const r = new Xoshiro128(1, 1);
    const seen = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      const x = sample(r, s);
      seen.set(x, (seen.get(x) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual([1, 2, 3, 4]);
    for (const c of seen.values()) expect(Math.abs(c / 40_000 - 0.25)).toBeLessThan(0.01);
  });
});

describe('histogram distributions {edges, counts}', () => {
  const spec = { type: 'histogram' as const, edges: [0, 1, 2, 4], counts: [1, 2, 1] };

  it('mean and SCV are those of uniform bins: mean 1.625', () => {
    const s = compileDistribution(spec);
    expect(s.kind).toBe(DIST_HISTOGRAM);
    // E[X] = (0.5·1 + 1.5·2 + 3·1) / 4; E[X²] = (1/3 · 1 + 7/3 · 2 + 28/3 · 1) / 4
    const m = (0.5 + 3 + 3) / 4;
    const m2 = (1 / 3 + 14 / 3 + 28 / 3) / 4;
    expect(s.mean).toBeCloseTo(m, 12);
    expect(s.scv).toBeCloseTo((m2 - m * m) / (m * m), 12);
  });

  it('samples each bin in proportion to its count, uniformly inside (fixed seed)', () => {
    const s = compileDistribution(spec);
    const r = new Xoshiro128(5, 2);
    const n = 200_000;
    const bins = [0, 0, 0];
    let sum = 0;
    let inFirstHalfOfLastBin = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = sample(r, s);
      if (!(x >= 0 && x < 4)) outside++;
      sum += x;
      const b = x < 1 ? 0 : x < 2 ? 1 : 2;
      bins[b]!++;
      if (x >= 2 && x < 3) inFirstHalfOfLastBin++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(bins[0]! / n - 0.25)).toBeLessThan(0.005);
    expect(Math.abs(bins[1]! / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(bins[2]! / n - 0.25)).toBeLessThan(0.005);
    expect(Math.abs(inFirstHalfOfLastBin / bins[2]! - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(sum / n - 1.625) / 1.625).toBeLessThan(0.01);
  });

  it('with 100,000 uneven bins, the alias table keeps the mean (within 1%, fixed seed)', () => {
    const rng = new Xoshiro128(11, 0);
    const bins = 100_000;
    const edges = Array.from({ length: bins + 1 }, (_, i) => (i * 60) / bins);
    // a skewed shape: most mass early, a long thin tail, some empty bins
    const counts = Array.from({ length: bins }, (_, i) =>
      i % 97 === 0 ? 0 : Math.floor(1000 * Math.exp(-i / 8000) * rng.uniform()),
    );
    const spec2 = { type: 'histogram' as const, edges, counts };
    expect(distributionSchema.safeParse(spec2).success).toBe(true);
    const { sampler, mean } = sampleMean(spec2, 400_000);
    expect(Math.abs(mean - sampler.mean) / sampler.mean).toBeLessThan(0.01);
    // the alias table: every probability in [0, 1], every alias a bin
    let bad = 0;
    for (let i = 0; i < bins; i++) {
      const p = sampler.values[bins + 1 + i]!;
      const a = sampler.values[2 * bins + 1 + i]!;
      if (!(p >= 0 && p <= 1 && Number.isInteger(a) && a >= 0 && a < bins)) bad++;
    }
    expect(bad).toBe(0);
    // and it reproduces every bin's share exactly: (prob[i] + Σ over columns aliased to i of
    // 1 − prob) / n = counts[i] / total
    const share = new Float64Array(bins);
    for (let i = 0; i < bins; i++) {
      const p = sampler.values[bins + 1 + i]!;
      share[i] = share[i]! + p / bins;
      const a = sampler.values[2 * bins + 1 + i]!;
      share[a] = share[a]! + (1 - p) / bins;
    }
    const total = counts.reduce((x, y) => x + y, 0);
    let worst = 0;
    for (let i = 0; i < bins; i++) worst = Math.max(worst, Math.abs(share[i]! - counts[i]! / total));
    expect(worst).toBeLessThan(1e-12);
  });

  it('refuses a bad histogram with the field named', () => {
    const paths = (h: unknown) => {
      const r = distributionSchema.safeParse(h);
      expect(r.success).toBe(false);
      return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(paths({ type: 'histogram', edges: [0, 1, 2], counts: [1] })).toEqual([
      'counts: needs one count per bin: 2 values, found 1',
    ]);
    expect(paths({ type: 'histogram', edges: [0, 2, 2], counts: [1, 1] })).toEqual([
      'edges.2: edges must increase strictly',
    ]);
    expect(paths({ type: 'histogram', edges: [0, 1], counts: [0] })).toEqual([
      'counts: counts must not all be 0',
    ]);
    expect(paths({ type: 'histogram', edges: [0], counts: [] })[0]).toMatch(
      /^edges: needs at least two edges/,
    );
    expect(paths({ type: 'histogram', edges: [0, 1], counts: [-1] })[0]).toMatch(/^counts.0: a count/);
  });
});

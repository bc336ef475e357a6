import { type RandomSource, unit } from './rng';

/** A time distribution as written in a scenario; every time is in minutes. */
export type DistributionSpec =
  | { type: 'exponential'; mean: number }
  | { type: 'deterministic'; value: number }
  | { type: 'lognormal'; mean: number; sd: number }
  | { type: 'gamma'; shape: number; scale: number }
  | { type: 'empirical'; values: ArrayLike<number> }
  /** a histogram: counts[i] observations in [edges[i], edges[i + 1]), uniform inside a bin */
  | { type: 'histogram'; edges: ArrayLike<number>; counts: ArrayLike<number> };

/** distribution kinds (an enum: the bundler writes literal numbers into `sample`'s switch) */
export enum Dist {
  EXPONENTIAL = 0,
  DETERMINISTIC = 1,
  LOGNORMAL = 2,
  GAMMA = 3,
  EMPIRICAL = 4,
  HISTOGRAM = 5,
}
export const DIST_EXPONENTIAL = Dist.EXPONENTIAL;
export const DIST_DETERMINISTIC = Dist.DETERMINISTIC;
export const DIST_LOGNORMAL = Dist.LOGNORMAL;
export const DIST_GAMMA = Dist.GAMMA;
export const DIST_EMPIRICAL = Dist.EMPIRICAL;
export const DIST_HISTOGRAM = Dist.HISTOGRAM;

/** A compiled distribution: a kind code and numeric parameters, sampled without allocation. */
export interface Sampler {
  readonly kind: number;
  /** exponential: mean; deterministic: value; lognormal: mu; gamma: shape; histogram: bins n */
  readonly p1: number;
  /** lognormal: sigma; gamma: scale */
  readonly p2: number;
  /**
   * empirical: the observed values; histogram: the n + 1 edges, then the alias table's n
   * acceptance probabilities, then its n aliases (one array, so every sampler has one shape)
   */
  readonly values: Float64Array;
  readonly mean: number;
  /** squared coefficient of variation */
  readonly scv: number;
}

const EMPTY = new Float64Array(0);

export function compileDistribution(spec: DistributionSpec): Sampler {
  switch (spec.type) {
    case 'exponential':
      return { kind: DIST_EXPONENTIAL, p1: spec.mean, p2: 0, values: EMPTY, mean: spec.mean, scv: 1 };
    case 'deterministic':
      return { kind: DIST_DETERMINISTIC, p1: spec.value, p2: 0, values: EMPTY, mean: spec.value, scv: 0 };
    case 'lognormal': {
      const s2 = Math.log(1 + (spec.sd * spec.sd) / (spec.mean * spec.mean));
      return {
        kind: DIST_LOGNORMAL,
        p1: Math.log(spec.mean) - s2 / 2,
        p2: Math.sqrt(s2),
        values: EMPTY,
        mean: spec.mean,
        scv: (spec.sd * spec.sd) / (spec.mean * spec.mean),
      };
    }
    case 'gamma':
      return {
        kind: DIST_GAMMA,
        p1: spec.shape,
        p2: spec.scale,
        values: EMPTY,
        mean: spec.shape * spec.scale,
        scv: 1 / spec.shape,
      };
    case 'empirical': {
      const values = Float64Array.from(spec.values);
      let sum = 0;
      for (const v of values) sum += v;
      const mean = sum / values.length;
      let ss = 0;
      for (const v of values) ss += (v - mean) * (v - mean);
      const variance = ss / values.length;
      return {
        kind: DIST_EMPIRICAL,
        p1: 0,
        p2: 0,
        values,
        mean,
        scv: mean > 0 ? variance / (mean * mean) : 0,
      };
    }
    case 'histogram':
      return compileHistogram(spec.edges, spec.counts);
  }
}

/**
 * A histogram as a sampler: Walker's alias table over the bins (O(1) per draw whatever the
 * number of bins), then a uniform position inside the bin. Edges must increase strictly and
 * the counts be ≥ 0 with a positive sum (the schema checks both).
 */
function compileHistogram(edges: ArrayLike<number>, counts: ArrayLike<number>): Sampler {
  const n = counts.length;
  const values = new Float64Array(3 * n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) total += counts[i]!;
  let mean = 0;
  let second = 0;
  for (let i = 0; i <= n; i++) values[i] = edges[i]!;
  for (let i = 0; i < n; i++) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    const w = counts[i]! / total;
    mean += (w * (a + b)) / 2;
    second += (w * (a * a + a * b + b * b)) / 3;
  }
  // Vose's construction of the alias table
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (counts[i]! / total) * n;
    if (scaled[i]! < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const l = large[--nl]!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // what is left is 1 up to rounding
  while (nl > 0) {
    const l = large[--nl]!;
    prob[l] = 1;
    alias[l] = l;
  }
  while (ns > 0) {
    const s = small[--ns]!;
    prob[s] = 1;
    alias[s] = s;
  }
  for (let i = 0; i < n; i++) {
    values[n + 1 + i] = prob[i]!;
    values[2 * n + 1 + i] = alias[i]!;
  }
  const variance = Math.max(0, second - mean * mean);
  return {
    kind: DIST_HISTOGRAM,
    p1: n,
    p2: 0,
    values,
    mean,
    scv: mean > 0 ? variance / (mean * mean) : 0,
  };
}

/** Standard normal by the Box–Muller transform (one of the pair is used). */
export function sampleNormal(rng: RandomSource): number {
  const u1 = unit(rng.nextInt32());
  const u2 = unit(rng.nextInt32());
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 by the boost U^(1/shape). */
export function sampleGammaUnit(rng: RandomSource, shape: number): number {
  if (shape < 1) return sampleGammaUnit(rng, shape + 1) * unit(rng.nextInt32()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = unit(rng.nextInt32());
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sample(rng: RandomSource, s: Sampler): number {
  switch (s.kind) {
    case Dist.EXPONENTIAL:
      return -s.p1 * Math.log(unit(rng.nextInt32()));
    case Dist.DETERMINISTIC:
      return s.p1;
    case Dist.LOGNORMAL:
      return Math.exp(s.p1 + s.p2 * sampleNormal(rng));
    case Dist.GAMMA:
      return s.p2 * sampleGammaUnit(rng, s.p1);
    case Dist.HISTOGRAM: {
      const v = s.values;
      const n = s.p1;
      const col = Math.floor(unit(rng.nextInt32()) * n);
      const bin = unit(rng.nextInt32()) < v[n + 1 + col]! ? col : v[2 * n + 1 + col]!;
      const a = v[bin]!;
      return a + (v[bin + 1]! - a) * unit(rng.nextInt32());
    }
    default: {
      const v = s.values;
      return v[Math.floor(unit(rng.nextInt32()) * v.length)]!;
    }
  }
}

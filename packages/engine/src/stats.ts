/**
 * Streaming statistics: memory does not grow with the number of customers.
 * - Welford's algorithm for means and variances.
 * - A log-linear histogram of waits for percentiles: one bucket for exact zeros, one for
 *   (0, 2^-9 min ≈ 0.12 s), then 128 buckets per power of two up to 2^17 minutes, then an
 *   overflow bucket. Reported percentiles are interpolated inside a bucket, so their relative
 *   error is below 0.8%. Counts are integers, so merging histograms is exact in any order.
 */

export class Welford {
  n = 0;
  mean = 0;
  m2 = 0;
  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : Number.NaN;
  }
}

const T975 = [
  Number.NaN,
  12.7062,
  4.3027,
  3.1824,
  2.7764,
  2.5706,
  2.4469,
  2.3646,
  2.306,
  2.2622,
  2.2281,
  2.201,
  2.1788,
  2.1604,
  2.1448,
  2.1314,
  2.1199,
  2.1098,
  2.1009,
  2.093,
  2.086,
  2.0796,
  2.0739,
  2.0687,
  2.0639,
  2.0595,
  2.0555,
  2.0518,
  2.0484,
  2.0452,
  2.0423,
];

/** The 0.975 quantile of Student's t with `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T975[df]!;
  const z = 1.959963984540054;
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df)
  );
}

/** A mean across replications with its 95% Student-t confidence interval. */
export interface Estimate {
  mean: number;
  ci95: [number, number] | null;
  halfWidth: number | null;
  n: number;
}

export function estimateFrom(n: number, mean: number, m2: number): Estimate {
  if (n === 0) return { mean: Number.NaN, ci95: null, halfWidth: null, n };
  if (n < 2) return { mean, ci95: null, halfWidth: null, n };
  const h = (tQuantile975(n - 1) * Math.sqrt(m2 / (n - 1))) / Math.sqrt(n);
  return { mean, ci95: [mean - h, mean + h], halfWidth: h, n };
}

/**
 * Bucket layout: the top bits of the IEEE-754 double (exponent and the first 7 mantissa bits),
 * so a bucket spans at most 1/128 of its lower bound and finding it costs no logarithm.
 * Bucket 0 holds exact zeros, bucket 1 values below HIST_MIN, the last bucket values ≥ HIST_MAX.
 */
export const HIST_MIN = 2 ** -9;
export const HIST_MAX = 2 ** 17;
const SUB_BITS = 7;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const code = (v: number): number => {
  f64[0] = v;
  return u32[HI]! >>> (20 - SUB_BITS);
};
const MIN_CODE = code(HIST_MIN);
const MAX_CODE = code(HIST_MAX);
/** bucket 0: exact 0; 1: (0, HIST_MIN); 2..: 128 buckets per power of two; last: ≥ HIST_MAX */
export const HIST_BUCKETS = MAX_CODE - MIN_CODE + 3;
const OVERFLOW = HIST_BUCKETS - 1;
/** for callers that inline histBucket: the index of the double's high 32-bit word, and the code of HIST_MIN */
export const HIST_HI_WORD = HI;
export const HIST_MIN_CODE = MIN_CODE;

export function histBucket(v: number): number {
  if (v <= 0) return 0;
  f64[0] = v;
  const c = u32[HI]! >>> (20 - SUB_BITS);
  if (c < MIN_CODE) return 1;
  const i = c - MIN_CODE + 2;
  return Math.min(i, OVERFLOW);
}

function fromCode(c: number): number {
  u32[HI] = c << (20 - SUB_BITS);
  u32[1 - HI] = 0;
  return f64[0]!;
}

function bucketLower(i: number): number {
  if (i <= 1) return 0;
  if (i >= OVERFLOW) return HIST_MAX;
  return fromCode(i - 2 + MIN_CODE);
}

function bucketUpper(i: number): number {
  if (i === 0) return 0;
  if (i === 1) return HIST_MIN;
  if (i >= OVERFLOW) return HIST_MAX;
  return fromCode(i - 1 + MIN_CODE);
}

/**
 * Quantile q of `total` values counted in the buckets `bucketOf(0 .. n)` of
 * counts[offset .. offset + HIST_BUCKETS), which list every non-zero bucket in increasing order:
 * the value at q·total, interpolated within its bucket. NaN when empty; HIST_MAX when it lies
 * beyond the listed buckets.
 */
function quantileOver(
  counts: ArrayLike<number>,
  offset: number,
  total: number,
  q: number,
  n: number,
  bucketOf: (k: number) => number,
): number {
  if (total <= 0) return Number.NaN;
  const target = q * total;
  let cum = 0;
  for (let k = 0; k < n; k++) {
    const i = bucketOf(k);
    const c = counts[offset + i]!;
    if (c === 0) continue;
    if (cum + c >= target) {
      const lo = bucketLower(i);
      const hi = bucketUpper(i);
      const f = c > 0 ? (target - cum) / c : 0;
      return lo + (hi - lo) * Math.min(1, Math.max(0, f));
    }
    cum += c;
  }
  return HIST_MAX;
}

/**
 * histQuantile for a sparse histogram: `used[from .. from + n)` lists, in increasing order, the
 * buckets that may be non-zero (every non-zero bucket is listed). Gives the same result as
 * histQuantile, visiting only the listed buckets.
 */
export function histQuantileSparse(
  counts: ArrayLike<number>,
  offset: number,
  total: number,
  q: number,
  used: ArrayLike<number>,
  from: number,
  n: number,
): number {
  return quantileOver(counts, offset, total, q, n, (k) => used[from + k]!);
}

/**
 * Quantile q (0..1) of the histogram held in counts[offset .. offset + HIST_BUCKETS).
 * Returns NaN when empty. Values in the overflow bucket are reported as HIST_MAX.
 */
export function histQuantile(
  counts: ArrayLike<number>,
  offset: number,
  total: number,
  q: number,
  lo = 0,
  hi = HIST_BUCKETS - 1,
): number {
  return quantileOver(counts, offset, total, q, hi - lo + 1, (k) => lo + k);
}

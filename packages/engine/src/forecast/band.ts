/**
 * Prediction bands of counts (pure): quantiles of a count with mean `m` and variance `φ·m`
 * (Poisson when φ ≤ 1, else a negative binomial of that variance; a normal approximation for
 * large means).
 */

/** The smallest k with P(X ≤ k) ≥ q. */
export function countQuantile(m: number, phi: number, q: number): number {
  if (!(m > 0)) return 0;
  const v = Math.max(1, phi) * m;
  if (m > 150) return Math.max(0, Math.round(m + normalQuantile(q) * Math.sqrt(v)));
  let pmf: number;
  let next: (k: number, p: number) => number;
  if (phi <= 1.0001) {
    pmf = Math.exp(-m);
    next = (k, p) => (p * m) / (k + 1);
  } else {
    const r = m / (v / m - 1); // size
    const pr = r / (r + m); // success probability
    pmf = Math.exp(r * Math.log(pr));
    next = (k, p) => (p * (k + r) * (1 - pr)) / (k + 1);
  }
  let cdf = pmf;
  let k = 0;
  while (cdf < q && k < 10_000) {
    pmf = next(k, pmf);
    k++;
    cdf += pmf;
  }
  return k;
}

/** Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472,
    2.50662827745924,
  ];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [
    -0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497,
    2.93816398269878,
  ];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const lo = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((s, v) => s * x + v, 0);
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

export interface Band {
  mean: number;
  low: number;
  high: number;
}

/** The central band of `level` (e.g. 0.8: the 10% and 90% quantiles). */
export const band = (mean: number, phi: number, level: number): Band => ({
  mean,
  low: countQuantile(mean, phi, (1 - level) / 2),
  high: countQuantile(mean, phi, (1 + level) / 2),
});

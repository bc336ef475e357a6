/**
 * Patience as a survival estimate (pure), from three kinds of observation of a waiting customer:
 * - `exact`: left while waiting at t (an abandon): patience = t;
 * - `right`: reached a counter after waiting w (served): patience > w (right-censored);
 * - `left`: called after w and gone (a no-show): patience ≤ w (left-censored).
 * Kaplan–Meier handles the first two; with left-censoring too, Turnbull's self-consistency EM
 * (1976) on a grid of `step` minutes estimates the mass of each bin. The last bin, [grid end, ∞),
 * holds the customers more patient than any wait seen: only censored observations reach it.
 */

export interface PatienceObservations {
  exact: number[];
  right: number[];
  left: number[];
}

export interface SurvivalEstimate {
  /** grid step, minutes */
  step: number;
  /** bin edges 0, step, …, K·step (K bins on the grid; the mass beyond is `tail`) */
  edges: number[];
  /** probability mass per grid bin */
  mass: number[];
  /** mass beyond the grid: patient past every observed wait */
  tail: number;
  /** S(edges[i]) = P(patience > edges[i]) */
  survival: number[];
  iterations: number;
  observations: number;
}

export interface TurnbullOptions {
  step?: number;
  /** the grid ends at the largest observation, at most this many minutes */
  maxMinutes?: number;
  tolerance?: number;
  maxIterations?: number;
}

/** Turnbull's EM on a grid; observations in minutes. */
export function turnbull(obs: PatienceObservations, opts: TurnbullOptions = {}): SurvivalEstimate {
  const step = opts.step ?? 0.5;
  const maxMinutes = opts.maxMinutes ?? 240;
  const tol = opts.tolerance ?? 1e-7;
  const maxIt = opts.maxIterations ?? 2_000;
  let top = 0;
  for (const a of [obs.exact, obs.right, obs.left]) for (const x of a) if (x > top) top = x;
  const K = Math.max(
    1,
    Math.min(Math.ceil(maxMinutes / step), Math.floor(Math.min(top, maxMinutes) / step) + 1),
  );
  const B = K + 1; // grid bins + the tail
  const bin = (x: number) => Math.min(K - 1, Math.max(0, Math.floor(x / step)));
  const E = new Float64Array(B); // exact, per bin
  const L = new Float64Array(B); // left-censored: patience in bins 0..b
  const R = new Float64Array(B); // right-censored: patience in bins b..B-1
  for (const x of obs.exact) E[x > maxMinutes ? K : bin(x)]!++;
  for (const x of obs.left) L[bin(x)]!++;
  for (const x of obs.right) R[x > maxMinutes ? K : bin(x)]!++;
  const N = obs.exact.length + obs.left.length + obs.right.length;
  const p = new Float64Array(B).fill(1 / B);
  const next = new Float64Array(B);
  const S = new Float64Array(B); // Σ_{i ≤ j} p_i
  const A = new Float64Array(B + 1); // Σ_{b ≥ i} L_b / S_b
  let it = 0;
  if (N > 0)
    for (; it < maxIt; it++) {
      let acc = 0;
      for (let j = 0; j < B; j++) S[j] = acc += p[j]!;
      const total = acc;
      A[B] = 0;
      for (let i = B - 1; i >= 0; i--) A[i] = A[i + 1]! + (L[i]! > 0 && S[i]! > 0 ? L[i]! / S[i]! : 0);
      let right = 0; // Σ_{b ≤ i} R_b / T_b, T_b = Σ_{i ≥ b} p_i
      let change = 0;
      for (let i = 0; i < B; i++) {
        const T = total - (i > 0 ? S[i - 1]! : 0);
        if (R[i]! > 0 && T > 0) right += R[i]! / T;
        next[i] = (E[i]! + p[i]! * (A[i]! + right)) / N;
      }
      for (let i = 0; i < B; i++) {
        change = Math.max(change, Math.abs(next[i]! - p[i]!));
        p[i] = next[i]!;
      }
      if (change < tol) {
        it++;
        break;
      }
    }
  const edges = Array.from({ length: K + 1 }, (_, i) => i * step);
  const mass = Array.from(p.subarray(0, K));
  const survival: number[] = [1];
  let s = 1;
  for (let i = 0; i < K; i++) {
    s -= mass[i]!;
    survival.push(Math.max(0, s));
  }
  return { step, edges, mass, tail: p[K]!, survival, iterations: it, observations: N };
}

/** Kaplan–Meier for exact and right-censored observations: [time, S(time)] at each event time. */
export function kaplanMeier(exact: number[], right: number[]): { t: number; s: number }[] {
  const pts = [...exact.map((t) => ({ t, d: 1 })), ...right.map((t) => ({ t, d: 0 }))].sort(
    (a, b) => a.t - b.t || b.d - a.d,
  );
  let atRisk = pts.length;
  let s = 1;
  const out: { t: number; s: number }[] = [{ t: 0, s: 1 }];
  for (let i = 0; i < pts.length; ) {
    const t = pts[i]!.t;
    let d = 0;
    let n = 0;
    for (; i < pts.length && pts[i]!.t === t; i++, n++) d += pts[i]!.d;
    if (d > 0) {
      s *= 1 - d / atRisk;
      out.push({ t, s });
    }
    atRisk -= n;
  }
  return out;
}

/** S(t) of an estimate, linear inside a bin. */
export function survivalAt(est: SurvivalEstimate, t: number): number {
  if (t <= 0) return 1;
  const k = t / est.step;
  const i = Math.floor(k);
  if (i >= est.mass.length) return est.tail;
  return est.survival[i]! - est.mass[i]! * (k - i);
}

/**
 * The estimate as an engine histogram: the grid's bins, then the tail in one bin up to
 * `tailEnd` minutes (customers that patient never leave a banking day's queue).
 */
export function survivalHistogram(est: SurvivalEstimate, tailEnd = 1_440) {
  const edges = [...est.edges];
  const counts = est.mass.map((m) => (m > 1e-12 ? m : 0));
  const last = edges[edges.length - 1]!;
  if (est.tail > 1e-12 && last < tailEnd) {
    edges.push(tailEnd);
    counts.push(est.tail);
  }
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { type: 'histogram' as const, edges: [0, tailEnd], counts: [1] };
  return { type: 'histogram' as const, edges, counts: counts.map((c) => Number((c * 1e6).toFixed(3))) };
}

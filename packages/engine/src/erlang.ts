/**
 * Exact queueing formulas, the fast path next to the simulation.
 * - Erlang C (M/M/c): Erlang B by its stable recursion, then C = cB / (c − a(1 − B)).
 * - Erlang A (M/M/c+M, exponential patience): the birth–death chain solved in log space and
 *   truncated where the tail is below 1e-17; the service level by uniformisation of the tagged
 *   customer's progress through the queue.
 * Rates per minute, times in minutes. The service level is the share of arrivals that are served
 * after waiting at most the target; customers who abandon count as missing it.
 */
import type { Minutes, PerMinute } from './units';

export interface QueueInput {
  arrivalRate: PerMinute;
  serviceRate: PerMinute;
  servers: number;
  /** abandonment rate θ = 1 / mean patience; 0 or absent for Erlang C */
  patienceRate?: PerMinute;
  /** target wait for the service level (minutes); 0 when absent */
  targetMinutes?: Minutes;
}

export interface QueueMetrics {
  model: 'M/M/c' | 'M/M/c+M';
  arrivalRate: number;
  serviceRate: number;
  servers: number;
  patienceRate: number;
  /** a = λ/μ, in Erlangs */
  offeredLoad: number;
  /** false when λ ≥ cμ without abandonment: queues grow without bound */
  stable: boolean;
  /** probability that an arrival waits at all */
  pWait: number;
  /** mean time in queue over all arrivals, minutes (abandoning customers count their time) */
  waitMinutes: number;
  /** mean time in queue of the customers who are served (abandoning customers left out), minutes */
  servedWaitMinutes: number;
  /** mean number waiting */
  queueLength: number;
  targetMinutes: number;
  /** share of arrivals served after waiting ≤ target */
  serviceLevel: number;
  /** share of arrivals that abandon */
  abandonRate: number;
  /** mean share of servers busy */
  occupancy: number;
}

export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Probability of waiting in M/M/c; 1 when the load reaches the number of servers. */
export function erlangC(servers: number, load: number): number {
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

function checkInput(q: QueueInput): void {
  const ok = (x: number) => Number.isFinite(x) && x >= 0;
  if (!ok(q.arrivalRate) || !ok(q.serviceRate) || q.serviceRate <= 0)
    throw new RangeError('arrival rate must be ≥ 0 and service rate > 0');
  if (!Number.isInteger(q.servers) || q.servers < 1 || q.servers > 100_000)
    throw new RangeError('servers must be an integer between 1 and 100000');
  if (q.patienceRate !== undefined && !ok(q.patienceRate)) throw new RangeError('patience rate must be ≥ 0');
  if (q.targetMinutes !== undefined && !ok(q.targetMinutes)) throw new RangeError('target must be ≥ 0');
}

export function erlangCMetrics(q: QueueInput): QueueMetrics {
  checkInput(q);
  const lambda = q.arrivalRate;
  const mu = q.serviceRate;
  const c = q.servers;
  const a = lambda / mu;
  const t = q.targetMinutes ?? 0;
  const base = {
    model: 'M/M/c' as const,
    arrivalRate: lambda,
    serviceRate: mu,
    servers: c,
    patienceRate: 0,
    offeredLoad: a,
    targetMinutes: t,
    abandonRate: 0,
  };
  if (a >= c) {
    return {
      ...base,
      stable: false,
      pWait: 1,
      waitMinutes: Number.POSITIVE_INFINITY,
      servedWaitMinutes: Number.POSITIVE_INFINITY,
      queueLength: Number.POSITIVE_INFINITY,
      serviceLevel: 0,
      occupancy: 1,
    };
  }
  const pw = erlangC(c, a);
  const wq = pw / (c * mu - lambda);
  return {
    ...base,
    stable: true,
    pWait: pw,
    waitMinutes: wq,
    servedWaitMinutes: wq,
    queueLength: lambda * wq,
    serviceLevel: 1 - pw * Math.exp(-(c * mu - lambda) * t),
    occupancy: a / c,
  };
}

/** Poisson(m) probabilities from 0 up to where the upper tail is negligible. */
function poissonWeights(m: number): Float64Array {
  const top = Math.ceil(m + 12 * Math.sqrt(m) + 40);
  const w = new Float64Array(top + 1);
  const logM = Math.log(m);
  let lp = -m;
  for (let k = 0; k <= top; k++) {
    if (k > 0) lp += logM - Math.log(k);
    w[k] = Math.exp(lp);
  }
  return w;
}

export function erlangAMetrics(q: QueueInput): QueueMetrics {
  checkInput(q);
  const theta = q.patienceRate ?? 0;
  if (theta <= 0) return erlangCMetrics(q);
  const lambda = q.arrivalRate;
  const mu = q.serviceRate;
  const c = q.servers;
  const t = q.targetMinutes ?? 0;
  // log of the unnormalised stationary weights of the birth–death chain
  const logw: number[] = [0];
  let lw = 0;
  let maxLw = 0;
  for (let k = 1; ; k++) {
    const death = Math.min(k, c) * mu + Math.max(0, k - c) * theta;
    lw += Math.log(lambda) - Math.log(death);
    logw.push(lw);
    if (lw > maxLw) maxLw = lw;
    if (k > c && lw - maxLw < -41 && lambda < death) break;
    if (k > 10_000_000) break;
  }
  const K = logw.length - 1;
  const pi = new Float64Array(K + 1);
  let sum = 0;
  for (let k = 0; k <= K; k++) {
    const v = Math.exp(logw[k]! - maxLw);
    pi[k] = v;
    sum += v;
  }
  let pWait = 0;
  let eq = 0;
  let eBusy = 0;
  for (let k = 0; k <= K; k++) {
    const p = pi[k]! / sum;
    pi[k] = p;
    if (k >= c) {
      pWait += p;
      eq += (k - c) * p;
    }
    eBusy += Math.min(k, c) * p;
  }
  // the wait of served customers, by the tagged customer's progress: arriving with i ahead, it
  // passes stages i, i − 1, …, 0; in stage j it advances at rate r_j = cμ + jθ (a service ends or
  // one of the j ahead abandons) and abandons at rate θ, so it survives the stage with
  // probability r_j / (r_j + θ) after an Exp(r_j + θ) time, whichever happens. Hence
  // P(served | i) = Π r_j / (r_j + θ) and E[W; served | i] = P(served | i) Σ 1 / (r_j + θ).
  let pServed = 0;
  let servedWaitSum = 0;
  for (let k = 0; k < c && k <= K; k++) pServed += pi[k]!;
  {
    let survive = 1;
    let stageTime = 0;
    for (let i = 0; c + i <= K; i++) {
      const r = c * mu + i * theta;
      survive *= r / (r + theta);
      stageTime += 1 / (r + theta);
      const p = pi[c + i]!;
      pServed += p * survive;
      servedWaitSum += p * survive * stageTime;
    }
  }
  // service level: P(served with wait ≤ t) by uniformisation of the tagged customer's chain
  let sl = 0;
  for (let k = 0; k < c && k <= K; k++) sl += pi[k]!;
  const J = Math.max(0, K - c);
  if (t > 0 && K >= c) {
    const big = c * mu + (J + 1) * theta;
    const weights = poissonWeights(big * t);
    const g = new Float64Array(J + 1);
    const acc = new Float64Array(J + 1);
    const pAdv = new Float64Array(J + 1);
    const pStay = new Float64Array(J + 1);
    for (let i = 0; i <= J; i++) {
      const r = c * mu + i * theta;
      pAdv[i] = r / big;
      pStay[i] = 1 - (r + theta) / big;
    }
    for (let m = 1; m < weights.length; m++) {
      for (let i = J; i >= 0; i--) g[i] = pAdv[i]! * (i === 0 ? 1 : g[i - 1]!) + pStay[i]! * g[i]!;
      const w = weights[m]!;
      if (w > 0) for (let i = 0; i <= J; i++) acc[i] = acc[i]! + w * g[i]!;
    }
    for (let i = 0; i <= J; i++) sl += pi[c + i]! * acc[i]!;
  }
  return {
    model: 'M/M/c+M',
    arrivalRate: lambda,
    serviceRate: mu,
    servers: c,
    patienceRate: theta,
    offeredLoad: lambda / mu,
    stable: true,
    pWait,
    waitMinutes: eq / lambda,
    servedWaitMinutes: pServed > 0 ? servedWaitSum / pServed : 0,
    queueLength: eq,
    targetMinutes: t,
    serviceLevel: Math.min(1, sl),
    abandonRate: (theta * eq) / lambda,
    occupancy: eBusy / c,
  };
}

/** Erlang A when a patience rate is given, otherwise Erlang C. */
export function queueMetrics(q: QueueInput): QueueMetrics {
  return q.patienceRate !== undefined && q.patienceRate > 0 ? erlangAMetrics(q) : erlangCMetrics(q);
}

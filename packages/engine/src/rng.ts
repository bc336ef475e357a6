/**
 * Seeded random numbers: xoshiro128** 1.1 (Blackman & Vigna, 2018), 32-bit output, 128-bit state.
 * The state is seeded by SplitMix64 applied to the 64-bit word (seed << 32 | stream), so every
 * (seed, stream) pair gives its own generator. Replication r of a run uses stream r, whichever
 * worker thread runs it. Sub-streams inside one replication (arrivals, service times, ...) are
 * derived the same way from a stream number computed by `subStream`.
 */
export interface RandomSource {
  /** uniform on the open interval (0, 1): never 0, never 1 */
  uniform(): number;
  /** uniform 32-bit unsigned integer */
  nextUint32(): number;
  /** the same draw as nextUint32, as a signed 32-bit integer (nextUint32() === nextInt32() >>> 0) */
  nextInt32(): number;
}

const MASK64 = (1n << 64n) - 1n;

function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

const TWO_POW_M32 = 2 ** -32;

export class Xoshiro128 implements RandomSource {
  // `declare`: the constructor's int32 values are the fields' first values (Smi fields)
  declare private a: number;
  declare private b: number;
  declare private c: number;
  declare private d: number;

  /** seed: an unsigned 32-bit seed; stream: an unsigned 32-bit stream number (e.g. replication) */
  constructor(seed: number, stream = 0) {
    const [st1, w1] = splitMix64((BigInt(seed >>> 0) << 32n) | BigInt(stream >>> 0));
    const [, w2] = splitMix64(st1);
    this.a = Number(w1 & 0xffffffffn) | 0;
    this.b = Number(w1 >> 32n) | 0;
    this.c = Number(w2 & 0xffffffffn) | 0;
    this.d = Number(w2 >> 32n) | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /**
   * nextUint32 as a signed integer. Hot code calls this and then `unit()` rather than uniform():
   * V8 returns a double from a call it did not inline as a newly allocated number, an int32
   * without allocating.
   */
  nextInt32(): number {
    const s1 = this.b;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return result;
  }

  uniform(): number {
    return (this.nextUint32() + 0.5) * TWO_POW_M32;
  }
}

/** The uniform double of a 32-bit draw: unit(rng.nextInt32()) === uniform(), in (0, 1). */
export function unit(i: number): number {
  return ((i >>> 0) + 0.5) * TWO_POW_M32;
}

/** Stream number for sub-stream `k` (0..15) of replication `replication`. */
export function subStream(replication: number, k: number): number {
  return ((replication << 4) | (k & 15)) >>> 0;
}

/** Seeds above 2^32 - 1 are folded; negative or fractional seeds are rejected by callers. */
export function normaliseSeed(seed: number): number {
  return seed >>> 0;
}

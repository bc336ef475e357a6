import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from './numbers';

describe('minOf and maxOf', () => {
  it('find the extremes of a list longer than the call stack allows to spread', () => {
    const xs = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    expect(() => Math.min(...xs)).toThrow(RangeError);
    expect(minOf(xs)).toBe(0);
    expect(maxOf(xs)).toBe(499_999);
  });

  it('answer the given value for an empty list, and take it as a bound', () => {
    expect(minOf([])).toBe(Number.POSITIVE_INFINITY);
    expect(maxOf([], 1)).toBe(1);
    expect(maxOf([0.5, 0.2], 1)).toBe(1);
    expect(minOf(new Set([3, 2, 5]))).toBe(2);
  });
});

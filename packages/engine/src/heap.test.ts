import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from './heap';

describe('EventHeap', () => {
  it('pops events in time order, carrying their key and aux', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 500 }), (times) => {
        const h = new EventHeap(2);
        for (const [i, t] of times.entries()) h.push(t, i, i + 1);
        const out: number[] = [];
        while (h.pop()) {
          expect(times[h.topKey]).toBe(h.topTime);
          expect(h.topAux).toBe(h.topKey + 1);
          out.push(h.topTime);
        }
        expect(out).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });

  it('interleaves pushes and pops correctly', () => {
    const h = new EventHeap(1);
    let now = 0;
    let x = 12345;
    for (let i = 0; i < 10_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      h.push(now + (x % 1000) / 10, 0, 0);
      if (i % 3 === 0 && h.pop()) {
        expect(h.topTime).toBeGreaterThanOrEqual(now);
        now = h.topTime;
      }
    }
  });
});

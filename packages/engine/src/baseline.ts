/**
 * The benchmark's yardstick: a bare event loop written for M/M/c alone (the same binary heap
 * and generator, FIFO ring of arrival times, mean wait only). `npm run bench` reports the full
 * engine's speed as a ratio to this.
 */
import { EventHeap } from './heap';
import { Xoshiro128 } from './rng';

export interface BaselineResult {
  events: number;
  served: number;
  meanWait: number;
}

export function bareMmc(
  lambda: number,
  mu: number,
  c: number,
  horizon: number,
  seed: number,
): BaselineResult {
  const rng = new Xoshiro128(seed, 0);
  const heap = new EventHeap(64);
  let ring = new Float64Array(1024);
  let head = 0;
  let count = 0;
  let busy = 0;
  let events = 0;
  let served = 0;
  let waitSum = 0;
  let waitN = 0;
  heap.push(-Math.log(rng.uniform()) / lambda, 0, 0);
  while (heap.pop()) {
    const t = heap.topTime;
    if (t >= horizon) break;
    events++;
    if (heap.topKey === 0) {
      heap.push(t - Math.log(rng.uniform()) / lambda, 0, 0);
      if (busy < c) {
        busy++;
        waitN++;
        heap.push(t - Math.log(rng.uniform()) / mu, 1, 0);
      } else {
        if (count === ring.length) {
          const nr = new Float64Array(ring.length * 2);
          for (let i = 0; i < count; i++) nr[i] = ring[(head + i) & (ring.length - 1)]!;
          ring = nr;
          head = 0;
        }
        ring[(head + count) & (ring.length - 1)] = t;
        count++;
      }
    } else {
      served++;
      if (count > 0) {
        const a = ring[head]!;
        head = (head + 1) & (ring.length - 1);
        count--;
        waitSum += t - a;
        waitN++;
        heap.push(t - Math.log(rng.uniform()) / mu, 1, 0);
      } else busy--;
    }
  }
  return { events, served, meanWait: waitN > 0 ? waitSum / waitN : Number.NaN };
}

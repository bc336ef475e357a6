import { recommend } from '@liangdian/engine';
import luosiwan from '../../../../docs/scenarios/luosiwan-counters-by-slot.json';

/**
 * The recommend case of `liangdian bench`: 螺蛳湾支行's day by half hour (docs/scenarios/
 * luosiwan-counters-by-slot.json) in both modes, 200 replications each, with the crossover's
 * bisection; the best of `repeat` runs after a warm-up. Target: under 2 s on one core.
 */
export function benchRecommend(scale: number, repeat: number): string {
  const replications = Math.max(2, Math.round(200 * scale));
  const run = () => recommend(luosiwan, { replications, seed: 1 });
  let result = run();
  let secs = Number.POSITIVE_INFINITY;
  let cpuSecs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = run();
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpuSecs = Math.min(cpuSecs, (c.user + c.system) / 1e6);
    if (s < secs) {
      secs = s;
      result = r;
    }
  }
  const fixed = result.slots.filter((s) => s.better === 'fixed').length;
  return `bench recommend-luosiwan-200 events/s=${Math.round(result.events / secs)} events=${result.events} wall=${secs.toFixed(3)}s replications=${replications} slots=${result.slots.length} fixed-slots=${fixed} crossover=${result.crossover?.arrivalsPerHour ?? '–'} target-wall=2s cpu-events/s=${Math.round(result.events / cpuSecs)}`;
}

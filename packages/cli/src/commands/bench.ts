import { Worker } from 'node:worker_threads';
import {
  bareMmc,
  compileScenario,
  type Minutes,
  mmcScenario,
  type PerMinute,
  simulate,
} from '@liangdian/engine';
import jinjiang from '../../../../docs/scenarios/jinjiang-weekday.json';
import { command, EXIT } from '../command';
import { benchRecommend } from './bench-recommend';
import { benchCalibrate } from './bench-calibrate';
import { benchForecast } from './bench-forecast';
import { SimPool } from '../sim-pool';

const HELP = `Usage: liangdian bench [--quick] [--repeat N]

Prints one line per case: "bench <case> events/s=<n> …".
  mm3                     M/M/3, λ=2.5/min, μ=1/min, 1,000,000 minutes through the full engine
  mm3-baseline            the same model on a bare binary-heap loop written for M/M/3 alone
  jinjiang-1000           the 金江支行 weekday scenario (docs/scenarios/jinjiang-weekday.json), 1,000 replications
  jinjiang-1000-2workers  the same on 2 worker threads (identical results), with the speed-up
  recommend-luosiwan-200  recommend for 螺蛳湾支行's day by half hour: both modes, 200 replications
                          each, and the crossover's bisection (one core; target under 2 s)
  forecast-12x4w          the arrivals forecast of 12 demo outlets, 4 weeks ahead, from 10 weeks of tickets
Each case runs --repeat times (default 3) after a warm-up; the best run is reported.
events/s is wall-clock; cpu-events/s divides by the process's CPU time instead (on a machine
shared with other work, the wall clock also counts time spent waiting for a core).
parallel-capacity is how much faster two threads spinning in parallel finish a fixed amount of
work than one thread alone, right now: the most the 2-worker speed-up can be on this machine.
--quick runs a tenth of the work (for smoke tests).`;

const rate = (events: number, secs: number) => Math.round(events / secs);

/** A CPU-bound loop for parallelCapacity: runs in a worker thread, replies with its wall time. */
const SPIN = `const { parentPort, workerData } = require('node:worker_threads');
const t0 = performance.now();
let x = 0;
for (let i = 0; i < workerData; i++) x = (x + Math.imul(i, 0x9e3779b1)) | 0;
parentPort.postMessage({ ms: performance.now() - t0, x });`;

async function spin(threads: number, iterations: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(SPIN, { eval: true, workerData: iterations });
          w.once('message', () => {
            void w.terminate();
            resolve();
          });
          w.once('error', reject);
        }),
    ),
  );
  return performance.now() - t0;
}

/** Throughput of two threads relative to one, measured now (2.0 on two idle cores). */
async function parallelCapacity(iterations: number): Promise<number> {
  await spin(1, iterations / 10);
  const one = Math.min(await spin(1, iterations), await spin(1, iterations));
  const two = Math.min(await spin(2, iterations), await spin(2, iterations));
  return (2 * one) / two;
}

export const benchCommand = command({
  name: 'bench',
  summary: 'Benchmark the simulation engine (events per second)',
  help: HELP,
  strings: ['repeat'],
  booleans: ['quick'],
  async run(values) {
    const scale = values.quick ? 0.1 : 1;
    const repeat = Math.max(1, Math.min(20, Number(values.repeat ?? 3) || 3));
    const best = <T extends { events: number }>(
      fn: () => T,
    ): { secs: number; cpuSecs: number; result: T } => {
      let secs = Number.POSITIVE_INFINITY;
      let cpuSecs = Number.POSITIVE_INFINITY;
      let result = fn();
      for (let i = 0; i < repeat; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = fn();
        const s = (performance.now() - t0) / 1000;
        const c = process.cpuUsage(c0);
        cpuSecs = Math.min(cpuSecs, (c.user + c.system) / 1e6);
        if (s < secs) {
          secs = s;
          result = r;
        }
      }
      return { secs, cpuSecs, result };
    };

    // (a) M/M/3 through the full engine, and the bare baseline
    const horizon = 1_000_000 * scale;
    const mm3 = compileScenario(
      mmcScenario({
        arrivalRate: 2.5 as PerMinute,
        serviceRate: 1 as PerMinute,
        servers: 3,
        horizon: horizon as Minutes,
      }),
    );
    const full = best(() => simulate(mm3, { replications: 1, seed: 1 }));
    const base = best(() => bareMmc(2.5, 1, 3, horizon, 1));
    const fullRate = rate(full.result.events, full.secs);
    const baseRate = rate(base.result.events, base.secs);
    console.log(
      `bench mm3 events/s=${fullRate} events=${full.result.events} wall=${full.secs.toFixed(3)}s minutes=${horizon} mean-wait=${full.result.waitMinutes.mean.toFixed(4)} ratio-to-baseline=${(fullRate / baseRate).toFixed(2)} target=5000000 cpu-events/s=${rate(full.result.events, full.cpuSecs)}`,
    );
    console.log(
      `bench mm3-baseline events/s=${baseRate} events=${base.result.events} wall=${base.secs.toFixed(3)}s mean-wait=${base.result.meanWait.toFixed(4)} cpu-events/s=${rate(base.result.events, base.cpuSecs)}`,
    );

    // (b) 金江支行, 1,000 replications, serial
    const reps = Math.round(1000 * scale);
    const model = compileScenario(jinjiang);
    const serial = best(() => simulate(model, { replications: reps, seed: 1 }));
    const serialRate = rate(serial.result.events, serial.secs);
    console.log(
      `bench jinjiang-1000 events/s=${serialRate} events=${serial.result.events} wall=${serial.secs.toFixed(3)}s replications=${reps} target=1500000 cpu-events/s=${rate(serial.result.events, serial.cpuSecs)}`,
    );

    // (c) the same on 2 workers: a pool whose threads are started and warmed up first, as a
    // server keeps them (a one-shot `simulate --workers 2` also pays thread start-up)
    let parSecs = Number.POSITIVE_INFINITY;
    let parEvents = 0;
    let same = true;
    const serialJson = JSON.stringify(serial.result);
    const pool = new SimPool(2);
    try {
      await pool.run(jinjiang, { replications: reps, seed: 2 });
      for (let i = 0; i < repeat; i++) {
        const t0 = performance.now();
        const r = await pool.run(jinjiang, { replications: reps, seed: 1 });
        const s = (performance.now() - t0) / 1000;
        same &&= JSON.stringify(r) === serialJson;
        parEvents = r.events;
        parSecs = Math.min(parSecs, s);
      }
    } finally {
      await pool.close();
    }
    const parRate = rate(parEvents, parSecs);
    const capacity = await parallelCapacity(values.quick ? 20_000_000 : 100_000_000);
    console.log(
      `bench jinjiang-1000-2workers events/s=${parRate} events=${parEvents} wall=${parSecs.toFixed(3)}s replications=${reps} speedup=${(parRate / serialRate).toFixed(2)} identical-to-serial=${same} target-speedup=1.7 parallel-capacity=${capacity.toFixed(2)}`,
    );
    console.log(benchRecommend(scale, repeat));
    benchCalibrate(Boolean(values.quick));
    console.log(benchForecast(repeat, scale));
    return same ? EXIT.ok : EXIT.failure;
  },
});

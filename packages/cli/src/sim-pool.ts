/**
 * Parallel replications on worker threads. Replication r always uses random stream r, whichever
 * worker runs it; results are merged in replication order and the histograms (integer counts)
 * in any order, so a parallel run is identical to the serial one for the same seed.
 * A pool's workers stay alive between runs (warm JIT); `simulateParallel` is the one-shot form.
 */
import { Worker } from 'node:worker_threads';
import { Aggregator, checkRunOptions, compileScenario, type SimulationReport } from '@liangdian/engine';

export interface RunOptions {
  replications: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ParallelOptions extends RunOptions {
  workers: number;
  /** the bundled sim-worker.js; defaults to the file next to the running bundle */
  workerUrl?: URL;
}

export type WorkerRequest =
  | { type: 'start'; scenario: unknown; seed: number }
  | { type: 'batch'; from: number; to: number }
  | { type: 'done' };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'batch'; from: number; to: number; vecs: Float64Array }
  | { type: 'hist'; hist: Float64Array }
  | { type: 'error'; message: string };

/** replications per batch: at least MIN_BATCH (unless the run is small), at most MAX_BATCH */
const MIN_BATCH = 8;
const MAX_BATCH = 256;

export function defaultWorkerUrl(): URL {
  return new URL('./sim-worker.js', import.meta.url);
}

export class SimPool {
  private readonly workers: Worker[];
  private busy = false;

  constructor(workers: number, workerUrl: URL = defaultWorkerUrl()) {
    this.workers = Array.from({ length: Math.max(1, workers) }, () => new Worker(workerUrl));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs the scenario's replications on the pool's workers and merges them in order. */
  async run(scenario: unknown, opts: RunOptions): Promise<SimulationReport> {
    const model = compileScenario(scenario); // validates: nothing starts on a bad scenario
    checkRunOptions(opts.replications, opts.seed);
    if (this.busy) throw new Error('this pool is already running a simulation');
    this.busy = true;
    const agg = new Aggregator(model);
    const size = agg.layout.size;
    const total = opts.replications;
    const active = this.workers.slice(0, Math.min(this.workers.length, total));
    // guided self-scheduling: large batches first (few messages, little main-thread work), then
    // smaller ones so that the workers finish together; capped so that results waiting to be
    // merged in order stay small
    const minBatch = Math.max(1, Math.min(MIN_BATCH, Math.ceil(total / (active.length * 4))));
    const nextBatch = () =>
      Math.min(MAX_BATCH, Math.max(minBatch, Math.ceil((total - next) / (2 * active.length))));
    let next = 0;
    let merged = 0;
    const pending = new Map<number, { to: number; vecs: Float64Array }>();
    const mergeReady = () => {
      for (;;) {
        const b = pending.get(merged);
        if (!b) break;
        pending.delete(merged);
        const n = b.to - merged;
        for (let i = 0; i < n; i++) agg.add(b.vecs.subarray(i * size, (i + 1) * size));
        merged = b.to;
        opts.onProgress?.(merged, total);
      }
    };
    const cleanups: Array<() => void> = [];
    try {
      await Promise.all(
        active.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              const give = () => {
                if (next < total) {
                  const from = next;
                  next = Math.min(total, next + nextBatch());
                  w.postMessage({ type: 'batch', from, to: next } satisfies WorkerRequest);
                } else w.postMessage({ type: 'done' } satisfies WorkerRequest);
              };
              const onMessage = (msg: WorkerReply) => {
                if (msg.type === 'ready') give();
                else if (msg.type === 'batch') {
                  pending.set(msg.from, { to: msg.to, vecs: msg.vecs });
                  mergeReady();
                  give();
                } else if (msg.type === 'hist') {
                  agg.addHistogram(msg.hist);
                  resolve();
                } else reject(new Error(msg.message));
              };
              const onExit = (code: number) =>
                reject(new Error(`simulation worker exited with code ${code}`));
              w.on('message', onMessage);
              w.on('error', reject);
              w.on('exit', onExit);
              cleanups.push(() => {
                w.off('message', onMessage);
                w.off('error', reject);
                w.off('exit', onExit);
              });
              w.postMessage({ type: 'start', scenario, seed: opts.seed } satisfies WorkerRequest);
            }),
        ),
      );
    } finally {
      for (const c of cleanups) c();
      this.busy = false;
    }
    if (merged !== total) throw new Error(`merged ${merged} of ${total} replications`);
    return agg.report({ seed: opts.seed });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** One-shot: start a pool, run, stop it. */
export async function simulateParallel(scenario: unknown, opts: ParallelOptions): Promise<SimulationReport> {
  compileScenario(scenario); // fail before starting threads
  const pool = new SimPool(Math.min(opts.workers, opts.replications), opts.workerUrl);
  try {
    return await pool.run(scenario, opts);
  } finally {
    await pool.close();
  }
}

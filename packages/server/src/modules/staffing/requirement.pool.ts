/**
 * The requirement off the event loop: min(2, cores) worker threads (requirement.worker.ts) that
 * run the engine's whole-day simulations, fed from one queue in order, so that the server's event
 * loop (and `/api/health`) stays free while they run; the last answers cached by the job's hash.
 * A worker that dies fails the request it ran and is replaced.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type ForecastInput,
  ForecastHistoryError,
  type ForecastResult,
  type RequirementOptions,
  type RequirementResult,
  type ScenarioInput,
} from '@liangdian/engine';

export interface RequirementJob {
  scenario: ScenarioInput;
  options: RequirementOptions;
}
/** What a worker is sent: a requirement (the default kind), or a forecast to fit. */
export type PoolRequest =
  | (RequirementJob & { id: number; kind?: 'requirement' })
  | { id: number; kind: 'forecast'; input: ForecastInput };
/** A worker's answer; `historyDays`: the forecast refused its history (ForecastHistoryError). */
export type PoolReply =
  | { id: number; result: RequirementResult | ForecastResult }
  | { id: number; error: string; historyDays?: number };

/** What the staffing service runs the engine through (a worker pool; in tests maybe inline). */
export interface RequirementRunner {
  run(job: RequirementJob): Promise<RequirementResult>;
  close(): Promise<void>;
}

let sourceBuild: Promise<URL> | null = null;

/**
 * The worker's script: requirement-worker.js beside the server's bundle (packages/cli/dist), else,
 * running from the sources (tests, development), the worker bundled once per process with esbuild
 * (a development dependency) into node_modules/.cache.
 */
export function requirementWorkerUrl(): Promise<URL> {
  const bundled = new URL('./requirement-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return Promise.resolve(bundled);
  sourceBuild ??= (async () => {
    const esbuild = await import('esbuild');
    const out = new URL(
      `../../../../../node_modules/.cache/liangdian-requirement/worker-${process.pid}.mjs`,
      import.meta.url,
    );
    const file = fileURLToPath(out);
    await mkdir(dirname(file), { recursive: true });
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./requirement.worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      conditions: ['@liangdian/source'],
      logLevel: 'warning',
      outfile: `${file}.tmp`,
      plugins: [
        {
          name: 'external-npm',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (a) =>
              a.path.startsWith('@liangdian/') ? undefined : { path: a.path, external: true },
            );
          },
        },
      ],
    });
    await rename(`${file}.tmp`, file);
    return out;
  })();
  return sourceBuild;
}

/** Workers of the pool: one per core, at most two (the machine's other work needs the rest). */
export const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));
/** Answers the pool keeps (a week of an outlet is 7; a branch of 12 outlets, 84). */
export const CACHE_ENTRIES = 500;

/** The cache's key of a job: the SHA-256 of its scenario and options (seed and replications included). */
export function jobKey(job: RequirementJob): string {
  return createHash('sha256')
    .update(JSON.stringify([job.scenario, job.options]))
    .digest('hex');
}

interface Slot {
  worker: Worker;
  busy: boolean;
}
interface Pending {
  request: PoolRequest;
  resolve: (r: never) => void;
  reject: (e: Error) => void;
}

/**
 * Up to `size` worker threads, each fed one job at a time from one queue in order. The answer of
 * a job is a pure function of its scenario and options (the engine is deterministic for a seed),
 * so the last `cacheEntries` answers are kept by the job's hash: the roster and the planning
 * step asking for the same week, or a page asked again, simulate nothing twice. Callers get their
 * own copy of a cached answer.
 */
export class RequirementPool implements RequirementRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private readonly cache = new Map<string, RequirementResult>();
  private readonly inFlight = new Map<string, Promise<RequirementResult>>();
  private starting: Promise<void> | null = null;
  private next = 1;
  private closed = false;
  /** answers served from the cache, and jobs simulated (bench, tests) */
  readonly stats = { hits: 0, runs: 0 };

  constructor(
    private readonly url: () => Promise<URL> = requirementWorkerUrl,
    private readonly size = POOL_SIZE,
    private readonly cacheEntries = CACHE_ENTRIES,
  ) {}

  async run(job: RequirementJob): Promise<RequirementResult> {
    if (this.closed) throw new Error('the requirement pool is closed');
    const key = jobKey(job);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, hit);
      this.stats.hits++;
      return structuredClone(hit);
    }
    let p = this.inFlight.get(key);
    if (p) this.stats.hits++;
    else {
      p = this.simulate(job).then((r) => {
        this.remember(key, r);
        return r;
      });
      this.inFlight.set(key, p);
      const forget = () => this.inFlight.delete(key);
      p.then(forget, forget);
    }
    return structuredClone(await p);
  }

  private remember(key: string, r: RequirementResult) {
    if (this.cacheEntries <= 0) return;
    this.cache.set(key, r);
    while (this.cache.size > this.cacheEntries) this.cache.delete(this.cache.keys().next().value!);
  }

  private simulate(job: RequirementJob): Promise<RequirementResult> {
    this.stats.runs++;
    return this.send<RequirementResult>({ id: this.next++, ...job });
  }

  /**
   * The forecast's fit (the engine's `forecastArrivals`, ForecastService) in a worker, in the same
   * queue; a history too short rejects with the engine's ForecastHistoryError.
   */
  forecast(input: ForecastInput): Promise<ForecastResult> {
    if (this.closed) return Promise.reject(new Error('the requirement pool is closed'));
    return this.send<ForecastResult>({ id: this.next++, kind: 'forecast', input });
  }

  private async send<T>(request: PoolRequest): Promise<T> {
    const done = new Promise<T>((resolve, reject) => {
      this.queue.push({ request, resolve: resolve as (r: never) => void, reject });
    });
    await this.fill();
    this.dispatch();
    return done;
  }

  /** Starts the workers missing (first use, or after one died). */
  private fill(): Promise<void> {
    if (this.slots.length >= this.size) return Promise.resolve();
    this.starting ??= (async () => {
      const url = await this.url();
      while (!this.closed && this.slots.length < this.size) this.slots.push(this.spawn(url));
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private spawn(url: URL): Slot {
    const w = new Worker(url);
    const slot: Slot = { worker: w, busy: false };
    const fail = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const p = this.running.get(w);
      this.running.delete(w);
      p?.reject(err);
    };
    w.on('message', (m: PoolReply) => {
      const p = this.running.get(w);
      if (!p || p.request.id !== m.id) return;
      this.running.delete(w);
      slot.busy = false;
      if ('error' in m)
        p.reject(m.historyDays === undefined ? new Error(m.error) : new ForecastHistoryError(m.historyDays));
      else p.resolve(m.result as never);
      this.dispatch();
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`requirement worker exited with code ${code}`)));
    w.unref(); // idle: does not keep the process alive
    return slot;
  }

  private dispatch() {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const p = this.queue.shift();
      if (!p) break;
      slot.busy = true;
      this.running.set(slot.worker, p);
      slot.worker.postMessage(p.request);
    }
    for (const slot of this.slots) {
      if (slot.busy) slot.worker.ref();
      else slot.worker.unref();
    }
    // a worker died meanwhile: start another for what is waiting
    if (this.queue.length && this.slots.length < this.size && !this.closed)
      void this.fill().then(() => this.dispatch());
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const p of this.queue.splice(0)) p.reject(new Error('the requirement pool is closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

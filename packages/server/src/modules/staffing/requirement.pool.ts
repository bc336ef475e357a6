/**
 * The requirement off the event loop: one worker thread (requirement.worker.ts) that runs the
 * engine's whole-day simulations, fed one request at a time in order, so that the server's event
 * loop (and `/api/health`) stays free while it runs. A worker that dies fails its pending
 * requests and is replaced on the next one.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RequirementOptions, RequirementResult, ScenarioInput } from '@liangdian/engine';

export interface RequirementJob {
  scenario: ScenarioInput;
  options: RequirementOptions;
}
export type RequirementRequest = RequirementJob & { id: number };
export type RequirementReply = { id: number; result: RequirementResult } | { id: number; error: string };

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

export class RequirementPool implements RequirementRunner {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: RequirementResult) => void; reject: (e: Error) => void }
  >();
  private closed = false;

  constructor(private readonly url: () => Promise<URL> = requirementWorkerUrl) {}

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const w = new Worker(await this.url());
    if (this.worker) {
      await w.terminate();
      return this.worker;
    }
    const failAll = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('message', (m: RequirementReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref(); // idle: does not keep the process alive
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`requirement worker exited with code ${code}`)));
    w.unref();
    this.worker = w;
    return w;
  }

  async run(job: RequirementJob): Promise<RequirementResult> {
    if (this.closed) throw new Error('the requirement pool is closed');
    const w = await this.start();
    const id = this.next++;
    return new Promise<RequirementResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, ...job } satisfies RequirementRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

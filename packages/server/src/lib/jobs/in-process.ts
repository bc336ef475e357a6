import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { newId } from '../ids';
import {
  errorMessage,
  type JobDefaults,
  type JobFilter,
  type JobHandler,
  type JobQueue,
  type JobRecord,
  jobIdOf,
  type SendOptions,
} from './job-queue';
import * as repo from './jobs.repository';

const LEASE_EXPIRED = 'lease expired: the worker stopped or took too long';

interface Worker {
  queue: string;
  concurrency: number;
  handler: JobHandler<unknown>;
  running: Set<Promise<void>>;
}

/**
 * The job queue of one process (SQLite): jobs persisted in the `jobs` table, so that the admin
 * page lists them and a job whose process stopped mid-run is taken again once its lease runs out
 * (after a restart). Workers poll every `pollMs` and are woken at once by a send.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly workers: Worker[] = [];
  private readonly me = `p-${newId()}`;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private pumping: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly defaults: JobDefaults,
    private readonly pollMs = 500,
  ) {}

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const running = this.workers.flatMap((w) => [...w.running]);
    await Promise.race([
      Promise.allSettled([...running, this.pumping]),
      new Promise((r) => setTimeout(r, graceMs).unref()),
    ]);
  }

  async send(queue: string, data: unknown, o: SendOptions = {}): Promise<string> {
    const id = o.key ? jobIdOf(queue, o.key) : newId();
    const now = new Date().toISOString();
    await repo.insertIfAbsent(this.db, {
      id,
      queue,
      state: 'created',
      data_json: JSON.stringify(data ?? null),
      key: o.key ?? null,
      scope: o.scope ?? null,
      attempts: 0,
      max_attempts: o.maxAttempts ?? this.defaults.maxAttempts,
      retry_delay_seconds: o.retryDelaySeconds ?? this.defaults.retryDelaySeconds,
      lease_seconds: o.leaseSeconds ?? this.defaults.leaseSeconds,
      start_after: now,
      lease_until: null,
      worker: null,
      progress_json: null,
      error: null,
      created_at: now,
      started_at: null,
      completed_at: null,
    });
    this.wake();
    return id;
  }

  async work<T>(queue: string, options: { concurrency: number }, handler: JobHandler<T>): Promise<void> {
    this.workers.push({
      queue,
      concurrency: Math.max(1, options.concurrency),
      handler: handler as JobHandler<unknown>,
      running: new Set(),
    });
    this.wake();
  }

  async cancel(queue: string, ids: readonly string[]): Promise<number> {
    return repo.cancel(this.db, queue, ids, new Date().toISOString());
  }

  async retry(queue: string, ids: readonly string[]): Promise<number> {
    const n = await repo.retry(this.db, queue, ids, new Date().toISOString());
    this.wake();
    return n;
  }

  async get(queue: string, id: string): Promise<JobRecord | null> {
    return (await repo.findMany(this.db, queue, [id]))[0] ?? null;
  }

  getMany(queue: string, ids: readonly string[]): Promise<JobRecord[]> {
    return repo.findMany(this.db, queue, ids);
  }

  list(filter: JobFilter): Promise<{ items: JobRecord[]; total: number }> {
    return repo.list(this.db, filter);
  }

  /** Runs one pass of taking jobs; a wake during a pass runs another after it. */
  private wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch(() => {})
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    const now = new Date().toISOString();
    for (const id of await repo.expiredLeases(this.db, now))
      await repo.fail(this.db, id, null, now, LEASE_EXPIRED);
    for (const w of this.workers) {
      while (!this.stopped && w.running.size < w.concurrency) {
        const row = await repo.claimNext(this.db, w.queue, new Date().toISOString(), this.me);
        if (!row) break;
        const run: Promise<void> = this.run(w, row).finally(() => {
          w.running.delete(run);
          this.wake();
        });
        w.running.add(run);
      }
    }
  }

  private async run(w: Worker, row: NonNullable<Awaited<ReturnType<typeof repo.claimNext>>>): Promise<void> {
    const id = row.id;
    let timer: NodeJS.Timeout | undefined;
    // as pg-boss does: past its lease the job counts as failed and its slot is free again
    const lease = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(LEASE_EXPIRED)), row.lease_seconds * 1000);
      timer.unref();
    });
    try {
      const handled = w.handler({
        id,
        queue: row.queue,
        data: JSON.parse(row.data_json),
        attempt: row.attempts,
        progress: (value) => repo.setProgress(this.db, id, value),
        cancelled: async () => (await repo.stateOf(this.db, id)) === 'cancelled',
      });
      await Promise.race([handled, lease]);
      await repo.complete(this.db, id, this.me, new Date().toISOString());
    } catch (err) {
      await repo.fail(this.db, id, this.me, new Date().toISOString(), errorMessage(err)).catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  }
}

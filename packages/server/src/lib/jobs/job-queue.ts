import { createHash } from 'node:crypto';

/**
 * Background jobs behind one small interface (docs/jobs.md): pg-boss on PostgreSQL, so that
 * several app instances share the work and a job outlives the process that ran it; an in-process
 * runner on SQLite, persisted in the `job` table, with the same behaviour. Both: a job is leased
 * for `leaseSeconds` when a worker takes it, retried after `retryDelaySeconds` when it throws or
 * its lease runs out (its worker died) until `maxAttempts` attempts, cancelled on request, and
 * sent at most once per idempotency key.
 */

/** created → active → completed | failed | cancelled; retry: failed once, waiting for its next attempt */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** the states from which a job will still run */
export const OPEN_STATES: readonly JobState[] = ['created', 'retry', 'active'];

export interface SendOptions {
  /**
   * Idempotency key: a second send with the same key (on the same queue) while the first job is
   * kept answers the first job's id and queues nothing.
   */
  key?: string;
  /** who may see the job in the admin list (the branch's id) */
  scope?: string;
  maxAttempts?: number;
  retryDelaySeconds?: number;
  leaseSeconds?: number;
}

export interface JobRecord {
  id: string;
  queue: string;
  state: JobState;
  data: unknown;
  key: string | null;
  scope: string | null;
  /** attempts started so far */
  attempts: number;
  maxAttempts: number;
  /** the last progress the handler reported (any JSON) */
  progress: unknown;
  /** the last error's message, when an attempt failed */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface JobContext<T> {
  id: string;
  queue: string;
  data: T;
  /** 1 for the first attempt */
  attempt: number;
  /** records progress on the job (shown in the admin list) */
  progress(value: unknown): Promise<void>;
  /** true once the job was cancelled: the handler stops at its next step */
  cancelled(): Promise<boolean>;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<unknown>;

export interface JobFilter {
  queue?: string;
  state?: JobState;
  scope?: string;
  page: number;
  pageSize: number;
}

export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  start(): Promise<void>;
  /** stops taking jobs and waits for the running ones (up to `graceMs`) */
  stop(graceMs?: number): Promise<void>;
  send(queue: string, data: unknown, options?: SendOptions): Promise<string>;
  /** runs `handler` for the queue's jobs, at most `concurrency` at once in this process */
  work<T>(queue: string, options: { concurrency: number }, handler: JobHandler<T>): Promise<void>;
  /** cancels jobs that have not ended; answers how many were */
  cancel(queue: string, ids: readonly string[]): Promise<number>;
  /** sends failed or cancelled jobs again (one more attempt each); answers how many */
  retry(queue: string, ids: readonly string[]): Promise<number>;
  get(queue: string, id: string): Promise<JobRecord | null>;
  getMany(queue: string, ids: readonly string[]): Promise<JobRecord[]>;
  list(filter: JobFilter): Promise<{ items: JobRecord[]; total: number }>;
}

export interface JobDefaults {
  workers: number;
  leaseSeconds: number;
  maxAttempts: number;
  retryDelaySeconds: number;
}

/** The job id of an idempotency key: the same key on the same queue is the same job. */
export function jobIdOf(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
  // a UUID's shape (version 8: custom), which PostgreSQL's uuid type takes
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The message of whatever a handler threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

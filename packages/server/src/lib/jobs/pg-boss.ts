import PgBoss from 'pg-boss';
import { newId } from '../ids';
import {
  errorMessage,
  type JobDefaults,
  type JobFilter,
  type JobHandler,
  type JobQueue,
  type JobRecord,
  type JobState,
  jobIdOf,
  type SendOptions,
} from './job-queue';

/** What pg-boss stores in a job's `data`: the payload with our key and scope beside it. */
interface Envelope {
  payload: unknown;
  key: string | null;
  scope: string | null;
}

export interface PgBossOptions {
  url: string;
  /** pg-boss's own schema (its tables live apart from the app's) */
  schema: string;
  /** connections of pg-boss's own pool */
  poolSize?: number;
  /** seconds between two polls of a worker for new jobs (pg-boss's minimum is 0.5) */
  pollSeconds?: number;
}

/**
 * The job queue on PostgreSQL: pg-boss 10 (11+ need Node 22). Every app instance works the same
 * queues; a worker takes a job with `FOR UPDATE SKIP LOCKED`, so each job runs in one place, and
 * pg-boss's maintenance (run by whichever instance gets there first) fails an active job whose
 * lease (`expireInSeconds`) has run out, so that a job of a killed instance is retried by another.
 */
export class PgBossJobQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly queues = new Set<string>();
  private started = false;
  private readonly schema: string;
  readonly instance = `b-${newId()}`;

  constructor(
    private readonly o: PgBossOptions,
    private readonly defaults: JobDefaults,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(o.schema)) throw new Error(`bad pg-boss schema name: ${o.schema}`);
    this.schema = o.schema;
    this.boss = new PgBoss({
      connectionString: o.url,
      schema: o.schema,
      max: o.poolSize ?? 4,
      application_name: 'liangdian-jobs',
      supervise: true,
      schedule: false,
      // the leases are checked this often: a killed instance's jobs are free within lease + this
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.ceil(defaults.leaseSeconds / 2))),
      expireInSeconds: defaults.leaseSeconds,
      retryLimit: defaults.maxAttempts - 1,
      retryDelay: defaults.retryDelaySeconds,
    });
    this.boss.on('error', () => {});
  }

  /** errors of pg-boss's own loops (maintenance, polling): the app logs them */
  set onError(fn: (err: unknown) => void) {
    this.boss.removeAllListeners('error');
    this.boss.on('error', fn);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  async stop(graceMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, graceMs) });
  }

  private async ensureQueue(queue: string): Promise<void> {
    if (this.queues.has(queue)) return;
    // create_queue inserts ON CONFLICT DO NOTHING: safe when two instances start together
    await this.boss.createQueue(queue);
    this.queues.add(queue);
  }

  async send(queue: string, data: unknown, o: SendOptions = {}): Promise<string> {
    await this.ensureQueue(queue);
    const id = o.key ? jobIdOf(queue, o.key) : newId();
    const envelope: Envelope = { payload: data ?? null, key: o.key ?? null, scope: o.scope ?? null };
    const maxAttempts = o.maxAttempts ?? this.defaults.maxAttempts;
    // a second send of the same key finds the id taken: pg-boss inserts nothing (ON CONFLICT)
    await this.boss.send(queue, envelope as object, {
      id,
      retryLimit: maxAttempts - 1,
      retryDelay: o.retryDelaySeconds ?? this.defaults.retryDelaySeconds,
      expireInSeconds: o.leaseSeconds ?? this.defaults.leaseSeconds,
      ...(o.key ? { singletonKey: o.key } : {}),
    });
    return id;
  }

  async work<T>(queue: string, options: { concurrency: number }, handler: JobHandler<T>): Promise<void> {
    await this.ensureQueue(queue);
    // pg-boss 10: one worker polls and runs one batch at a time; N workers of one job each
    for (let i = 0; i < Math.max(1, options.concurrency); i++)
      await this.boss.work<Envelope>(
        queue,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.o.pollSeconds ?? 1 },
        async ([job]) => {
          if (!job) return;
          let last: unknown = null;
          const result = await handler({
            id: job.id,
            queue,
            data: job.data.payload as T,
            attempt: job.retryCount + 1,
            progress: async (value) => {
              last = value;
              await this.sql(
                `UPDATE ${this.schema}.job SET output = $3::jsonb WHERE name = $1 AND id = $2 AND state = 'active'`,
                [queue, job.id, JSON.stringify({ progress: value ?? null })],
              );
            },
            cancelled: async () => {
              const { rows } = await this.sql(
                `SELECT state FROM ${this.schema}.job WHERE name = $1 AND id = $2`,
                [queue, job.id],
              );
              return rows[0]?.state === 'cancelled';
            },
          });
          // the output of a completed job keeps its last progress
          return { progress: last, result: result ?? null };
        },
      );
  }

  async cancel(queue: string, ids: readonly string[]): Promise<number> {
    if (!ids.length) return 0;
    await this.ensureQueue(queue);
    const r = (await this.boss.cancel(queue, [...ids])) as unknown as Affected;
    return r.affected;
  }

  async retry(queue: string, ids: readonly string[]): Promise<number> {
    if (!ids.length) return 0;
    await this.ensureQueue(queue);
    const failed = (await this.boss.retry(queue, [...ids])) as unknown as Affected;
    const cancelled = (await this.boss.resume(queue, [...ids])) as unknown as Affected;
    return failed.affected + cancelled.affected;
  }

  async get(queue: string, id: string): Promise<JobRecord | null> {
    return (await this.getMany(queue, [id]))[0] ?? null;
  }

  async getMany(queue: string, ids: readonly string[]): Promise<JobRecord[]> {
    if (!ids.length) return [];
    const { rows } = await this.sql(
      `${SELECT} FROM ${this.schema}.job WHERE name = $1 AND id = ANY($2::uuid[])`,
      [queue, [...ids]],
    );
    return rows.map(present);
  }

  async list(f: JobFilter): Promise<{ items: JobRecord[]; total: number }> {
    const where: string[] = ["name NOT LIKE '\\_\\_pgboss%'"];
    const values: unknown[] = [];
    const add = (cond: string, v: unknown) => {
      values.push(v);
      where.push(cond.replace('?', `$${values.length}`));
    };
    if (f.queue !== undefined) add('name = ?', f.queue);
    if (f.state !== undefined) add('state = ?::' + `${this.schema}.job_state`, f.state);
    if (f.scope !== undefined) add("data->>'scope' = ?", f.scope);
    const w = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.sql(
        `${SELECT} FROM ${this.schema}.job WHERE ${w} ORDER BY created_on DESC, id DESC OFFSET ${(f.page - 1) * f.pageSize} LIMIT ${f.pageSize}`,
        values,
      ),
      this.sql(`SELECT count(*)::int AS n FROM ${this.schema}.job WHERE ${w}`, values),
    ]);
    return { items: rows.rows.map(present), total: Number(count.rows[0]?.n ?? 0) };
  }

  private sql(text: string, values: unknown[]) {
    return this.boss.getDb().executeSql(text, values as never[]);
  }
}

const SELECT = `SELECT id, name, state, data, retry_count, retry_limit, started_on, created_on, completed_on, output`;

/** what pg-boss 10's cancel, retry and resume answer (its types say void) */
interface Affected {
  affected: number;
}

interface BossRow {
  id: string;
  name: string;
  state: JobState;
  data: Envelope | null;
  retry_count: number;
  retry_limit: number;
  started_on: Date | null;
  created_on: Date;
  completed_on: Date | null;
  output: Record<string, unknown> | null;
}

function present(r: BossRow): JobRecord {
  const out = r.output ?? {};
  const failedOutput = r.state === 'failed' || r.state === 'retry';
  return {
    id: r.id,
    queue: r.name,
    state: r.state,
    data: r.data?.payload ?? null,
    key: r.data?.key ?? null,
    scope: r.data?.scope ?? null,
    attempts: r.retry_count + (r.started_on ? 1 : 0),
    maxAttempts: r.retry_limit + 1,
    progress: failedOutput ? null : (out.progress ?? null),
    error: failedOutput || r.state === 'cancelled' ? errorOf(out) : null,
    createdAt: iso(r.created_on)!,
    startedAt: iso(r.started_on),
    completedAt: iso(r.completed_on),
  };
}

function errorOf(out: Record<string, unknown>): string | null {
  if (typeof out.message === 'string') return out.message;
  const v = out.value as { message?: unknown } | string | undefined;
  if (typeof v === 'string') return v;
  if (v && typeof v.message === 'string') return v.message;
  return 'progress' in out || 'result' in out || Object.keys(out).length === 0 ? null : errorMessage(out);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

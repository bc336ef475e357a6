import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, migrateToLatest, openDatabase } from '../../db/database';
import { DB_KIND, freshPgSchema } from '../../test/harness';
import { InProcessJobQueue } from './in-process';
import type { JobDefaults, JobQueue, JobRecord } from './job-queue';
import { PgBossJobQueue } from './pg-boss';

/**
 * The job queue on the database of the run: the in-process runner on SQLite, pg-boss on
 * PostgreSQL, held to the same behaviour (idempotent sends, progress, retries with their delay,
 * failures recorded, cancel, a lease that runs out, the paged list).
 */
const DEFAULTS: JobDefaults = { workers: 2, leaseSeconds: 2, maxAttempts: 3, retryDelaySeconds: 0 };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function makeQueue(defaults: JobDefaults = DEFAULTS): Promise<JobQueue> {
  let queue: JobQueue;
  if (DB_KIND === 'sqlite') {
    const database: Database = openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(database.db);
    queue = new InProcessJobQueue(database.db, defaults, 100);
    cleanups.push(() => database.close());
  } else {
    const { url, schema } = await freshPgSchema();
    const bossSchema = `${schema}_jobs`;
    queue = new PgBossJobQueue({ url, schema: bossSchema, poolSize: 3, pollSeconds: 0.5 }, defaults);
    cleanups.push(async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        `drop schema if exists ${bossSchema} cascade; drop schema if exists ${schema} cascade`,
      );
      await admin.end();
    });
  }
  await queue.start();
  cleanups.push(() => queue.stop(2000));
  return queue;
}

async function until(queue: JobQueue, name: string, id: string, ok: (j: JobRecord) => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  let last: JobRecord | null = null;
  while (Date.now() < end) {
    last = await queue.get(name, id);
    if (last && ok(last)) return last;
    await sleep(100);
  }
  throw new Error(`job ${id} never got there: ${JSON.stringify(last)}`);
}

describe(`job queue (${DB_KIND === 'sqlite' ? 'in-process' : 'pg-boss'})`, () => {
  it('runs a job once per idempotency key and keeps its progress', async () => {
    const queue = await makeQueue();
    const runs: string[] = [];
    const a = await queue.send('t.echo', { n: 1 }, { key: 'k-1', scope: 'branch-1' });
    const again = await queue.send('t.echo', { n: 2 }, { key: 'k-1', scope: 'branch-1' });
    expect(again).toBe(a);
    await queue.work<{ n: number }>('t.echo', { concurrency: 2 }, async (job) => {
      runs.push(`${job.data.n}@${job.attempt}`);
      await job.progress({ step: 'half', done: 1 });
    });
    const done = await until(queue, 't.echo', a, (j) => j.state === 'completed');
    expect(runs).toEqual(['1@1']);
    expect(done).toMatchObject({ attempts: 1, maxAttempts: 3, key: 'k-1', scope: 'branch-1', error: null });
    expect(done.progress).toEqual({ step: 'half', done: 1 });
    expect(done.startedAt).not.toBeNull();
    expect(done.completedAt! >= done.startedAt!).toBe(true);
    // the key of a completed job still names it: a re-send is the same job, not run again
    expect(await queue.send('t.echo', { n: 3 }, { key: 'k-1' })).toBe(a);
    await sleep(700);
    expect(runs).toEqual(['1@1']);
  });

  it('retries a failing job until its attempts are spent, records the error, and retries it by hand', async () => {
    const queue = await makeQueue();
    let fail = true;
    const attempts: number[] = [];
    await queue.work('t.flaky', { concurrency: 1 }, async (job) => {
      attempts.push(job.attempt);
      if (fail) throw new Error(`网点 O1 无法预测 (attempt ${job.attempt})`);
    });
    const id = await queue.send('t.flaky', {}, { maxAttempts: 2 });
    const failed = await until(queue, 't.flaky', id, (j) => j.state === 'failed');
    expect(attempts).toEqual([1, 2]);
    expect(failed.attempts).toBe(2);
    expect(failed.error).toBe('网点 O1 无法预测 (attempt 2)');
    expect(await queue.retry('t.flaky', [id])).toBe(1);
    fail = false;
    const ok = await until(queue, 't.flaky', id, (j) => j.state === 'completed');
    expect(attempts).toEqual([1, 2, 3]);
    expect(ok.attempts).toBe(3);
    // a completed job is not retried
    expect(await queue.retry('t.flaky', [id])).toBe(0);
  });

  it('waits the retry delay between attempts', async () => {
    const queue = await makeQueue({ ...DEFAULTS, retryDelaySeconds: 2 });
    const at: number[] = [];
    await queue.work('t.delay', { concurrency: 1 }, async () => {
      at.push(Date.now());
      if (at.length === 1) throw new Error('once');
    });
    const id = await queue.send('t.delay', {});
    await until(queue, 't.delay', id, (j) => j.state === 'completed');
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1900);
  });

  it('cancels a queued job before it runs and a running one at its next step', async () => {
    const queue = await makeQueue();
    const queued = await queue.send('t.slow', { name: 'queued' });
    expect(await queue.cancel('t.slow', [queued])).toBe(1);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const seen: string[] = [];
    await queue.work<{ name: string }>('t.slow', { concurrency: 1 }, async (job) => {
      seen.push(job.data.name);
      await gate;
      if (await job.cancelled()) return;
      seen.push('went on');
    });
    const running = await queue.send('t.slow', { name: 'running' });
    await until(queue, 't.slow', running, (j) => j.state === 'active');
    expect(await queue.cancel('t.slow', [running])).toBe(1);
    release();
    await sleep(800);
    expect(seen).toEqual(['running']);
    expect((await queue.get('t.slow', queued))!.state).toBe('cancelled');
    expect((await queue.get('t.slow', running))!.state).toBe('cancelled');
    // a cancelled job sent again (retry) runs
    expect(await queue.retry('t.slow', [queued])).toBe(1);
    await until(queue, 't.slow', queued, (j) => j.state === 'completed');
  });

  it('takes a job again when its lease runs out (a worker that hung or died)', async () => {
    const queue = await makeQueue();
    const attempts: number[] = [];
    await queue.work('t.hang', { concurrency: 1 }, async (job) => {
      attempts.push(job.attempt);
      if (job.attempt === 1) await new Promise(() => {}); // never ends: the lease (2 s) does
    });
    const id = await queue.send('t.hang', {});
    const done = await until(queue, 't.hang', id, (j) => j.state === 'completed', 20_000);
    expect(attempts).toEqual([1, 2]);
    expect(done.attempts).toBe(2);
  });

  it('lists jobs newest first, paged, filtered by scope and state', async () => {
    const queue = await makeQueue();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await queue.send('t.list', { i }, { scope: i < 3 ? 'b1' : 'b2' }));
      await sleep(5);
    }
    await queue.cancel('t.list', [ids[0]!]);
    const page1 = await queue.list({ scope: 'b1', page: 1, pageSize: 2 });
    expect(page1.total).toBe(3);
    expect(page1.items.map((j) => (j.data as { i: number }).i)).toEqual([2, 1]);
    const page2 = await queue.list({ scope: 'b1', page: 2, pageSize: 2 });
    expect(page2.items.map((j) => (j.data as { i: number }).i)).toEqual([0]);
    const cancelled = await queue.list({ state: 'cancelled', page: 1, pageSize: 10 });
    expect(cancelled.items.map((j) => j.id)).toEqual([ids[0]]);
    expect((await queue.list({ queue: 't.list', page: 1, pageSize: 10 })).total).toBe(5);
    expect(await queue.getMany('t.list', [ids[3]!, ids[4]!])).toHaveLength(2);
  });
});

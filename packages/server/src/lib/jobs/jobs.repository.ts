import type { Selectable } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { JobFilter, JobRecord, JobState } from './job-queue';

/** The SQL of the in-process runner's `jobs` table (migration 0019). */

type Row = Selectable<DB['jobs']>;

export async function insertIfAbsent(q: Q, row: DB['jobs']): Promise<void> {
  await q
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Takes the next due job of a queue: active, leased to `worker` until `leaseUntil`. */
export async function claimNext(q: Q, queue: string, now: string, worker: string): Promise<Row | undefined> {
  const next = await q
    .selectFrom('jobs')
    .select(['id', 'lease_seconds'])
    .where('queue', '=', queue)
    .where('state', 'in', ['created', 'retry'])
    .where('start_after', '<=', now)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!next) return undefined;
  const leaseUntil = new Date(Date.parse(now) + next.lease_seconds * 1000).toISOString();
  return q
    .updateTable('jobs')
    .set((eb) => ({
      state: 'active',
      attempts: eb('attempts', '+', 1),
      started_at: now,
      lease_until: leaseUntil,
      worker,
      error: null,
    }))
    .where('id', '=', next.id)
    .where('state', 'in', ['created', 'retry'])
    .returningAll()
    .executeTakeFirst();
}

export async function complete(q: Q, id: string, worker: string, now: string): Promise<void> {
  await q
    .updateTable('jobs')
    .set({ state: 'completed', completed_at: now, lease_until: null })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .where('worker', '=', worker)
    .execute();
}

/** A failed attempt: retried after its delay while attempts remain, else failed. */
export async function fail(
  q: Q,
  id: string,
  worker: string | null,
  now: string,
  error: string,
): Promise<void> {
  const row = await q
    .selectFrom('jobs')
    .select(['attempts', 'max_attempts', 'retry_delay_seconds'])
    .where('id', '=', id)
    .where('state', '=', 'active')
    .$if(worker !== null, (b) => b.where('worker', '=', worker!))
    .executeTakeFirst();
  if (!row) return;
  const again = row.attempts < row.max_attempts;
  await q
    .updateTable('jobs')
    .set({
      state: again ? 'retry' : 'failed',
      error,
      lease_until: null,
      worker: null,
      start_after: new Date(Date.parse(now) + row.retry_delay_seconds * 1000).toISOString(),
      completed_at: again ? null : now,
    })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .execute();
}

/** The active jobs whose lease ran out (their worker died or hung). */
export async function expiredLeases(q: Q, now: string): Promise<string[]> {
  const rows = await q
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'active')
    .where('lease_until', '<', now)
    .execute();
  return rows.map((r) => r.id);
}

export async function setProgress(q: Q, id: string, progress: unknown): Promise<void> {
  await q
    .updateTable('jobs')
    .set({ progress_json: JSON.stringify(progress ?? null) })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .execute();
}

export async function cancel(q: Q, queue: string, ids: readonly string[], now: string): Promise<number> {
  if (!ids.length) return 0;
  const r = await q
    .updateTable('jobs')
    .set({ state: 'cancelled', completed_at: now, lease_until: null })
    .where('queue', '=', queue)
    .where('id', 'in', ids)
    .where('state', 'in', ['created', 'retry', 'active'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Failed jobs get one more attempt, cancelled ones start again where they were. */
export async function retry(q: Q, queue: string, ids: readonly string[], now: string): Promise<number> {
  if (!ids.length) return 0;
  const failed = await q
    .updateTable('jobs')
    .set((eb) => ({
      state: 'retry',
      max_attempts: eb('max_attempts', '+', 1),
      start_after: now,
      completed_at: null,
    }))
    .where('queue', '=', queue)
    .where('id', 'in', ids)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  const cancelled = await q
    .updateTable('jobs')
    .set({ state: 'created', start_after: now, completed_at: null })
    .where('queue', '=', queue)
    .where('id', 'in', ids)
    .where('state', '=', 'cancelled')
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) + Number(cancelled.numUpdatedRows);
}

export async function stateOf(q: Q, id: string): Promise<string | undefined> {
  const r = await q.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst();
  return r?.state;
}

export async function findMany(q: Q, queue: string, ids: readonly string[]): Promise<JobRecord[]> {
  if (!ids.length) return [];
  const rows = await q
    .selectFrom('jobs')
    .selectAll()
    .where('queue', '=', queue)
    .where('id', 'in', ids)
    .execute();
  return rows.map(present);
}

export async function list(q: Q, f: JobFilter): Promise<{ items: JobRecord[]; total: number }> {
  const base = q
    .selectFrom('jobs')
    .$if(f.queue !== undefined, (b) => b.where('queue', '=', f.queue!))
    .$if(f.state !== undefined, (b) => b.where('state', '=', f.state!))
    .$if(f.scope !== undefined, (b) => b.where('scope', '=', f.scope!));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset((f.page - 1) * f.pageSize)
      .limit(f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: Number(count.n) };
}

function present(r: Row): JobRecord {
  return {
    id: r.id,
    queue: r.queue,
    state: r.state as JobState,
    data: JSON.parse(r.data_json),
    key: r.key,
    scope: r.scope,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    progress: r.progress_json === null ? null : JSON.parse(r.progress_json),
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
  };
}

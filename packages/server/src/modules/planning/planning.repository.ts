import type { Selectable } from 'kysely';
import { pageWithTotal } from '../../db/query';
import type { DB, Q } from '../../db/types';

/** The SQL of planning runs and their outlets (migration 0019). */

export type RunRow = Selectable<DB['planning_runs']>;
export type OutletRow = Selectable<DB['planning_outlets']>;

export async function findActiveRun(q: Q, activeKey: string): Promise<RunRow | undefined> {
  return q.selectFrom('planning_runs').selectAll().where('active_key', '=', activeKey).executeTakeFirst();
}

export async function findRun(q: Q, id: string): Promise<RunRow | undefined> {
  return q.selectFrom('planning_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRun(q: Q, row: DB['planning_runs']): Promise<void> {
  await q.insertInto('planning_runs').values(row).execute();
}

export async function insertOutlets(q: Q, rows: DB['planning_outlets'][]): Promise<void> {
  if (rows.length) await q.insertInto('planning_outlets').values(rows).execute();
}

export async function updateRun(q: Q, id: string, patch: Partial<DB['planning_runs']>): Promise<void> {
  await q.updateTable('planning_runs').set(patch).where('id', '=', id).execute();
}

/** The outlets of a run with their codes and names, in the order of their codes. */
export async function listRunOutlets(q: Q, runId: string) {
  return q
    .selectFrom('planning_outlets as p')
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .select([
      'p.run_id',
      'p.outlet_id',
      'p.job_id',
      'p.step',
      'p.steps_done',
      'p.results_json',
      'p.updated_at',
      'o.code as outlet_code',
      'o.name as outlet_name',
    ])
    .where('p.run_id', '=', runId)
    .orderBy('o.code')
    .execute();
}

export async function findRunOutlet(q: Q, runId: string, outletId: string): Promise<OutletRow | undefined> {
  return q
    .selectFrom('planning_outlets')
    .selectAll()
    .where('run_id', '=', runId)
    .where('outlet_id', '=', outletId)
    .executeTakeFirst();
}

export async function updateRunOutlet(
  q: Q,
  runId: string,
  outletId: string,
  patch: Partial<DB['planning_outlets']>,
): Promise<void> {
  await q
    .updateTable('planning_outlets')
    .set(patch)
    .where('run_id', '=', runId)
    .where('outlet_id', '=', outletId)
    .execute();
}

export async function listRuns(
  q: Q,
  f: { branchId: string; weekStart?: string },
  offset: number,
  limit: number,
) {
  const filtered = q
    .selectFrom('planning_runs')
    .where('branch_id', '=', f.branchId)
    .$if(f.weekStart !== undefined, (b) => b.where('week_start', '=', f.weekStart!));
  return pageWithTotal(
    filtered,
    (b) => b.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'),
    offset,
    limit,
  );
}

/** Active outlets of a branch, by code. */
export async function branchOutlets(q: Q, branchId: string) {
  return q
    .selectFrom('outlets')
    .select(['id', 'code', 'name'])
    .where('branch_id', '=', branchId)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
}

/** Code and name of outlets by id (the jobs list). */
export async function outletNames(q: Q, ids: readonly string[]) {
  if (!ids.length) return [];
  return q.selectFrom('outlets').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}

/** The user who started a run, as an actor (the roster step solves and saves in their name). */
export async function starterOf(q: Q, runId: string) {
  return q
    .selectFrom('planning_runs as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.branch_id',
      'u.outlet_id',
      'u.staff_id',
      'u.locale',
      'u.active',
    ])
    .where('r.id', '=', runId)
    .executeTakeFirst();
}

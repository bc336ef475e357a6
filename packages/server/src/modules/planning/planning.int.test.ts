import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlanningRun } from '@liangdian/shared/api';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentStore, buildApp } from '../../app';
import { testConfig } from '../../config';
import { type Database, openDatabase } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import { PgBossJobQueue } from '../../lib/jobs';
import {
  type Cast,
  type Client,
  DB_KIND,
  freshPgSchema,
  login,
  makeBranchWithOutlets,
  type TestApp,
} from '../../test/harness';
import type { PlanningSteps, StepInput } from './planning.steps';

/**
 * Planning a branch through the API on the run's database and its job engine (pg-boss on
 * PostgreSQL): progress per outlet, the same run for a second start, failures recorded and
 * retried from the step that failed, cancel, the jobs' admin list and its export.
 */
const JOB_CONFIG = { jobWorkers: 2, jobLeaseSeconds: 20, jobMaxAttempts: 2, jobRetryDelaySeconds: 0 };

async function planningApp(steps: Partial<PlanningSteps>): Promise<TestApp> {
  const clock = new ManualClock();
  const filesDir = mkdtempSync(join(tmpdir(), 'liangdian-files-'));
  const config = testConfig(JOB_CONFIG);
  let database: Database;
  let jobs: PgBossJobQueue | undefined;
  let drop = async () => {};
  if (DB_KIND === 'sqlite') database = openDatabase({ kind: 'sqlite', file: ':memory:' });
  else {
    const { url, schema } = await freshPgSchema();
    database = openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
    jobs = new PgBossJobQueue(
      { url, schema: `${schema}_jobs`, poolSize: 2, pollSeconds: 0.5 },
      { workers: 2, leaseSeconds: 20, maxAttempts: 2, retryDelaySeconds: 0 },
    );
    drop = async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        `drop schema if exists ${schema}_jobs cascade; drop schema if exists ${schema} cascade`,
      );
      await admin.end();
    };
  }
  const app = await buildApp({
    config,
    database,
    clock,
    files: attachmentStore(config, filesDir),
    planningSteps: steps,
    ...(jobs ? { jobs } : {}),
  });
  return {
    app,
    clock,
    database,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A step the test controls: it records its calls, may wait on a gate and may fail. */
function step(
  name: string,
  calls: string[],
  opts: { gate?: () => Promise<void>; failFor?: Set<string> } = {},
) {
  return async (i: StepInput) => {
    calls.push(`${name}:${i.outletId}`);
    await opts.gate?.();
    if (opts.failFor?.has(i.outletId)) throw new Error(`${name} broke on ${i.outletId}`);
    return { outlet: i.outletId, week: i.weekStart, before: Object.keys(i.results).join(',') };
  };
}

function gate() {
  let open: () => void = () => {};
  const p = new Promise<void>((r) => {
    open = r;
  });
  return { wait: () => p, open: () => open() };
}

const WEEK = '2026-11-09';

describe('branch planning on background jobs', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: Client;
  const calls: string[] = [];
  const failFor = new Set<string>();
  let hold = gate();

  async function start(over: Partial<PlanningSteps>) {
    t = await planningApp(over);
    cast = await makeBranchWithOutlets(t);
    admin = await login(t, 'admin');
  }

  async function until(runId: string, ok: (r: PlanningRun) => boolean, ms = 20_000): Promise<PlanningRun> {
    const end = Date.now() + ms;
    let last: PlanningRun | null = null;
    while (Date.now() < end) {
      const res = await admin.get(`/api/v1/planning/runs/${runId}`);
      expect(res.statusCode).toBe(200);
      last = res.json() as PlanningRun;
      if (ok(last)) return last;
      await sleep(150);
    }
    throw new Error(`run never got there: ${JSON.stringify(last)}`);
  }

  beforeEach(() => {
    calls.length = 0;
    failFor.clear();
    hold = gate();
  });
  afterEach(async () => {
    hold.open();
    await t?.close();
  });

  it('plans every outlet through its steps, in order, with the progress and results of each', async () => {
    await start({
      forecast: step('forecast', calls),
      requirement: step('requirement', calls),
      roster: null,
    });
    const res = await admin.post('/api/v1/planning/runs', { weekStart: WEEK });
    expect(res.statusCode).toBe(200);
    const run = res.json() as PlanningRun;
    expect(run).toMatchObject({ weekStart: WEEK, state: 'running', steps: ['forecast', 'requirement'] });
    expect(run.outlets.map((o) => o.outletCode)).toEqual(['A1', 'B1']);
    const done = await until(run.id, (r) => r.state !== 'running');
    expect(done.state).toBe('completed');
    expect(done.counts).toMatchObject({ total: 2, completed: 2, failed: 0 });
    expect(done.finishedAt).not.toBeNull();
    for (const o of done.outlets) {
      expect(o).toMatchObject({ state: 'completed', stepsDone: 3, stepsTotal: 3, attempts: 1, error: null });
      expect(o.results.forecast).toEqual({
        status: 'done',
        summary: { outlet: o.outletId, week: WEEK, before: '' },
      });
      // each step sees what the steps before it answered
      expect(o.results.requirement?.summary.before).toBe('forecast');
      expect(o.results.roster).toEqual({ status: 'skipped', summary: {} });
    }
    expect(calls.filter((c) => c.endsWith(cast.outletA))).toEqual([
      `forecast:${cast.outletA}`,
      `requirement:${cast.outletA}`,
    ]);
    // the run in the list, and a new start of the week once it has ended is a new run
    const list = await admin.get('/api/v1/planning/runs?page=1&pageSize=10');
    expect(list.json().items.map((r: PlanningRun) => [r.id, r.state])).toEqual([[run.id, 'completed']]);
    const again = await admin.post('/api/v1/planning/runs', { weekStart: WEEK });
    expect(again.json().id).not.toBe(run.id);
    await until(again.json().id, (r) => r.state === 'completed');
  });

  it('answers the running run of the week to a second start, and refuses a day that is not a Monday', async () => {
    await start({ forecast: step('forecast', calls, { gate: hold.wait }), requirement: null, roster: null });
    const first = (await admin.post('/api/v1/planning/runs', { weekStart: WEEK })).json() as PlanningRun;
    const cpo = await login(t, 'cpo');
    const [a, b] = await Promise.all([
      admin.post('/api/v1/planning/runs', { weekStart: WEEK }),
      cpo.post('/api/v1/planning/runs', { weekStart: WEEK }),
    ]);
    expect([a.json().id, b.json().id]).toEqual([first.id, first.id]);
    const other = (await admin.post('/api/v1/planning/runs', { weekStart: '2026-11-16' })).json();
    expect(other.id).not.toBe(first.id);
    hold.open();
    await until(first.id, (r) => r.state === 'completed');
    await until(other.id, (r) => r.state === 'completed');
    // one forecast per outlet and run: two runs, two outlets
    expect(calls).toHaveLength(4);
    const bad = await admin.post('/api/v1/planning/runs', { weekStart: '2026-11-10' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('records a failing outlet after its attempts, and a retry goes on from the step that failed', async () => {
    await start({
      forecast: step('forecast', calls),
      requirement: step('requirement', calls, { failFor }),
      roster: step('roster', calls),
    });
    failFor.add(cast.outletB);
    const run = (await admin.post('/api/v1/planning/runs', { weekStart: WEEK })).json() as PlanningRun;
    const failed = await until(run.id, (r) => r.state !== 'running');
    expect(failed.state).toBe('failed');
    expect(failed.counts).toMatchObject({ completed: 1, failed: 1 });
    const b = failed.outlets.find((o) => o.outletId === cast.outletB)!;
    expect(b).toMatchObject({
      state: 'failed',
      step: 'requirement',
      stepsDone: 1,
      attempts: 2,
      maxAttempts: 2,
    });
    expect(b.error).toBe(`requirement broke on ${cast.outletB}`);
    expect(calls.filter((c) => c === `requirement:${cast.outletB}`)).toHaveLength(2);

    failFor.clear();
    const retried = await admin.post(`/api/v1/planning/runs/${run.id}/retry`);
    expect(retried.statusCode).toBe(200);
    const ok = await until(run.id, (r) => r.state === 'completed');
    expect(ok.outlets.find((o) => o.outletId === cast.outletB)).toMatchObject({
      state: 'completed',
      stepsDone: 3,
    });
    // the forecast of B ran once: the retry went on from the requirement
    expect(calls.filter((c) => c === `forecast:${cast.outletB}`)).toHaveLength(1);
    expect(calls.filter((c) => c === `roster:${cast.outletB}`)).toHaveLength(1);
  });

  it('keeps a domain error as its code and shows it in the reader’s language', async () => {
    // the built-in forecast step on an outlet without ticket history
    await start({ requirement: null, roster: null });
    const run = (await admin.post('/api/v1/planning/runs', { weekStart: WEEK })).json() as PlanningRun;
    const failed = await until(run.id, (r) => r.state !== 'running');
    expect(failed.state).toBe('failed');
    expect(failed.outlets[0]!.error).toContain('客流预测至少需要');
    expect((await admin.patch('/api/v1/auth/me', { locale: 'en-US' })).statusCode).toBe(200);
    const en = await admin.get(`/api/v1/planning/runs/${run.id}`);
    expect(en.json().outlets[0].error).toContain('Too little ticket history');
  });

  it('cancels the outlets that have not ended, and retries the cancelled ones', async () => {
    await start({
      forecast: step('forecast', calls, { gate: hold.wait }),
      requirement: step('requirement', calls),
      roster: null,
    });
    const run = (await admin.post('/api/v1/planning/runs', { weekStart: WEEK })).json() as PlanningRun;
    await until(run.id, (r) => r.counts.running === 2);
    const res = await admin.post(`/api/v1/planning/runs/${run.id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('cancelled');
    hold.open();
    await sleep(1000);
    const after = await until(run.id, () => true);
    expect(after.state).toBe('cancelled');
    expect(after.outlets.map((o) => o.state)).toEqual(['cancelled', 'cancelled']);
    // the forecast that was running finished, the requirement never started
    expect(calls.some((c) => c.startsWith('requirement'))).toBe(false);
    // the week is free again, and a retry of the cancelled run takes it back
    await admin.post(`/api/v1/planning/runs/${run.id}/retry`);
    const done = await until(run.id, (r) => r.state === 'completed');
    expect(done.outlets.every((o) => o.stepsDone === 3)).toBe(true);
    // the audit log has the run's start, cancel and retry
    const audit = await admin.get('/api/v1/audit?entityType=planning_run');
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      'retry',
      'cancel',
      'create',
    ]);
  });

  it('lists the branch’s jobs for the administrator, paged and exported, and keeps others out', async () => {
    await start({ forecast: step('forecast', calls), requirement: null, roster: null });
    const run = (await admin.post('/api/v1/planning/runs', { weekStart: WEEK })).json() as PlanningRun;
    await until(run.id, (r) => r.state === 'completed');
    const page = await admin.get('/api/v1/jobs?page=1&pageSize=1');
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toBe(2);
    expect(page.json().items).toHaveLength(1);
    const all = (await admin.get('/api/v1/jobs?state=completed')).json();
    expect(all.items.map((j: { subject: string }) => j.subject).sort()).toEqual([
      `A1 甲支行 · ${WEEK}`,
      `B1 乙支行 · ${WEEK}`,
    ]);
    expect(all.items[0]).toMatchObject({ queue: 'planning.outlet', attempts: 1, progress: '3/3 roster' });
    expect(all.items[0].seconds).toBeGreaterThanOrEqual(0);
    expect((await admin.get('/api/v1/jobs?state=failed')).json().total).toBe(0);
    expect((await admin.get('/api/v1/jobs?queue=planning.outlet')).json().total).toBe(2);
    expect((await admin.get('/api/v1/jobs?queue=other')).json().total).toBe(0);
    const xlsx = await admin.get('/api/v1/jobs/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const info = (await admin.get('/api/v1/jobs/info')).json();
    expect(info).toEqual({ backend: DB_KIND === 'sqlite' ? 'in-process' : 'pg-boss', workers: 2 });
    // planners plan but do not see the jobs' list; an outlet head does neither
    const cpo = await login(t, 'cpo');
    expect((await cpo.get('/api/v1/jobs')).statusCode).toBe(403);
    expect((await cpo.get(`/api/v1/planning/runs/${run.id}`)).statusCode).toBe(200);
    const head = await login(t, 'head.a');
    expect((await head.post('/api/v1/planning/runs', { weekStart: WEEK })).statusCode).toBe(403);
    expect((await head.get(`/api/v1/planning/runs/${run.id}`)).statusCode).toBe(403);
  });
});

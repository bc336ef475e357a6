import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { PlanningRun } from '@liangdian/shared/api';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { testConfig } from '../../config';
import { type Database, migrateToLatest, openDatabase } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import { PgBossJobQueue } from '../../lib/jobs';
import {
  DB_KIND,
  freshPgSchema,
  login,
  makeBranch,
  makeOutlet,
  makeUser,
  type TestApp,
} from '../../test/harness';

/**
 * On PostgreSQL, two app instances (child processes) share one branch's planning jobs; one is
 * SIGKILLed mid-run and no job is lost: the other takes the killed instance's jobs once their
 * lease runs out, and every outlet ends completed.
 */
const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const OUTLETS = 12;

describe.skipIf(DB_KIND !== 'postgres')('planning on two app instances (pg-boss)', () => {
  let url = '';
  let schema = '';
  let bundle = '';
  let t: TestApp;
  let database: Database;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ({ url, schema } = await freshPgSchema());
    const esbuild = await import('esbuild');
    bundle = join(root, 'node_modules/.cache/liangdian-jobs/two-instances.child.mjs');
    await esbuild.build({
      entryPoints: [join(root, 'packages/server/src/modules/planning/two-instances.child.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      conditions: ['@liangdian/source'],
      logLevel: 'warning',
      // npm packages stay external (node_modules), the workspace's sources are bundled
      plugins: [
        {
          name: 'externalise-npm-dependencies',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (a) =>
              a.path.startsWith('@liangdian/') ? undefined : { path: a.path, external: true },
            );
          },
        },
      ],
    });
    database = openDatabase({ kind: 'postgres', url, schema, poolSize: 3 });
    await migrateToLatest(database.db, schema);
    const config = testConfig({
      jobWorkers: 0,
      jobLeaseSeconds: 3,
      jobMaxAttempts: 3,
      jobRetryDelaySeconds: 0,
    });
    // this instance only sends the jobs (JOB_WORKERS=0) and reads the run
    const jobs = new PgBossJobQueue(
      { url, schema: `${schema}_jobs`, poolSize: 2 },
      { workers: 0, leaseSeconds: 3, maxAttempts: 3, retryDelaySeconds: 0 },
    );
    const clock = new ManualClock();
    const app = await buildApp({ config, database, clock, jobs, migrate: false });
    t = { app, clock, database, close: async () => app.close() };
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await t?.close();
    await database?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `drop schema if exists ${schema}_jobs cascade; drop schema if exists ${schema} cascade`,
    );
    await admin.end();
  });

  function instance(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [bundle], {
      cwd: root,
      env: {
        ...process.env,
        KILL_TEST_URL: url,
        KILL_TEST_SCHEMA: schema,
        KILL_TEST_WORKERS: '2',
        KILL_TEST_LEASE: '3',
        KILL_TEST_STEP_MS: '900',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    });
  }

  it('shares the jobs of one branch, and loses none when one instance is killed mid-run', async () => {
    const branchId = await makeBranch(t);
    for (let i = 0; i < OUTLETS; i++)
      await makeOutlet(t, branchId, { code: `K${String(i).padStart(2, '0')}`, name: `网点${i}` });
    await makeUser(t, branchId, 'admin', null, 'admin');
    const admin = await login(t, 'admin');
    const [a, b] = await Promise.all([instance(), instance()]);

    const run = (
      await admin.post('/api/v1/planning/runs', { weekStart: '2026-11-09' })
    ).json() as PlanningRun;
    expect(run.counts.total).toBe(OUTLETS);
    // wait until instance A has done a job and holds another (B holds 2 at most), then kill it
    // without a word; "a job done" is A's own (under load B may finish the first ones)
    const end = Date.now() + 30_000;
    let killedWhileActive = false;
    while (Date.now() < end && !killedWhileActive) {
      const r = (await admin.get(`/api/v1/planning/runs/${run.id}`)).json() as PlanningRun;
      const aDidOne = r.outlets.some((o) => o.results.forecast?.summary.pid === a.pid);
      if (r.counts.running >= 3 && aDidOne) {
        a.kill('SIGKILL');
        killedWhileActive = true;
      } else await sleep(100);
    }
    expect(killedWhileActive).toBe(true);

    let last: PlanningRun | null = null;
    while (Date.now() < end + 10_000) {
      last = (await admin.get(`/api/v1/planning/runs/${run.id}`)).json() as PlanningRun;
      if (last.state !== 'running') break;
      await sleep(250);
    }
    expect(last!.state).toBe('completed');
    expect(last!.counts).toMatchObject({ total: OUTLETS, completed: OUTLETS, failed: 0 });
    const pids = last!.outlets.map((o) => o.results.forecast?.summary.pid);
    // both instances worked, and the killed one's unfinished jobs were finished by the other
    expect(new Set(pids)).toEqual(new Set([a.pid, b.pid]));
    const retried = last!.outlets.filter((o) => o.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    // every outlet has its forecast; one whose step A had finished before it died kept A's answer
    // (the retry goes on from the step not done), the others were answered by B
    for (const o of last!.outlets) expect(o).toMatchObject({ state: 'completed', stepsDone: 3 });
    b.kill('SIGTERM');
  }, 45_000);
});

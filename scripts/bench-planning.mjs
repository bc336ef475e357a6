#!/usr/bin/env node
// `node scripts/bench-planning.mjs [--pg] [--outlets N]` (npm run bench:planning): branch planning
// (docs/jobs.md) — forecast → requirement → roster for every outlet of a branch, one week, as
// background jobs, with the real steps.
//  (a) always: the demo branch (its 12 outlets with 10 weeks of ticket history) on SQLite (a temp
//      file), one app instance with JOB_WORKERS=2, one planning run of next week: the wall seconds,
//      each step's total seconds over the outlets, outlets/minute, and `/api/health` answered over
//      real HTTP (the app listening on a port; the probe in a worker thread of its own, one
//      request every 50 ms) while the run goes on: p50/p95/p99/max.
//  (b) with --pg: N outlets (--outlets, default 200; the demo branch grown to N, every outlet with
//      its history) in a fresh schema of TEST_DATABASE_URL, else the local cluster at
//      127.0.0.1:5432; one, then two app instances (child processes, JOB_WORKERS=2 each, pg-boss)
//      work the same week's run: outlets/minute for each.
// Targets (issue 13, "Speed"): 12 outlets in ≤ 60 s; /api/health p99 < 50 ms. Prints one line per
// measurement:
//   bench planning db=sqlite outlets=12 workers=2 wall=…s outlets/min=… forecast=…s requirement=…s roster=…s cpu=…s load=… target wall<=60s ok
// (the step totals add up the outlets' step times, both workers together; cpu is the process's
// CPU time during the run, its worker threads included; load the machine's 1-minute load average)
//   bench planning-health db=sqlite samples=… p50=…ms p95=…ms p99=…ms max=…ms target p99<50ms ok
//   bench planning db=postgres outlets=200 instances=1 workers=2 wall=…s outlets/min=…
// A benchmark, not a test: not part of npm test. The machine's other load shows in its numbers.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { fromSources, importFromSources } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    outlets: { type: 'string' },
    child: { type: 'boolean', default: false },
    'skip-sqlite': { type: 'boolean', default: false },
  },
});
const WORKERS = 2;
const LEASE_SECONDS = 900;

const entry = `
export { buildApp } from './packages/server/src/app';
export { testConfig } from './packages/server/src/config';
export { openDatabase, migrateToLatest } from './packages/server/src/db/database';
export { loadDemo, DEMO_LOGINS } from './packages/server/src/modules/demo/demo.service';
export { argon2Hasher } from './packages/server/src/lib/passwords';
export { createFieldCipher } from './packages/server/src/lib/crypto';
export { complainantIndexOf } from './packages/server/src/modules/complaints/complainant-index';
export { systemClock } from './packages/server/src/lib/clock';
export { PgBossJobQueue } from './packages/server/src/lib/jobs';
export { generateOutletHistory } from './packages/server/src/modules/demo/demo.history';
export { DEMO_OUTLETS, DEMO_ZONES } from './packages/server/src/modules/demo/demo.data';
export { insertHistory } from './packages/server/src/modules/lobby/lobby.repository';
export { listHolidays } from './packages/server/src/modules/complaints/complaint-codes.repository';
export { holidayCalendar } from './packages/engine/src/index';
export { addDays, beijingDate, beijingWeekSlot } from './packages/engine/src/time/beijing';
`;
const m = await importFromSources('bench-planning-entry.mjs', entry, { build: !args.child });
if (!args.child) {
  // the requirement's worker thread, beside the bundle (requirement.pool.ts looks for it there)
  const esbuild = await import('esbuild');
  await esbuild.build({
    ...fromSources,
    entryPoints: [join(root, 'packages/server/src/modules/staffing/requirement.worker.ts')],
    outfile: join(root, 'node_modules/.cache/liangdian-bench/requirement-worker.js'),
  });
}

const PASSWORD = 'bench-password-1!';
const quantile = (xs, q) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] : NaN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Next Monday (Beijing), the week the planning page proposes. */
function nextMonday() {
  const now = new Date();
  const { weekday } = m.beijingWeekSlot(now.toISOString()); // 0 = Monday
  return m.addDays(m.beijingDate(now), 7 - weekday);
}

async function loadBranch(database, outlets) {
  const t0 = performance.now();
  const config = m.testConfig();
  await m.loadDemo({
    db: database.db,
    dialect: database.dialect,
    clock: m.systemClock,
    hasher: m.argon2Hasher,
    cipher: m.createFieldCipher(config.secretKey),
    index: m.complainantIndexOf(config.secretKey),
    password: PASSWORD,
    outlets,
  });
  if (outlets > m.DEMO_OUTLETS.length) {
    // the generated outlets get the history of a named one's traffic, each with its own seed
    const rows = await database.db.selectFrom('outlets').select(['id', 'code']).orderBy('code').execute();
    const generated = rows.filter((r) => !m.DEMO_OUTLETS.some((d) => d.code === r.code));
    const to = m.addDays(m.beijingDate(new Date()), -1);
    const from = m.addDays(to, -7 * 10 + 1);
    const calendar = m.holidayCalendar(
      (await m.listHolidays(database.db)).map((r) => ({ date: r.day, kind: r.kind })),
    );
    const zones = m.DEMO_ZONES.map((z) => ({ kind: z.kind, capacity: z.capacity }));
    for (const [i, o] of generated.entries()) {
      const events = m.generateOutletHistory({
        code: m.DEMO_OUTLETS[i % m.DEMO_OUTLETS.length].code,
        from,
        to,
        calendar,
        seed: 777 + 7919 * i,
        zones,
      });
      await database.db.transaction().execute((trx) =>
        m.insertHistory(
          trx,
          events.map((e) => ({ ...e, outlet_id: o.id, received_at: e.at })),
        ),
      );
    }
  }
  return (performance.now() - t0) / 1000;
}

async function login(app) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ld_session').value;
  const headers = { cookie: `ld_session=${cookie}`, 'x-csrf-token': res.json().csrfToken };
  return {
    get: (url) => app.inject({ method: 'GET', url, headers }).then((r) => r.json()),
    post: (url, payload) => app.inject({ method: 'POST', url, headers, payload }).then((r) => r.json()),
  };
}

/** Starts the week's run and waits for it to end: the wall seconds and the run. */
async function planWeek(client, weekStart) {
  const t0 = performance.now();
  let run = await client.post('/api/v1/planning/runs', { weekStart });
  if (!run.id) throw new Error(`planning run not started: ${JSON.stringify(run)}`);
  while (run.state === 'running') {
    await sleep(500);
    run = await client.get(`/api/v1/planning/runs/${run.id}`);
  }
  const wall = (performance.now() - t0) / 1000;
  const failed = run.outlets.filter((o) => o.state !== 'completed');
  if (failed.length)
    console.error(
      `  ${failed.length} outlet(s) not completed: ${[...new Set(failed.map((o) => o.error))].join('; ')}`,
    );
  return { wall, run };
}

/** `/api/health` over HTTP every 50 ms from a worker thread (its own event loop). */
function healthProbe(port) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    // no cap on sockets: a slow answer does not hold the next probe back in the client's queue
    const agent = new http.Agent({ keepAlive: true });
    const samples = [];
    let errors = 0;
    const timer = setInterval(() => {
      const t0 = performance.now();
      http.get({ host: '127.0.0.1', port: workerData.port, path: '/api/health', agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? samples.push(performance.now() - t0) : errors++));
      }).on('error', () => errors++);
    }, 50);
    parentPort.on('message', () => {
      clearInterval(timer);
      setTimeout(() => { parentPort.postMessage({ samples, errors }); agent.destroy(); }, 200);
    });
  `;
  const w = new Worker(code, { eval: true, workerData: { port } });
  return {
    stop: () =>
      new Promise((resolve) => {
        w.once('message', (r) => {
          void w.terminate();
          resolve(r);
        });
        w.postMessage('stop');
      }),
  };
}

// ------------------------------------------------------------------ (a) SQLite, one instance

async function benchSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'liangdian-bench-planning-'));
  try {
    const database = m.openDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') });
    await m.migrateToLatest(database.db, database.schema);
    const loadSeconds = await loadBranch(database, m.DEMO_OUTLETS.length);
    console.error(`  demo branch loaded in ${loadSeconds.toFixed(1)} s`);
    const config = m.testConfig({ jobWorkers: WORKERS, jobLeaseSeconds: LEASE_SECONDS, jobMaxAttempts: 1 });
    const app = await m.buildApp({ config, database, migrate: false });
    const steps = { forecast: 0, requirement: 0, roster: 0 };
    app.services.planning.onStep = (s) => {
      steps[s.step] += s.seconds;
    };
    await app.listen({ host: '127.0.0.1', port: 0 });
    const client = await login(app);
    const probe = healthProbe(app.server.address().port);
    const cpu0 = process.cpuUsage();
    const { wall, run } = await planWeek(client, nextMonday());
    const cpu = process.cpuUsage(cpu0);
    const { samples, errors } = await probe.stop();
    await app.close();
    await database.close();
    const done = run.outlets.filter((o) => o.state === 'completed').length;
    const n = run.outlets.length;
    const rosters = run.outlets.map((o) => o.results.roster?.summary).filter(Boolean);
    const gaps = rosters.map((r) => (typeof r.gap === 'number' ? r.gap : 0));
    const ok = wall <= 60 && done === n;
    console.log(
      `bench planning db=sqlite outlets=${n} completed=${done} workers=${WORKERS} wall=${wall.toFixed(1)}s ` +
        `outlets/min=${((n / wall) * 60).toFixed(1)} forecast=${steps.forecast.toFixed(1)}s ` +
        `requirement=${steps.requirement.toFixed(1)}s roster=${steps.roster.toFixed(1)}s ` +
        `roster-gap-max=${(Math.max(0, ...gaps) * 100).toFixed(1)}% ` +
        `roster-optimal=${rosters.filter((r) => r.status === 'optimal').length}/${rosters.length} ` +
        `cpu=${((cpu.user + cpu.system) / 1e6).toFixed(1)}s load=${loadavg()[0].toFixed(1)} ` +
        `target wall<=60s ${ok ? 'ok' : 'MISSED'}`,
    );
    const p99 = quantile(samples, 0.99);
    const healthOk = p99 < 50 && errors === 0;
    console.log(
      `bench planning-health db=sqlite samples=${samples.length} errors=${errors} ` +
        `p50=${quantile(samples, 0.5).toFixed(1)}ms p95=${quantile(samples, 0.95).toFixed(1)}ms ` +
        `p99=${p99.toFixed(1)}ms max=${Math.max(...samples).toFixed(1)}ms target p99<50ms ${healthOk ? 'ok' : 'MISSED'}`,
    );
    return ok && healthOk;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ (b) PostgreSQL, 1 and 2 instances

function jobsOptions(workers) {
  return { workers, leaseSeconds: LEASE_SECONDS, maxAttempts: 1, retryDelaySeconds: 0 };
}

/** One app instance working the planning jobs (a child process of the bench). */
async function child() {
  const url = process.env.BENCH_PG_URL;
  const schema = process.env.BENCH_PG_SCHEMA;
  const database = m.openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
  const jobs = new m.PgBossJobQueue(
    { url, schema: `${schema}_jobs`, poolSize: 3, pollSeconds: 0.5 },
    jobsOptions(WORKERS),
  );
  const config = m.testConfig({ jobWorkers: WORKERS, jobLeaseSeconds: LEASE_SECONDS, jobMaxAttempts: 1 });
  const app = await m.buildApp({ config, database, jobs, migrate: false });
  process.stdout.write('ready\n');
  process.on('SIGTERM', async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
}

function startChild(url, schema) {
  const c = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
    env: { ...process.env, BENCH_PG_URL: url, BENCH_PG_SCHEMA: schema },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    c.stdout.on('data', (d) => {
      if (String(d).includes('ready')) resolve(c);
    });
    c.once('exit', (code) => reject(new Error(`bench instance exited with ${code}`)));
  });
}

async function benchPg(outlets) {
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const database = m.openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
  try {
    await m.migrateToLatest(database.db, schema);
    const loadSeconds = await loadBranch(database, outlets);
    console.error(`  ${outlets} outlets loaded in ${loadSeconds.toFixed(1)} s`);
    // this instance only sends the jobs and reads the runs (JOB_WORKERS=0)
    const config = m.testConfig({ jobWorkers: 0, jobLeaseSeconds: LEASE_SECONDS, jobMaxAttempts: 1 });
    const jobs = new m.PgBossJobQueue({ url, schema: `${schema}_jobs`, poolSize: 2 }, jobsOptions(0));
    const app = await m.buildApp({ config, database, jobs, migrate: false });
    const client = await login(app);
    const week = nextMonday();
    for (const instances of [1, 2]) {
      const children = [];
      for (let i = 0; i < instances; i++) children.push(await startChild(url, schema));
      const { wall, run } = await planWeek(client, week);
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
      const done = run.outlets.filter((o) => o.state === 'completed').length;
      console.log(
        `bench planning db=postgres outlets=${run.outlets.length} completed=${done} instances=${instances} ` +
          `workers=${WORKERS} wall=${wall.toFixed(1)}s outlets/min=${((run.outlets.length / wall) * 60).toFixed(1)}`,
      );
    }
    await app.close();
  } finally {
    await database.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`drop schema if exists ${schema}_jobs cascade`);
    await admin.end();
  }
}

if (args.child) await child();
else {
  let ok = true;
  if (!args['skip-sqlite']) ok = (await benchSqlite()) && ok;
  if (args.pg) await benchPg(Number(args.outlets ?? 200));
  process.exitCode = ok ? 0 : 1;
}

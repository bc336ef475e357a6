// One app instance for planning's two-instance test (two-instances.int.test.ts), bundled by the
// test with esbuild and run as a child process: it works the planning jobs of the shared database
// with a forecast step that takes STEP_MS and answers this process's pid.
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../../app';
import { testConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { PgBossJobQueue } from '../../lib/jobs';

const env = process.env;
const url = env.KILL_TEST_URL!;
const schema = env.KILL_TEST_SCHEMA!;
const workers = Number(env.KILL_TEST_WORKERS ?? '2');
const lease = Number(env.KILL_TEST_LEASE ?? '3');
const stepMs = Number(env.KILL_TEST_STEP_MS ?? '800');
const defaults = { workers, leaseSeconds: lease, maxAttempts: 3, retryDelaySeconds: 0 };
const config = testConfig({
  jobWorkers: workers,
  jobLeaseSeconds: lease,
  jobMaxAttempts: 3,
  jobRetryDelaySeconds: 0,
});
const database = openDatabase({ kind: 'postgres', url, schema, poolSize: 3 });
const jobs = new PgBossJobQueue({ url, schema: `${schema}_jobs`, poolSize: 3, pollSeconds: 0.5 }, defaults);
const app = await buildApp({
  config,
  database,
  jobs,
  migrate: false,
  planningSteps: {
    forecast: async () => {
      await sleep(stepMs);
      return { pid: process.pid };
    },
    requirement: null,
    roster: null,
  },
});
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});

import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { InProcessJobQueue } from './in-process';
import type { JobDefaults, JobQueue } from './job-queue';
import { PgBossJobQueue } from './pg-boss';

export * from './job-queue';
export { InProcessJobQueue } from './in-process';
export { PgBossJobQueue } from './pg-boss';

export const jobDefaultsOf = (c: Config): JobDefaults => ({
  workers: c.jobWorkers,
  leaseSeconds: c.jobLeaseSeconds,
  maxAttempts: c.jobMaxAttempts,
  retryDelaySeconds: c.jobRetryDelaySeconds,
});

/**
 * The job queue of the app's database: pg-boss on PostgreSQL (its tables in the schema
 * `pgboss`, or `<app schema>_jobs` when the app runs in a schema of its own), the in-process
 * runner on SQLite.
 */
export function jobQueueFor(database: Database, config: Config): JobQueue {
  const defaults = jobDefaultsOf(config);
  if (database.dialect === 'postgres' && config.database.kind === 'postgres')
    return new PgBossJobQueue(
      { url: config.database.url, schema: database.schema ? `${database.schema}_jobs` : 'pgboss' },
      defaults,
    );
  return new InProcessJobQueue(database.db, defaults);
}

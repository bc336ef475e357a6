import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Background jobs and the branch planning runs that use them (docs/jobs.md).
// - jobs: the queue of the in-process runner (SQLite). On PostgreSQL pg-boss keeps its own tables
//   in its own schema; this one stays empty there.
// - planning_runs: one planning of a branch's outlets for a week. `active_key` (branch|week) is set
//   while the run has open jobs and cleared when it ends: unique, so that a second start of the
//   same branch and week finds the first run instead of making another (NULLs are distinct).
// - planning_outlets: one outlet of a run, its job, the step it is at and what each step answered.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('key', 'text')
    .addColumn('scope', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('retry_delay_seconds', 'integer', (c) => c.notNull())
    .addColumn('lease_seconds', 'integer', (c) => c.notNull())
    .addColumn('start_after', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('worker', 'text')
    .addColumn('progress_json', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_fetch').on('jobs').columns(['queue', 'state', 'start_after']).execute();
  await db.schema.createIndex('jobs_scope').on('jobs').columns(['scope', 'created_at']).execute();

  await db.schema
    .createTable('planning_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('active_key', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outlets', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('planning_runs_branch')
    .on('planning_runs')
    .columns(['branch_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('planning_outlets')
    .addColumn('run_id', 'text', (c) => c.notNull().references('planning_runs.id'))
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('steps_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('results_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('planning_outlets_pk', ['run_id', 'outlet_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('planning_outlets').execute();
  await db.schema.dropTable('planning_runs').execute();
  await db.schema.dropTable('jobs').execute();
}

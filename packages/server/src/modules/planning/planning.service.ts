import {
  type JobItem,
  type JobsQuery,
  PLANNING_STEPS,
  type PlanningOutlet,
  type PlanningRun,
  type PlanningRunSummary,
  type PlanningRunsQuery,
  type PlanningStep,
  type PlanningStepResult,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { DomainError, type ErrorCode, ERROR_STATUS, notFound } from '../../lib/errors';
import { type JobContext, type JobQueue, type JobRecord, jobIdOf, OPEN_STATES } from '../../lib/jobs';
import { type Locale, titleFor } from '../../lib/messages';
import { type Page, pageWindow } from '../../lib/paging';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './planning.repository';
import type { PlanningSteps } from './planning.steps';

/** The queue of the outlets' planning jobs. */
export const PLANNING_QUEUE = 'planning.outlet';

/** What a planning job carries. */
export interface PlanningJobData {
  runId: string;
  branchId: string;
  outletId: string;
  weekStart: string;
}

type Results = Partial<Record<PlanningStep, PlanningStepResult>>;

/**
 * Planning a branch for a week (docs/jobs.md): one background job per outlet running the steps
 * forecast → requirement → roster. The job queue is the truth about each outlet's state; the run's
 * rows keep the step reached and each step's summary, so that an outlet taken again after its
 * instance died goes on from the step it had not finished.
 */
export class PlanningService {
  /** told how long each step took (scripts/bench-planning.mjs sums them); errors are not reported */
  onStep: ((s: { step: PlanningStep; outletId: string; seconds: number }) => void) | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly changes: Changes,
    private readonly queue: JobQueue,
    private readonly steps: PlanningSteps,
    private readonly workers: number,
  ) {}

  /** Registers this instance's workers (JOB_WORKERS of them; none when 0). */
  async work(): Promise<void> {
    if (this.workers > 0)
      await this.queue.work<PlanningJobData>(PLANNING_QUEUE, { concurrency: this.workers }, (job) =>
        this.runOutlet(job),
      );
  }

  get activeSteps(): PlanningStep[] {
    return PLANNING_STEPS.filter((s) => this.steps[s] !== null);
  }

  /** `POST /planning/runs`: a new run, or the week's run that is still running (idempotent). */
  async start(actor: Actor, weekStart: string, locale: Locale = actor.locale): Promise<PlanningRun> {
    this.guard.require(actor, 'planning.run');
    const activeKey = `${actor.branchId}|${weekStart}`;
    const running = await this.runningRun(activeKey);
    if (running) return this.present(running, locale);
    const outlets = await repo.branchOutlets(this.db, actor.branchId);
    if (!outlets.length) throw new DomainError('PLANNING_NO_OUTLETS');
    const id = newId();
    try {
      await this.changes.run(actor, async (trx, now) => {
        const at = now.toISOString();
        await repo.insertRun(trx, {
          id,
          branch_id: actor.branchId,
          week_start: weekStart,
          active_key: activeKey,
          state: 'running',
          outlets: outlets.length,
          created_by: actor.userId,
          created_by_name: actor.displayName,
          created_at: at,
          finished_at: null,
        });
        await repo.insertOutlets(
          trx,
          outlets.map((o) => ({
            run_id: id,
            outlet_id: o.id,
            job_id: jobIdOf(PLANNING_QUEUE, jobKey(id, o.id)),
            step: null,
            steps_done: 0,
            results_json: '{}',
            updated_at: at,
          })),
        );
        return [
          null,
          {
            action: 'create',
            entityType: 'planning_run',
            entityId: id,
            after: { weekStart, outlets: outlets.length },
          },
        ];
      });
    } catch (err) {
      // another request (or instance) started the same week first: that run is the answer
      const other = await repo.findActiveRun(this.db, activeKey);
      if (other) return this.present(other, locale);
      throw err;
    }
    await this.sendJobs(
      id,
      actor.branchId,
      weekStart,
      outlets.map((o) => o.id),
    );
    return this.get(actor, id, locale);
  }

  async get(actor: Actor, runId: string, locale: Locale = actor.locale): Promise<PlanningRun> {
    const run = await this.ownRun(actor, runId);
    return this.present(await this.refresh(run), locale);
  }

  async list(
    actor: Actor,
    q: PlanningRunsQuery,
    locale: Locale = actor.locale,
  ): Promise<Page<PlanningRunSummary>> {
    this.guard.require(actor, 'planning.run');
    const { rows, total } = await repo.listRuns(
      this.db,
      { branchId: actor.branchId, weekStart: q.weekStart },
      ...pageWindow(q),
    );
    const items: PlanningRunSummary[] = [];
    for (const r of rows) {
      const { outlets: _, ...summary } = await this.present(await this.refresh(r), locale);
      items.push(summary);
    }
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Cancels the outlets that have not ended; those running stop at their next step. */
  async cancel(actor: Actor, runId: string, locale: Locale = actor.locale): Promise<PlanningRun> {
    const run = await this.ownRun(actor, runId);
    const outlets = await repo.listRunOutlets(this.db, runId);
    const n = await this.queue.cancel(
      PLANNING_QUEUE,
      outlets.map((o) => o.job_id),
    );
    await this.changes.run(actor, async () => [
      null,
      n ? { action: 'cancel', entityType: 'planning_run', entityId: runId, after: { outlets: n } } : null,
    ]);
    return this.present(await this.refresh(run), locale);
  }

  /** Runs the failed and cancelled outlets again (from the step each had reached). */
  async retry(actor: Actor, runId: string, locale: Locale = actor.locale): Promise<PlanningRun> {
    let run = await this.ownRun(actor, runId);
    run = await this.refresh(run);
    const activeKey = `${run.branch_id}|${run.week_start}`;
    const jobs = await this.jobsOf(run.id);
    const again = [...jobs.values()].filter((j) => j.state === 'failed' || j.state === 'cancelled');
    if (!again.length) return this.present(run, locale);
    const other = await repo.findActiveRun(this.db, activeKey);
    if (other && other.id !== run.id)
      throw new DomainError('PLANNING_WEEK_RUNNING', { week: run.week_start });
    await this.changes.run(actor, async (trx) => {
      await repo.updateRun(trx, run.id, { active_key: activeKey, state: 'running', finished_at: null });
      return [
        null,
        { action: 'retry', entityType: 'planning_run', entityId: run.id, after: { outlets: again.length } },
      ];
    });
    await this.queue.retry(
      PLANNING_QUEUE,
      again.map((j) => j.id),
    );
    return this.get(actor, run.id, locale);
  }

  /** `GET /jobs`: the branch's jobs for the admin page. */
  async jobs(actor: Actor, q: JobsQuery, locale: Locale = actor.locale): Promise<Page<JobItem>> {
    this.guard.require(actor, 'jobs.read');
    const { items, total } = await this.queue.list({
      scope: actor.branchId,
      state: q.state,
      queue: q.queue,
      page: q.page,
      pageSize: q.pageSize,
    });
    const names = new Map(
      (
        await repo.outletNames(this.db, [
          ...new Set(items.map((j) => (j.data as Partial<PlanningJobData>)?.outletId).filter(isString)),
        ])
      ).map((o) => [o.id, `${o.code} ${o.name}`]),
    );
    const now = this.clock.now().getTime();
    return {
      items: items.map((j) => {
        const d = (j.data ?? {}) as Partial<PlanningJobData>;
        const outlet = d.outletId ? (names.get(d.outletId) ?? d.outletId) : '';
        const end = j.completedAt ? Date.parse(j.completedAt) : j.state === 'active' ? now : null;
        return {
          id: j.id,
          queue: j.queue,
          state: j.state,
          attempts: j.attempts,
          maxAttempts: j.maxAttempts,
          subject: d.weekStart ? `${outlet} · ${d.weekStart}` : outlet,
          progress: progressText(j.progress),
          error: localised(j.error, locale),
          createdAt: j.createdAt,
          startedAt: j.startedAt,
          completedAt: j.completedAt,
          seconds: j.startedAt && end !== null ? Math.max(0, (end - Date.parse(j.startedAt)) / 1000) : null,
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  info(actor: Actor) {
    this.guard.require(actor, 'jobs.read');
    return { backend: this.queue.kind, workers: this.workers };
  }

  // ------------------------------------------------------------------ the job

  /** One outlet's job: each step not yet done, stopping at the first cancel. */
  async runOutlet(job: JobContext<PlanningJobData>): Promise<void> {
    const { runId, outletId } = job.data;
    const row = await repo.findRunOutlet(this.db, runId, outletId);
    if (!row) throw new Error(`planning run ${runId} has no outlet ${outletId}`);
    const results: Results = JSON.parse(row.results_json);
    let done = row.steps_done;
    for (let i = done; i < PLANNING_STEPS.length; i++) {
      const step = PLANNING_STEPS[i]!;
      if (await job.cancelled()) return;
      await repo.updateRunOutlet(this.db, runId, outletId, { step, updated_at: new Date().toISOString() });
      await job.progress({ step, stepsDone: done });
      const fn = this.steps[step];
      let result: PlanningStepResult;
      const t0 = performance.now();
      try {
        result = fn ? { status: 'done', summary: await fn({ ...job.data, results }) } : skipped;
        if (fn) this.onStep?.({ step, outletId, seconds: (performance.now() - t0) / 1000 });
      } catch (err) {
        // a domain error is kept as its code, so that each reader sees it in their language
        if (err instanceof DomainError)
          throw new Error(JSON.stringify({ code: err.code, params: err.params }));
        throw err;
      }
      results[step] = result;
      done = i + 1;
      await repo.updateRunOutlet(this.db, runId, outletId, {
        steps_done: done,
        results_json: JSON.stringify(results),
        updated_at: new Date().toISOString(),
      });
      await job.progress({ step, stepsDone: done });
    }
    // the last outlet to end closes the run (whoever reads it later would too)
    const run = await repo.findRun(this.db, runId);
    if (run) await this.refresh(run, new Set([job.id]));
  }

  // ------------------------------------------------------------------ helpers

  private async sendJobs(runId: string, branchId: string, weekStart: string, outletIds: string[]) {
    for (const outletId of outletIds)
      await this.queue.send(
        PLANNING_QUEUE,
        { runId, branchId, outletId, weekStart } satisfies PlanningJobData,
        { key: jobKey(runId, outletId), scope: branchId },
      );
  }

  private async ownRun(actor: Actor, runId: string) {
    this.guard.require(actor, 'planning.run');
    const run = await repo.findRun(this.db, runId);
    if (!run || run.branch_id !== actor.branchId) throw notFound('planning_run');
    return run;
  }

  private async runningRun(activeKey: string) {
    const run = await repo.findActiveRun(this.db, activeKey);
    if (!run) return null;
    const fresh = await this.refresh(run);
    return fresh.state === 'running' ? fresh : null;
  }

  private async jobsOf(runId: string): Promise<Map<string, JobRecord>> {
    const outlets = await repo.listRunOutlets(this.db, runId);
    const jobs = await this.queue.getMany(
      PLANNING_QUEUE,
      outlets.map((o) => o.job_id),
    );
    return new Map(jobs.map((j) => [j.id, j]));
  }

  /**
   * The run's state from its jobs' states; a run that has ended gives up its week's key. A job
   * missing from the queue (the instance stopped between the run's commit and its sends) is sent
   * again: its key makes it the same job. `ending`: jobs that are finishing now (still active).
   */
  private async refresh(run: repo.RunRow, ending = new Set<string>()): Promise<repo.RunRow> {
    if (run.state !== 'running' && run.active_key === null) return run;
    const outlets = await repo.listRunOutlets(this.db, run.id);
    const jobs = await this.jobsOf(run.id);
    const missing = outlets.filter((o) => !jobs.has(o.job_id)).map((o) => o.outlet_id);
    if (missing.length) {
      await this.sendJobs(run.id, run.branch_id, run.week_start, missing);
      return run;
    }
    const states = [...jobs.values()].map((j) => (ending.has(j.id) ? 'completed' : j.state));
    if (states.some((s) => OPEN_STATES.includes(s))) return run;
    const state = states.includes('failed')
      ? 'failed'
      : states.includes('cancelled')
        ? 'cancelled'
        : 'completed';
    const finished = this.clock.now().toISOString();
    await repo.updateRun(this.db, run.id, { state, active_key: null, finished_at: finished });
    return { ...run, state, active_key: null, finished_at: finished };
  }

  private async present(run: repo.RunRow, locale: Locale): Promise<PlanningRun> {
    const outlets = await repo.listRunOutlets(this.db, run.id);
    const jobs = await this.jobsOf(run.id);
    const counts = { total: outlets.length, queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
    const items: PlanningOutlet[] = outlets.map((o) => {
      const j = jobs.get(o.job_id);
      const state = j?.state ?? 'created';
      if (state === 'created' || state === 'retry') counts.queued++;
      else if (state === 'active') counts.running++;
      else counts[state]++;
      return {
        outletId: o.outlet_id,
        outletCode: o.outlet_code,
        outletName: o.outlet_name,
        jobId: o.job_id,
        state,
        step: (o.step as PlanningStep | null) ?? null,
        stepsDone: o.steps_done,
        stepsTotal: PLANNING_STEPS.length,
        attempts: j?.attempts ?? 0,
        maxAttempts: j?.maxAttempts ?? 0,
        error: localised(j?.error ?? null, locale),
        startedAt: j?.startedAt ?? null,
        completedAt: j?.completedAt ?? null,
        results: JSON.parse(o.results_json) as Results,
      };
    });
    return {
      id: run.id,
      weekStart: run.week_start,
      state: run.state as PlanningRun['state'],
      createdAt: run.created_at,
      createdByName: run.created_by_name,
      finishedAt: run.finished_at,
      counts,
      steps: this.activeSteps,
      outlets: items,
    };
  }
}

const skipped: PlanningStepResult = { status: 'skipped', summary: {} };
const jobKey = (runId: string, outletId: string) => `${runId}:${outletId}`;
const isString = (v: unknown): v is string => typeof v === 'string';

/** A job's error in the reader's language: a domain error's code becomes its message. */
function localised(error: string | null, locale: Locale): string | null {
  if (!error?.startsWith('{')) return error;
  try {
    const { code, params } = JSON.parse(error) as { code: string; params?: Record<string, string | number> };
    return code in ERROR_STATUS ? titleFor(code as ErrorCode, locale, params) : error;
  } catch {
    return error;
  }
}

function progressText(p: unknown): string | null {
  if (!p || typeof p !== 'object') return null;
  const { step, stepsDone } = p as { step?: string; stepsDone?: number };
  return step ? `${stepsDone ?? 0}/${PLANNING_STEPS.length} ${step}` : null;
}

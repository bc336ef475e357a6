import { z } from 'zod';
import { Id, PageQuery } from './common';
import { endpoints } from './endpoint';
import { Day } from './fields';

/**
 * Planning a branch's outlets for a week as background jobs (docs/jobs.md): one job per outlet
 * with the steps forecast → requirement → roster, its progress, cancel, retry of the failed ones,
 * and the jobs themselves in an admin list.
 */

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export const JobStateSchema = z.enum(JOB_STATES);
export type JobStateName = (typeof JOB_STATES)[number];

export const PLANNING_STEPS = ['forecast', 'requirement', 'roster'] as const;
export type PlanningStep = (typeof PLANNING_STEPS)[number];
export const PLANNING_RUN_STATES = ['running', 'completed', 'failed', 'cancelled'] as const;
export const PlanningRunState = z.enum(PLANNING_RUN_STATES);

/** One step's answer: a short summary for the page, or `skipped` when the step is not plugged in. */
export const PlanningStepResult = z.object({
  status: z.enum(['done', 'skipped']),
  /** what the step found, in numbers (arrivals, peak, people, status …) */
  summary: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type PlanningStepResult = z.infer<typeof PlanningStepResult>;

export const PlanningOutlet = z.object({
  outletId: z.string(),
  outletCode: z.string(),
  outletName: z.string(),
  jobId: z.string(),
  state: JobStateSchema,
  /** the step running or last run */
  step: z.enum(PLANNING_STEPS).nullable(),
  stepsDone: z.number().int(),
  stepsTotal: z.number().int(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** the last failure, in the reader's language */
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  results: z.object({
    forecast: PlanningStepResult.optional(),
    requirement: PlanningStepResult.optional(),
    roster: PlanningStepResult.optional(),
  }),
});
export type PlanningOutlet = z.infer<typeof PlanningOutlet>;

export const PlanningRun = z.object({
  id: z.string(),
  weekStart: z.string(),
  state: PlanningRunState,
  createdAt: z.string(),
  createdByName: z.string(),
  finishedAt: z.string().nullable(),
  counts: z.object({
    total: z.number().int(),
    queued: z.number().int(),
    running: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
  }),
  /** the steps that run (the others are not plugged in on this server and are skipped) */
  steps: z.array(z.enum(PLANNING_STEPS)),
  outlets: z.array(PlanningOutlet),
});
export type PlanningRun = z.infer<typeof PlanningRun>;
export type PlanningRunSummary = Omit<PlanningRun, 'outlets'>;
export const PlanningRunSummary = PlanningRun.omit({ outlets: true });

export const StartPlanning = z.object({
  /** the Monday of the week to plan (Beijing date) */
  weekStart: Day.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, { message: 'not_monday' }),
});
export type StartPlanning = z.infer<typeof StartPlanning>;

export const PlanningRunsQuery = PageQuery.extend({ weekStart: Day.optional() });
export type PlanningRunsQuery = z.infer<typeof PlanningRunsQuery>;
export const PlanningRunParams = z.object({ runId: Id });

export const JobItem = z.object({
  id: z.string(),
  queue: z.string(),
  state: JobStateSchema,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** what the job is about, in words (an outlet and a week) */
  subject: z.string(),
  progress: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** seconds from start to end (or to now while running) */
  seconds: z.number().nullable(),
});
export type JobItem = z.infer<typeof JobItem>;
export const JobsQuery = PageQuery.extend({
  state: JobStateSchema.optional(),
  /** one queue (e.g. `planning.outlet`) */
  queue: z.string().max(100).optional(),
});
export type JobsQuery = z.infer<typeof JobsQuery>;
export const JobsInfo = z.object({ backend: z.enum(['pg-boss', 'in-process']), workers: z.number().int() });

const e = endpoints(['planning']);

export const planningApi = {
  startPlanning: e.post(
    '/planning/runs',
    "Plan every outlet of the branch for a week (the week's running run when there is one)",
    {
      body: StartPlanning,
      response: PlanningRun,
    },
  ),
  listPlanningRuns: e.pagedList(
    '/planning/runs',
    'Planning runs of the branch, newest first',
    PlanningRunSummary,
    {
      query: PlanningRunsQuery,
    },
  ),
  getPlanningRun: e.get('/planning/runs/:runId', 'A planning run with the progress of each outlet', {
    params: PlanningRunParams,
    response: PlanningRun,
  }),
  cancelPlanningRun: e.post(
    '/planning/runs/:runId/cancel',
    'Cancel the outlets of a run that have not ended',
    {
      params: PlanningRunParams,
      response: PlanningRun,
    },
  ),
  retryPlanningRun: e.post(
    '/planning/runs/:runId/retry',
    'Run the failed and cancelled outlets of a run again',
    {
      params: PlanningRunParams,
      response: PlanningRun,
    },
  ),
  listJobs: e.pagedList('/jobs', 'Background jobs of the branch, newest first', JobItem, {
    query: JobsQuery,
  }),
  jobsInfo: e.get('/jobs/info', 'Which job engine runs the jobs, and with how many workers here', {
    response: JobsInfo,
  }),
} as const;

import { planningApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { PlanningService } from './planning.service';
import { jobsSheet, planningRunsSheet } from './planning.sheets';

export async function planningRoutes(app: FastifyInstance, opts: { planning: PlanningService }) {
  const { planning } = opts;
  mount(app, planningApi, {
    startPlanning: ({ actor, body, locale }) => planning.start(actor, body.weekStart, locale),
    listPlanningRuns: {
      list: ({ actor, query, locale }) => planning.list(actor, query, locale),
      sheet: planningRunsSheet,
    },
    getPlanningRun: ({ actor, params, locale }) => planning.get(actor, params.runId, locale),
    cancelPlanningRun: ({ actor, params, locale }) => planning.cancel(actor, params.runId, locale),
    retryPlanningRun: ({ actor, params, locale }) => planning.retry(actor, params.runId, locale),
    listJobs: { list: ({ actor, query, locale }) => planning.jobs(actor, query, locale), sheet: jobsSheet },
    jobsInfo: ({ actor }) => planning.info(actor),
  });
}

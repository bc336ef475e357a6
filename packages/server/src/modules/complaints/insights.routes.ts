import { insightsApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { Actor } from '../access/policy';
import type { ComplaintInsightsService } from './insights.service';
import {
  reportLines,
  reportSheet,
  riskSheet,
  scorecardSheet,
  statsLines,
  statsSheet,
} from './insights.sheets';
import type { PreventionService } from './prevention.service';

export async function complaintInsightsRoutes(
  app: FastifyInstance,
  opts: { insights: ComplaintInsightsService; prevention: PreventionService },
) {
  const { insights, prevention } = opts;
  // the filter line of an export names the outlet filtered on
  const outletName = (c: { actor: Actor; query: { outletId?: string } }) =>
    insights.outletName(c.actor, c.query.outletId);

  mount(app, insightsApi, {
    complaintStats: {
      list: ({ actor, query }) => insights.stats(actor, query),
      rows: statsLines,
      sheet: async (c) => statsSheet(await outletName(c)),
    },
    complaintReport: {
      list: ({ actor, query }) => insights.report(actor, query),
      rows: reportLines,
      sheet: async (c) => reportSheet(await outletName(c)),
    },
    listRisks: {
      list: ({ actor, query }) => prevention.risks(actor, query),
      sheet: async (c) => riskSheet(await outletName(c)),
    },
    putRiskControls: ({ actor, body }) => prevention.putControls(actor, body),
    listAccountabilityRules: async () => ({ items: await prevention.rules() }),
    putAccountabilityRules: async ({ actor, body }) => ({
      items: await prevention.putRules(actor, body.rules),
    }),
    listScorecards: {
      list: ({ actor, query }) => prevention.scorecard(actor, query),
      sheet: async (c) => scorecardSheet(await outletName(c)),
    },
  });
}

import { insightsApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../http/export';
import { mount } from '../../http/route';
import { actorOf } from '../../http/session';
import { XLSX_MIME } from '../../lib/xlsx';
import type { Actor } from '../access/policy';
import { type ComplaintInsightsService, IMPORT_COLUMNS } from './insights.service';
import { reportSheet, riskSheet, scorecardSheet, statsLines, statsSheet } from './insights.sheets';
import type { PreventionService } from './prevention.service';

const tags = ['complaints'];

export async function complaintInsightsRoutes(
  app: FastifyInstance,
  opts: { insights: ComplaintInsightsService; prevention: PreventionService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
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
      list: async ({ actor, query }) => ({ items: await insights.report(actor, query) }),
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

  // ------------------------------------------------------------ complaint import
  // .xlsx uploads arrive as the raw file (no multipart needed), limited to 10 MB.
  app.addContentTypeParser(
    [XLSX_MIME, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 10 * 1_048_576 },
    (_req, body, done) => done(null, body),
  );
  r.post(
    '/complaints/import',
    {
      schema: {
        tags,
        summary: `Import complaints from .xlsx (body: the file, content-type ${XLSX_MIME}); all or nothing`,
        response: { 200: z.object({ imported: z.number().int() }) },
      },
    },
    async (req) => insights.importXlsx(actorOf(req), req.body as Buffer),
  );
  r.get(
    '/complaints/import/template.xlsx',
    { schema: { tags, summary: 'An empty import sheet with the expected headers' } },
    async (req, reply) =>
      sendXlsx(
        req,
        reply,
        { 'zh-CN': '投诉导入模板', 'en-US': 'Complaint import' },
        IMPORT_COLUMNS.map((c) => ({ header: { 'zh-CN': c.zh, 'en-US': c.en }, value: () => '', width: 16 })),
        [],
      ),
  );
}

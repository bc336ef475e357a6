import { coachingApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import { drillSheet, quizSheet, scriptSheet } from './coaching.sheets';
import type { DrillsService } from './drills.service';
import type { ScriptsService } from './scripts.service';
import type { TenQuestionsService } from './ten-questions.service';

export async function coachingRoutes(
  app: FastifyInstance,
  opts: { scripts: ScriptsService; drills: DrillsService; tenQuestions: TenQuestionsService },
) {
  const { scripts, drills, tenQuestions } = opts;
  mount(app, coachingApi, {
    // ---- scripts (话术)
    listScripts: { list: ({ query }) => scripts.listScripts(query), sheet: scriptSheet },
    scriptScenarios: () => scripts.scriptScenarios(),
    createScript: ({ actor, body }) => scripts.createScript(actor, body),
    getScript: ({ params }) => scripts.getScript(params.id),
    updateScript: ({ actor, params, body }) => scripts.updateScript(actor, params.id, body),
    scriptVersions: async ({ params }) => ({ items: await scripts.scriptVersions(params.id) }),
    scriptVersion: ({ params }) => scripts.scriptVersion(params.id, params.version),

    // ---- drills (投诉带教)
    listDrills: {
      list: ({ actor, query }) => drills.listDrills(actor, query),
      sheet: async ({ actor, query }) => drillSheet(await drills.filterNames(actor, query)),
    },
    createDrill: ({ actor, body }) => drills.createDrill(actor, body),

    // ---- customer ten questions (客户十问) and quizzes
    tenQuestions: async ({ actor, params }) => ({
      items: await tenQuestions.questions(actor, params.outletId, params.line),
    }),
    putTenQuestions: async ({ actor, params, body }) => ({
      items: await tenQuestions.putQuestions(actor, params.outletId, params.line, body.questions),
    }),
    drawQuiz: ({ actor, params, query }) =>
      tenQuestions.drawQuiz(actor, params.outletId, params.line, query.staffId, query.count),
    recordQuiz: ({ actor, params, body }) =>
      tenQuestions.recordQuiz(actor, params.outletId, params.line, body),
    listQuizResults: {
      list: ({ actor, query }) => tenQuestions.listQuizzes(actor, query),
      sheet: async ({ actor, query }) => quizSheet(await tenQuestions.sheetNames(actor, query)),
    },
  });
}

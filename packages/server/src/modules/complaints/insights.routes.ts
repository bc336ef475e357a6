import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../http/export';
import { requestLocale } from '../../http/problem';
import { actorOf } from '../../http/session';
import { exportQuery, pageSchema } from '../../lib/paging';
import type { CoachingService } from './coaching.service';
import {
  ControlsPut,
  DrillCreate,
  DrillListQuery,
  QuizDraw,
  QuizListQuery,
  QuizRecord,
  RiskQuery,
  RulesPut,
  ScorecardQuery,
  ScriptCreate,
  ScriptListQuery,
  ScriptPatch,
  StatsQuery,
  TenQuestionsParams,
  TenQuestionsPut,
} from './complaints.schemas';
import type { ComplaintInsightsService } from './insights.service';

const tags = ['complaints'];
const Name = z.object({ zh: z.string(), en: z.string() });
const Bucket = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.number().int() });
const StatsView = z.object({
  total: z.number().int(),
  decided: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  meanDaysToDecision: z.number().nullable(),
  byChannel: z.array(Bucket),
  byCategory: z.array(Bucket),
  byCause: z.array(Bucket),
  byOutlet: z.array(Bucket),
  byMonth: z.array(Bucket),
});
const ReportRow = z.object({
  category: z.string(),
  categoryName: Name,
  cause: z.string(),
  causeName: Name,
  channel: z.string(),
  channelName: Name,
  count: z.number().int(),
});
const RiskView = z.object({
  rank: z.number().int(),
  category: z.string(),
  categoryName: Name,
  cause: z.string(),
  causeName: Name,
  count: z.number().int(),
  controls: z.array(z.string()),
  controlsUpdatedAt: z.string().nullable(),
});
const RuleView = z.object({
  responsibility: z.string(),
  severity: z.string(),
  points: z.number().int(),
  updatedAt: z.string(),
});
const ScoreView = z.object({
  rank: z.number().int(),
  key: z.string(),
  code: z.string(),
  name: z.string(),
  outletName: z.string(),
  complaints: z.number().int(),
  points: z.number().int(),
});
const ScriptView = z.object({
  id: z.string(),
  stage: z.string(),
  scenario: z.string(),
  title: z.string(),
  body: z.string(),
  version: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ScriptVersionView = z.object({
  scriptId: z.string(),
  version: z.number().int(),
  stage: z.string(),
  scenario: z.string(),
  title: z.string(),
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
const DrillView = z.object({
  id: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  heldOn: z.string(),
  scenario: z.string(),
  evaluator: z.string(),
  participants: z.array(z.object({ id: z.string(), name: z.string() })),
  rubric: z.array(z.object({ item: z.string(), score: z.number().int(), max: z.number().int() })),
  score: z.number().int(),
  maxScore: z.number().int(),
  comments: z.string(),
  createdAt: z.string(),
});
const QuestionView = z.object({
  id: z.string(),
  position: z.number().int(),
  question: z.string(),
  answer: z.string(),
  updatedAt: z.string(),
});
const QuizView = z.object({
  id: z.string(),
  outletId: z.string(),
  outletName: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  businessLine: z.string(),
  correct: z.number().int(),
  total: z.number().int(),
  takenAt: z.string(),
});
const IdParams = z.object({ id: z.string().min(1).max(64) });
const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

export async function complaintInsightsRoutes(
  app: FastifyInstance,
  opts: { insights: ComplaintInsightsService; coaching: CoachingService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { insights, coaching } = opts;
  // ------------------------------------------------------------ statistics and the regulator report
  r.get(
    '/complaints/stats',
    {
      schema: {
        tags,
        summary: 'Counts by channel, category, cause, outlet and month; on-time rate; mean days to decision',
        querystring: StatsQuery,
        response: { 200: StatsView },
      },
    },
    async (req) => insights.stats(actorOf(req), req.query),
  );
  r.get(
    '/complaints/stats/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Statistics as .xlsx (one row per dimension and value)',
        querystring: StatsQuery,
      },
    },
    async (req, reply) => {
      const s = await insights.stats(actorOf(req), req.query);
      const zh = requestLocale(req) === 'zh-CN';
      const dims: [string, string, z.infer<typeof Bucket>[]][] = [
        ['渠道', 'Channel', s.byChannel],
        ['业务类别', 'Category', s.byCategory],
        ['投诉原因', 'Cause', s.byCause],
        ['网点', 'Outlet', s.byOutlet],
        ['月份', 'Month', s.byMonth],
      ];
      const rows = [
        ...dims.flatMap(([dz, de, b]) =>
          b.map((x) => ({ dim: zh ? dz : de, name: zh ? x.nameZh : x.nameEn, value: x.count })),
        ),
        { dim: zh ? '合计' : 'Total', name: zh ? '投诉总数' : 'Complaints', value: s.total },
        { dim: zh ? '合计' : 'Total', name: zh ? '按时办结率' : 'On-time rate', value: s.onTimeRate ?? 0 },
        {
          dim: zh ? '合计' : 'Total',
          name: zh ? '平均处理天数' : 'Mean days to decision',
          value: s.meanDaysToDecision ?? 0,
        },
      ];
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '投诉统计', 'en-US': 'Complaint statistics' },
        [
          { header: { 'zh-CN': '维度', 'en-US': 'Dimension' }, value: (x) => x.dim, width: 12 },
          { header: { 'zh-CN': '项目', 'en-US': 'Item' }, value: (x) => x.name, width: 24 },
          { header: { 'zh-CN': '数值', 'en-US': 'Value' }, value: (x) => x.value, width: 12 },
        ],
        rows,
      );
    },
  );
  r.get(
    '/complaints/report',
    {
      schema: {
        tags,
        summary: 'Regulator-style report: category × cause × channel (JR/T 0169-2018)',
        querystring: StatsQuery,
        response: { 200: items(ReportRow) },
      },
    },
    async (req) => ({ items: await insights.report(actorOf(req), req.query) }),
  );
  r.get(
    '/complaints/report/export.xlsx',
    { schema: { tags, summary: 'The regulator-style report as .xlsx', querystring: StatsQuery } },
    async (req, reply) => {
      const rows = await insights.report(actorOf(req), req.query);
      const zh = requestLocale(req) === 'zh-CN';
      const n = (x: { zh: string; en: string }) => (zh ? x.zh : x.en);
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '消费投诉统计表', 'en-US': 'Consumer complaint report' },
        [
          {
            header: { 'zh-CN': '业务类别', 'en-US': 'Business category' },
            value: (x) => n(x.categoryName),
            width: 18,
          },
          { header: { 'zh-CN': '投诉原因', 'en-US': 'Cause' }, value: (x) => n(x.causeName), width: 22 },
          {
            header: { 'zh-CN': '业务办理渠道', 'en-US': 'Channel' },
            value: (x) => n(x.channelName),
            width: 16,
          },
          { header: { 'zh-CN': '投诉量', 'en-US': 'Complaints' }, value: (x) => x.count, width: 10 },
        ],
        rows,
      );
    },
  );
  // ------------------------------------------------------------ prevention
  r.get(
    '/complaints/risks',
    {
      schema: {
        tags,
        summary: 'High-risk scenarios (category × cause) ranked over the last N days, with their controls',
        querystring: RiskQuery,
        response: { 200: pageSchema(RiskView) },
      },
    },
    async (req) => insights.risks(actorOf(req), req.query),
  );
  r.get(
    '/complaints/risks/export.xlsx',
    { schema: { tags, summary: 'High-risk scenarios as .xlsx', querystring: RiskQuery } },
    async (req, reply) => {
      const { items: rows } = await insights.risks(actorOf(req), exportQuery(req.query));
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '高风险场景', 'en-US': 'High-risk scenarios' },
        [
          { header: { 'zh-CN': '排名', 'en-US': 'Rank' }, value: (x) => x.rank, width: 8 },
          {
            header: { 'zh-CN': '业务类别', 'en-US': 'Category' },
            value: (x) => (zh ? x.categoryName.zh : x.categoryName.en),
            width: 18,
          },
          {
            header: { 'zh-CN': '投诉原因', 'en-US': 'Cause' },
            value: (x) => (zh ? x.causeName.zh : x.causeName.en),
            width: 22,
          },
          { header: { 'zh-CN': '投诉量', 'en-US': 'Complaints' }, value: (x) => x.count, width: 10 },
          {
            header: { 'zh-CN': '防控措施', 'en-US': 'Controls' },
            value: (x) => x.controls.join('；'),
            width: 60,
          },
        ],
        rows,
      );
    },
  );
  r.put(
    '/complaints/risk-controls',
    {
      schema: {
        tags,
        summary: 'Set the controls of a scenario (admin, cp_officer)',
        body: ControlsPut,
        response: {
          200: z.object({
            category: z.string(),
            cause: z.string(),
            controls: z.array(z.string()),
            updatedAt: z.string(),
          }),
        },
      },
    },
    async (req) => insights.putControls(actorOf(req), req.body),
  );

  // ------------------------------------------------------------ accountability
  r.get(
    '/complaints/accountability/rules',
    {
      schema: {
        tags,
        summary: 'Points per complaint by responsibility and severity',
        response: { 200: items(RuleView) },
      },
    },
    async () => ({ items: await insights.rules() }),
  );
  r.put(
    '/complaints/accountability/rules',
    {
      schema: {
        tags,
        summary: 'Edit the points (admin, cp_officer)',
        body: RulesPut,
        response: { 200: items(RuleView) },
      },
    },
    async (req) => ({ items: await insights.putRules(actorOf(req), req.body.rules) }),
  );
  r.get(
    '/complaints/accountability/scorecards',
    {
      schema: {
        tags,
        summary: 'Monthly scorecard per outlet or person, ranked (fewest points first)',
        querystring: ScorecardQuery,
        response: { 200: pageSchema(ScoreView) },
      },
    },
    async (req) => insights.scorecard(actorOf(req), req.query),
  );
  r.get(
    '/complaints/accountability/scorecards/export.xlsx',
    { schema: { tags, summary: 'Scorecard as .xlsx', querystring: ScorecardQuery } },
    async (req, reply) => {
      const { items: rows } = await insights.scorecard(actorOf(req), exportQuery(req.query));
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '量化考核', 'en-US': 'Accountability scorecard' },
        [
          { header: { 'zh-CN': '排名', 'en-US': 'Rank' }, value: (x) => x.rank, width: 8 },
          { header: { 'zh-CN': '编号', 'en-US': 'Code' }, value: (x) => x.code, width: 12 },
          { header: { 'zh-CN': '名称', 'en-US': 'Name' }, value: (x) => x.name, width: 16 },
          { header: { 'zh-CN': '网点', 'en-US': 'Outlet' }, value: (x) => x.outletName, width: 16 },
          { header: { 'zh-CN': '投诉数', 'en-US': 'Complaints' }, value: (x) => x.complaints, width: 10 },
          { header: { 'zh-CN': '扣分', 'en-US': 'Points' }, value: (x) => x.points, width: 10 },
        ],
        rows,
      );
    },
  );

  // ------------------------------------------------------------ scripts (话术)
  r.get(
    '/complaint-scripts',
    {
      schema: {
        tags,
        summary: 'Script library by stage and scenario; q searches Chinese substrings',
        querystring: ScriptListQuery,
        response: { 200: pageSchema(ScriptView) },
      },
    },
    async (req) => coaching.listScripts(req.query),
  );
  r.get(
    '/complaint-scripts/scenarios',
    {
      schema: {
        tags,
        summary: 'The distinct scenarios of the script library (up to 1,000), in order',
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async () => coaching.scriptScenarios(),
  );
  r.get(
    '/complaint-scripts/export.xlsx',
    { schema: { tags, summary: 'Scripts as .xlsx', querystring: ScriptListQuery } },
    async (req, reply) => {
      const { items: rows } = await coaching.listScripts(exportQuery(req.query));
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '话术库', 'en-US': 'Scripts' },
        [
          { header: { 'zh-CN': '环节', 'en-US': 'Stage' }, value: (x) => x.stage, width: 12 },
          { header: { 'zh-CN': '场景', 'en-US': 'Scenario' }, value: (x) => x.scenario, width: 20 },
          { header: { 'zh-CN': '标题', 'en-US': 'Title' }, value: (x) => x.title, width: 24 },
          { header: { 'zh-CN': '话术', 'en-US': 'Text' }, value: (x) => x.body, width: 80 },
          { header: { 'zh-CN': '版本', 'en-US': 'Version' }, value: (x) => x.version, width: 8 },
        ],
        rows,
      );
    },
  );
  r.post(
    '/complaint-scripts',
    { schema: { tags, summary: 'Add a script', body: ScriptCreate, response: { 201: ScriptView } } },
    async (req, reply) => reply.status(201).send(await coaching.createScript(actorOf(req), req.body)),
  );
  r.get(
    '/complaint-scripts/:id',
    {
      schema: {
        tags,
        summary: 'One script (current version)',
        params: IdParams,
        response: { 200: ScriptView },
      },
    },
    async (req) => coaching.getScript(req.params.id),
  );
  r.patch(
    '/complaint-scripts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a script: a new version',
        params: IdParams,
        body: ScriptPatch,
        response: { 200: ScriptView },
      },
    },
    async (req) => coaching.updateScript(actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/complaint-scripts/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version of a script, newest first',
        params: IdParams,
        response: { 200: items(ScriptVersionView) },
      },
    },
    async (req) => ({ items: await coaching.scriptVersions(req.params.id) }),
  );
  r.get(
    '/complaint-scripts/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'One old version',
        params: IdParams.extend({ version: z.coerce.number().int().min(1) }),
        response: { 200: ScriptVersionView },
      },
    },
    async (req) => coaching.scriptVersion(req.params.id, req.params.version),
  );

  // ------------------------------------------------------------ drills (投诉带教)
  r.get(
    '/complaint-drills',
    {
      schema: {
        tags,
        summary: 'Drills, paged (staffId: a staff member’s drill history)',
        querystring: DrillListQuery,
        response: { 200: pageSchema(DrillView) },
      },
    },
    async (req) => coaching.listDrills(actorOf(req), req.query),
  );
  r.get(
    '/complaint-drills/export.xlsx',
    { schema: { tags, summary: 'Drills as .xlsx', querystring: DrillListQuery } },
    async (req, reply) => {
      const { items: rows } = await coaching.listDrills(actorOf(req), exportQuery(req.query));
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '投诉带教', 'en-US': 'Complaint drills' },
        [
          { header: { 'zh-CN': '日期', 'en-US': 'Date' }, value: (x) => x.heldOn, width: 12 },
          { header: { 'zh-CN': '网点', 'en-US': 'Outlet' }, value: (x) => x.outletName, width: 16 },
          { header: { 'zh-CN': '场景', 'en-US': 'Scenario' }, value: (x) => x.scenario, width: 30 },
          {
            header: { 'zh-CN': '参演人员', 'en-US': 'Participants' },
            value: (x) => x.participants.map((p) => p.name).join('、'),
            width: 24,
          },
          { header: { 'zh-CN': '评估人', 'en-US': 'Evaluator' }, value: (x) => x.evaluator, width: 12 },
          { header: { 'zh-CN': '得分', 'en-US': 'Score' }, value: (x) => x.score, width: 8 },
          { header: { 'zh-CN': '满分', 'en-US': 'Max' }, value: (x) => x.maxScore, width: 8 },
          { header: { 'zh-CN': '点评', 'en-US': 'Comments' }, value: (x) => x.comments, width: 40 },
        ],
        rows,
      );
    },
  );
  r.post(
    '/complaint-drills',
    {
      schema: {
        tags,
        summary: 'Record a drill with rubric scores',
        body: DrillCreate,
        response: { 201: DrillView },
      },
    },
    async (req, reply) => reply.status(201).send(await coaching.createDrill(actorOf(req), req.body)),
  );

  // ------------------------------------------------------------ customer ten questions (客户十问)
  r.get(
    '/outlets/:outletId/ten-questions/:line',
    {
      schema: {
        tags,
        summary: 'The ordered questions of an outlet’s business line',
        params: TenQuestionsParams,
        response: { 200: items(QuestionView) },
      },
    },
    async (req) => ({ items: await coaching.questions(actorOf(req), req.params.outletId, req.params.line) }),
  );
  r.put(
    '/outlets/:outletId/ten-questions/:line',
    {
      schema: {
        tags,
        summary: 'Replace the list (at most ten, in order)',
        params: TenQuestionsParams,
        body: TenQuestionsPut,
        response: { 200: items(QuestionView) },
      },
    },
    async (req) => ({
      items: await coaching.putQuestions(
        actorOf(req),
        req.params.outletId,
        req.params.line,
        req.body.questions,
      ),
    }),
  );
  r.get(
    '/outlets/:outletId/ten-questions/:line/quiz',
    {
      schema: {
        tags,
        summary: 'Draw questions at random for a staff member',
        params: TenQuestionsParams,
        querystring: QuizDraw,
        response: {
          200: z.object({
            staffId: z.string(),
            staffName: z.string(),
            businessLine: z.string(),
            questions: z.array(
              z.object({
                id: z.string(),
                position: z.number().int(),
                question: z.string(),
                answer: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) =>
      coaching.drawQuiz(
        actorOf(req),
        req.params.outletId,
        req.params.line,
        req.query.staffId,
        req.query.count,
      ),
  );
  r.post(
    '/outlets/:outletId/ten-questions/:line/quiz-results',
    {
      schema: {
        tags,
        summary: 'Record a quiz result',
        params: TenQuestionsParams,
        body: QuizRecord,
        response: {
          201: z.object({
            id: z.string(),
            staffId: z.string(),
            staffName: z.string(),
            businessLine: z.string(),
            correct: z.number().int(),
            total: z.number().int(),
            takenAt: z.string(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await coaching.recordQuiz(actorOf(req), req.params.outletId, req.params.line, req.body)),
  );
  r.get(
    '/quiz-results',
    {
      schema: {
        tags,
        summary: 'Quiz results, paged',
        querystring: QuizListQuery,
        response: { 200: pageSchema(QuizView) },
      },
    },
    async (req) => coaching.listQuizzes(actorOf(req), req.query),
  );
  r.get(
    '/quiz-results/export.xlsx',
    { schema: { tags, summary: 'Quiz results as .xlsx', querystring: QuizListQuery } },
    async (req, reply) => {
      const { items: rows } = await coaching.listQuizzes(actorOf(req), exportQuery(req.query));
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '客户十问测验', 'en-US': 'Ten-question quizzes' },
        [
          { header: { 'zh-CN': '时间', 'en-US': 'Taken at' }, value: (x) => x.takenAt, width: 22 },
          { header: { 'zh-CN': '网点', 'en-US': 'Outlet' }, value: (x) => x.outletName, width: 16 },
          { header: { 'zh-CN': '员工', 'en-US': 'Staff' }, value: (x) => x.staffName, width: 12 },
          {
            header: { 'zh-CN': '业务线', 'en-US': 'Business line' },
            value: (x) => x.businessLine,
            width: 14,
          },
          { header: { 'zh-CN': '答对', 'en-US': 'Correct' }, value: (x) => x.correct, width: 8 },
          { header: { 'zh-CN': '题数', 'en-US': 'Questions' }, value: (x) => x.total, width: 8 },
        ],
        rows,
      );
    },
  );
}

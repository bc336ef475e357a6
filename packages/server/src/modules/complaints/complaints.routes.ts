import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../http/export';
import { requestLocale } from '../../http/problem';
import { actorOf } from '../../http/session';
import { exportQuery, pageSchema } from '../../lib/paging';
import type { ComplaintAction } from '../access/policy';
import {
  CodeView,
  ComplaintView,
  DecisionNoticeView,
  EventView,
  NotificationView,
  TaskView,
} from './complaints.presenter';
import {
  CodeCreate,
  CodeListQuery,
  CodePatch,
  ComplaintCreate,
  ComplaintListQuery,
  ComplaintPatch,
  EmergencyPatch,
  HolidayListQuery,
  HolidayPut,
  NotificationListQuery,
  TaskCreate,
  TaskListQuery,
  TaskPatch,
  TransitionBodies,
} from './complaints.schemas';
import type { ComplaintsService } from './complaints.service';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });
const tags = ['complaints'];

const ACTION_PATHS: Record<ComplaintAction, { path: string; zh: string; en: string }> = {
  acknowledge: { path: 'acknowledge', zh: '安抚', en: 'Acknowledge and soothe (安抚)' },
  investigate: { path: 'investigate', zh: '核实调查', en: 'Start the investigation (assign the handler)' },
  decide: { path: 'decide', zh: '处理决定', en: 'Decide (Art. 19 notice content)' },
  inform: { path: 'inform', zh: '告知投诉人', en: 'Record how the complainant was told (Art. 21)' },
  follow_up: { path: 'follow-up', zh: '回访', en: 'Record the follow-up visit' },
  close: { path: 'close', zh: '办结', en: 'Close' },
  withdraw: { path: 'withdraw', zh: '撤诉', en: 'Withdraw (ends the case)' },
  merge: { path: 'merge', zh: '合并', en: 'Merge into an open complaint (a repeat)' },
  request_review: { path: 'request-review', zh: '申请复核', en: 'Request a review (Art. 20)' },
  decide_review: { path: 'decide-review', zh: '复核决定', en: 'Decide the review' },
  extend: { path: 'extend', zh: '延长期限', en: 'Extend the deadline (Art. 18)' },
  pause: { path: 'pause', zh: '中止计时', en: 'Pause the clock (appraisal, mediation)' },
  resume: { path: 'resume', zh: '恢复计时', en: 'Resume the clock' },
  new_facts: { path: 'new-facts', zh: '新事实', en: 'New facts: restart the clock' },
  assess: { path: 'assess', zh: '责任认定', en: 'Assess responsibility (points)' },
};

export async function complaintsRoutes(app: FastifyInstance, opts: { complaints: ComplaintsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { complaints } = opts;

  r.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Complaints, paged and filtered (due=soon|overdue for the deadline views)',
        querystring: ComplaintListQuery,
        response: { 200: pageSchema(ComplaintView).extend({ totalCapped: z.boolean() }) },
      },
    },
    async (req) => complaints.list(actorOf(req), req.query),
  );
  r.get(
    '/complaints/handlers',
    {
      schema: {
        tags,
        summary: 'Users who may handle complaints of an outlet (for the investigate step)',
        querystring: z.object({ outletId: z.string().min(1).max(64) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                displayName: z.string(),
                role: z.string(),
                outletId: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await complaints.handlers(actorOf(req), req.query.outletId) }),
  );
  r.get(
    '/complaints/export.xlsx',
    { schema: { tags, summary: 'Complaints as .xlsx (same filters)', querystring: ComplaintListQuery } },
    async (req, reply) => {
      const rows = await complaints.exportList(actorOf(req), req.query);
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '投诉台账', 'en-US': 'Complaints' },
        [
          { header: { 'zh-CN': '投诉编号', 'en-US': 'No.' }, value: (c) => c.no, width: 20 },
          { header: { 'zh-CN': '网点', 'en-US': 'Outlet' }, value: (c) => c.outletName, width: 16 },
          { header: { 'zh-CN': '受理日期', 'en-US': 'Received on' }, value: (c) => c.receivedOn, width: 12 },
          { header: { 'zh-CN': '渠道', 'en-US': 'Channel' }, value: (c) => c.channel, width: 16 },
          { header: { 'zh-CN': '业务类别', 'en-US': 'Category' }, value: (c) => c.category, width: 16 },
          { header: { 'zh-CN': '投诉原因', 'en-US': 'Cause' }, value: (c) => c.cause, width: 16 },
          { header: { 'zh-CN': '来源', 'en-US': 'Source' }, value: (c) => c.source, width: 10 },
          {
            header: { 'zh-CN': '投诉人', 'en-US': 'Complainant' },
            value: (c) => c.complainantName ?? '',
            width: 10,
          },
          {
            header: { 'zh-CN': '电话', 'en-US': 'Phone' },
            value: (c) => c.complainantPhone ?? '',
            width: 14,
          },
          { header: { 'zh-CN': '人数', 'en-US': 'People' }, value: (c) => c.peopleCount, width: 8 },
          {
            header: { 'zh-CN': '重大投诉', 'en-US': 'Major' },
            value: (c) => (zh ? (c.major ? '是' : '否') : c.major ? 'Yes' : 'No'),
            width: 8,
          },
          { header: { 'zh-CN': '状态', 'en-US': 'Status' }, value: (c) => c.status, width: 12 },
          {
            header: { 'zh-CN': '处理期限', 'en-US': 'Due on' },
            value: (c) => c.deadline.dueOn ?? '',
            width: 12,
          },
          {
            header: { 'zh-CN': '按时', 'en-US': 'On time' },
            value: (c) => (c.onTime === null ? '' : zh ? (c.onTime ? '是' : '否') : c.onTime ? 'Yes' : 'No'),
            width: 8,
          },
          { header: { 'zh-CN': '诉求', 'en-US': 'Claim' }, value: (c) => c.claim, width: 40 },
        ],
        rows,
      );
    },
  );
  r.post(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Register a complaint',
        body: ComplaintCreate,
        response: { 201: ComplaintView },
      },
    },
    async (req, reply) => reply.status(201).send(await complaints.create(actorOf(req), req.body)),
  );
  r.get(
    '/complaints/:id',
    {
      schema: {
        tags,
        summary: 'One complaint (personal data masked)',
        params: IdParams,
        response: { 200: ComplaintView },
      },
    },
    async (req) => complaints.get(actorOf(req), req.params.id),
  );
  r.patch(
    '/complaints/:id',
    {
      schema: {
        tags,
        summary: 'Edit classification, claim, facts, root cause',
        params: IdParams,
        body: ComplaintPatch,
        response: { 200: ComplaintView },
      },
    },
    async (req) => complaints.update(actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/complaints/:id/unmask',
    {
      schema: {
        tags,
        summary: 'The complainant’s data in clear (admin, cp_officer; audited)',
        params: IdParams,
        body: z
          .object({ reason: z.string().trim().max(500).default('') })
          .strict()
          .optional(),
        response: { 200: ComplaintView },
      },
    },
    async (req) => complaints.unmask(actorOf(req), req.params.id, req.body?.reason ?? ''),
  );
  r.patch(
    '/complaints/:id/emergency',
    {
      schema: {
        tags,
        summary: 'Tick the emergency-plan checklist of a major complaint (Art. 29)',
        params: IdParams,
        body: EmergencyPatch,
        response: { 200: ComplaintView },
      },
    },
    async (req) => complaints.setEmergency(actorOf(req), req.params.id, req.body.items),
  );
  r.get(
    '/complaints/:id/events',
    {
      schema: {
        tags,
        summary: 'Every transition with actor, time and comment',
        params: IdParams,
        response: { 200: items(EventView) },
      },
    },
    async (req) => ({ items: await complaints.events(actorOf(req), req.params.id) }),
  );
  r.get(
    '/complaints/:id/decision-notice',
    {
      schema: {
        tags,
        summary: 'The decision notice data (Art. 19) with the notice records (Art. 21)',
        params: IdParams,
        response: { 200: DecisionNoticeView },
      },
    },
    async (req) => complaints.decisionNotice(actorOf(req), req.params.id),
  );

  for (const [action, meta] of Object.entries(ACTION_PATHS) as [
    ComplaintAction,
    (typeof ACTION_PATHS)[ComplaintAction],
  ][]) {
    r.post(
      `/complaints/:id/${meta.path}`,
      {
        schema: {
          tags,
          summary: `${meta.en} — ${meta.zh}`,
          params: IdParams,
          body: TransitionBodies[action],
          response: { 200: ComplaintView },
        },
      },
      // biome-ignore lint/suspicious/noExplicitAny: the body matches TransitionBodies[action], checked by the schema
      async (req) => complaints.transition(actorOf(req), req.params.id, action, req.body as any),
    );
  }

  // ------------------------------------------------------------ rectification tasks
  r.get(
    '/rectification-tasks',
    {
      schema: {
        tags,
        summary: 'Rectification tasks (溯源整改), paged',
        querystring: TaskListQuery,
        response: { 200: pageSchema(TaskView) },
      },
    },
    async (req) => complaints.listTasks(actorOf(req), req.query),
  );
  r.get(
    '/rectification-tasks/export.xlsx',
    { schema: { tags, summary: 'Rectification tasks as .xlsx', querystring: TaskListQuery } },
    async (req, reply) => {
      const { items: rows } = await complaints.listTasks(actorOf(req), exportQuery(req.query));
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '整改任务', 'en-US': 'Rectification tasks' },
        [
          { header: { 'zh-CN': '网点', 'en-US': 'Outlet' }, value: (t) => t.outletName, width: 16 },
          { header: { 'zh-CN': '任务', 'en-US': 'Task' }, value: (t) => t.title, width: 40 },
          { header: { 'zh-CN': '责任人', 'en-US': 'Owner' }, value: (t) => t.owner, width: 12 },
          { header: { 'zh-CN': '完成期限', 'en-US': 'Due on' }, value: (t) => t.dueOn, width: 12 },
          { header: { 'zh-CN': '状态', 'en-US': 'Status' }, value: (t) => t.status, width: 10 },
        ],
        rows,
      );
    },
  );
  r.post(
    '/complaints/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Add a rectification task',
        params: IdParams,
        body: TaskCreate,
        response: { 201: TaskView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await complaints.createTask(actorOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/rectification-tasks/:id',
    {
      schema: {
        tags,
        summary: 'Edit or complete a rectification task',
        params: IdParams,
        body: TaskPatch,
        response: { 200: TaskView },
      },
    },
    async (req) => complaints.updateTask(actorOf(req), req.params.id, req.body),
  );

  // ------------------------------------------------------------ code tables and the holiday calendar
  r.get(
    '/complaint-codes',
    {
      schema: {
        tags,
        summary: 'JR/T 0169 code tables: channel, category, cause',
        querystring: CodeListQuery,
        response: { 200: items(CodeView) },
      },
    },
    async (req) => ({ items: await complaints.listCodes(req.query.kind, req.query.active) }),
  );
  r.post(
    '/complaint-codes',
    { schema: { tags, summary: 'Add a code (admin)', body: CodeCreate, response: { 201: CodeView } } },
    async (req, reply) => reply.status(201).send(await complaints.createCode(actorOf(req), req.body)),
  );
  r.patch(
    '/complaint-codes/:id',
    {
      schema: {
        tags,
        summary: 'Edit or deactivate a code (admin)',
        params: IdParams,
        body: CodePatch,
        response: { 200: CodeView },
      },
    },
    async (req) => complaints.updateCode(actorOf(req), req.params.id, req.body),
  );
  const HolidayView = z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });
  r.get(
    '/holiday-calendar',
    {
      schema: {
        tags,
        summary: 'Official holidays and make-up working days (调休)',
        querystring: HolidayListQuery,
        response: { 200: items(HolidayView) },
      },
    },
    async (req) => ({ items: await complaints.listHolidays(req.query.year) }),
  );
  r.put(
    '/holiday-calendar',
    {
      schema: {
        tags,
        summary: 'Replace one year of the calendar (admin)',
        body: HolidayPut,
        response: { 200: items(HolidayView) },
      },
    },
    async (req) => ({ items: await complaints.putHolidayYear(actorOf(req), req.body.year, req.body.days) }),
  );

  // ------------------------------------------------------------ notifications
  r.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: NotificationListQuery,
        response: { 200: pageSchema(NotificationView).extend({ unread: z.number().int() }) },
      },
    },
    async (req) => complaints.listNotifications(actorOf(req), req.query),
  );
  r.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one notification read',
        params: IdParams,
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (req) => complaints.markRead(actorOf(req), [req.params.id]),
  );
  r.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (req) => complaints.markRead(actorOf(req), 'all'),
  );
}

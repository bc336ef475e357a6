import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../http/export';
import { requestLocale } from '../../http/problem';
import { actorOf } from '../../http/session';
import { pageSchema } from '../../lib/paging';
import { BranchView, BusinessTypeView, OutletView, PostView, StaffView, ZoneView } from './org.presenter';
import {
  BusinessTypeCreate,
  BusinessTypePatch,
  OutletCreate,
  OutletListQuery,
  OutletPatch,
  PostCreate,
  PostPatch,
  StaffCreate,
  StaffListQuery,
  StaffPatch,
  ZoneCreate,
  ZonePatch,
} from './org.schemas';
import type { OrgService } from './org.service';

const activeLabel = (zh: boolean, active: boolean) =>
  zh ? (active ? '启用' : '停用') : active ? 'Active' : 'Inactive';

const OutletParams = z.object({ outletId: z.string().min(1).max(64) });
const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });
const active = (v: boolean, zh: string, en: string) =>
  v ? { zh: `启用${zh}`, en: `Reactivate ${en}` } : { zh: `停用${zh}`, en: `Deactivate ${en}` };

export async function orgRoutes(app: FastifyInstance, opts: { org: OrgService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { org } = opts;

  r.get(
    '/branches',
    {
      schema: { tags: ['organisation'], summary: 'Branches in scope', response: { 200: items(BranchView) } },
    },
    async (req) => ({
      items: await org.listBranches(actorOf(req)),
    }),
  );

  // ------------------------------------------------------------ outlets
  r.get(
    '/outlets',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Outlets, paged and filtered',
        querystring: OutletListQuery,
        response: { 200: pageSchema(OutletView) },
      },
    },
    async (req) => org.listOutlets(actorOf(req), req.query),
  );
  r.get(
    '/outlets/export.xlsx',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Outlets as .xlsx (same filters)',
        querystring: OutletListQuery,
      },
    },
    async (req, reply) => {
      const rows = await org.exportOutlets(actorOf(req), req.query);
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '网点列表', 'en-US': 'Outlets' },
        [
          { header: { 'zh-CN': '网点编号', 'en-US': 'Code' }, value: (o) => o.code, width: 12 },
          { header: { 'zh-CN': '网点名称', 'en-US': 'Name' }, value: (o) => o.name, width: 20 },
          { header: { 'zh-CN': '所属分行', 'en-US': 'Branch' }, value: (o) => o.branchName, width: 14 },
          { header: { 'zh-CN': '地址', 'en-US': 'Address' }, value: (o) => o.address, width: 36 },
          { header: { 'zh-CN': '电话', 'en-US': 'Phone' }, value: (o) => o.phone, width: 16 },
          {
            header: { 'zh-CN': '试点网点', 'en-US': 'Pilot' },
            value: (o) => (zh ? (o.pilot ? '是' : '否') : o.pilot ? 'Yes' : 'No'),
            width: 10,
          },
          {
            header: { 'zh-CN': '状态', 'en-US': 'Status' },
            value: (o) => (zh ? (o.active ? '启用' : '停用') : o.active ? 'Active' : 'Inactive'),
            width: 10,
          },
          { header: { 'zh-CN': '在岗员工数', 'en-US': 'Staff' }, value: (o) => o.staffCount, width: 12 },
          { header: { 'zh-CN': '功能区数', 'en-US': 'Zones' }, value: (o) => o.zoneCount, width: 10 },
        ],
        rows,
      );
    },
  );
  r.post(
    '/outlets',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Create an outlet',
        body: OutletCreate,
        response: { 201: OutletView },
      },
    },
    async (req, reply) => reply.status(201).send(await org.createOutlet(actorOf(req), req.body)),
  );
  r.get(
    '/outlets/:outletId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'One outlet',
        params: OutletParams,
        response: { 200: OutletView },
      },
    },
    async (req) => org.getOutlet(actorOf(req), req.params.outletId),
  );
  r.patch(
    '/outlets/:outletId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Edit an outlet',
        params: OutletParams,
        body: OutletPatch,
        response: { 200: OutletView },
      },
    },
    async (req) => org.updateOutlet(actorOf(req), req.params.outletId, req.body),
  );
  for (const state of [false, true]) {
    const s = active(state, '网点', 'an outlet');
    r.post(
      `/outlets/:outletId/${state ? 'reactivate' : 'deactivate'}`,
      {
        schema: {
          tags: ['organisation'],
          summary: s.en,
          params: OutletParams,
          response: { 200: OutletView },
        },
      },
      async (req) => org.setOutletActive(actorOf(req), req.params.outletId, state),
    );
  }

  // ------------------------------------------------------------ zones
  const ZoneParams = OutletParams.extend({ zoneId: z.string().min(1).max(64) });
  r.get(
    '/outlets/:outletId/zones',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Functional zones of an outlet',
        params: OutletParams,
        response: { 200: items(ZoneView) },
      },
    },
    async (req) => ({ items: await org.listZones(actorOf(req), req.params.outletId) }),
  );
  r.get(
    '/outlets/:outletId/zones/export.xlsx',
    { schema: { tags: ['organisation'], summary: 'Zones of an outlet as .xlsx', params: OutletParams } },
    async (req, reply) => {
      const rows = await org.listZones(actorOf(req), req.params.outletId);
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '功能分区', 'en-US': 'Zones' },
        [
          { header: { 'zh-CN': '名称', 'en-US': 'Name' }, value: (z) => z.name, width: 18 },
          { header: { 'zh-CN': '类型', 'en-US': 'Kind' }, value: (z) => z.kind, width: 16 },
          { header: { 'zh-CN': '容量', 'en-US': 'Capacity' }, value: (z) => z.capacity, width: 10 },
          {
            header: { 'zh-CN': '状态', 'en-US': 'Status' },
            value: (z) => activeLabel(zh, z.active),
            width: 10,
          },
        ],
        rows,
      );
    },
  );
  r.post(
    '/outlets/:outletId/zones',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a zone',
        params: OutletParams,
        body: ZoneCreate,
        response: { 201: ZoneView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await org.createZone(actorOf(req), req.params.outletId, req.body)),
  );
  r.patch(
    '/outlets/:outletId/zones/:zoneId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Edit a zone',
        params: ZoneParams,
        body: ZonePatch,
        response: { 200: ZoneView },
      },
    },
    async (req) => org.updateZone(actorOf(req), req.params.outletId, req.params.zoneId, req.body),
  );
  for (const state of [false, true]) {
    r.post(
      `/outlets/:outletId/zones/:zoneId/${state ? 'reactivate' : 'deactivate'}`,
      {
        schema: {
          tags: ['organisation'],
          summary: active(state, '区域', 'a zone').en,
          params: ZoneParams,
          response: { 200: ZoneView },
        },
      },
      async (req) => org.updateZone(actorOf(req), req.params.outletId, req.params.zoneId, { active: state }),
    );
  }

  // ------------------------------------------------------------ posts
  const PostParams = OutletParams.extend({ postId: z.string().min(1).max(64) });
  r.get(
    '/outlets/:outletId/posts',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Lobby posts of an outlet',
        params: OutletParams,
        response: { 200: items(PostView) },
      },
    },
    async (req) => ({ items: await org.listPosts(actorOf(req), req.params.outletId) }),
  );
  r.get(
    '/outlets/:outletId/posts/export.xlsx',
    {
      schema: { tags: ['organisation'], summary: 'Lobby posts of an outlet as .xlsx', params: OutletParams },
    },
    async (req, reply) => {
      const rows = await org.listPosts(actorOf(req), req.params.outletId);
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '站位', 'en-US': 'Posts' },
        [
          { header: { 'zh-CN': '名称', 'en-US': 'Name' }, value: (p) => p.name, width: 18 },
          { header: { 'zh-CN': '类型', 'en-US': 'Kind' }, value: (p) => p.kind, width: 14 },
          { header: { 'zh-CN': '所属区域', 'en-US': 'Zone' }, value: (p) => p.zoneName ?? '', width: 18 },
          {
            header: { 'zh-CN': '状态', 'en-US': 'Status' },
            value: (p) => activeLabel(zh, p.active),
            width: 10,
          },
        ],
        rows,
      );
    },
  );
  r.post(
    '/outlets/:outletId/posts',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a post',
        params: OutletParams,
        body: PostCreate,
        response: { 201: PostView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await org.createPost(actorOf(req), req.params.outletId, req.body)),
  );
  r.patch(
    '/outlets/:outletId/posts/:postId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Edit a post',
        params: PostParams,
        body: PostPatch,
        response: { 200: PostView },
      },
    },
    async (req) => org.updatePost(actorOf(req), req.params.outletId, req.params.postId, req.body),
  );
  for (const state of [false, true]) {
    r.post(
      `/outlets/:outletId/posts/:postId/${state ? 'reactivate' : 'deactivate'}`,
      {
        schema: {
          tags: ['organisation'],
          summary: active(state, '岗位', 'a post').en,
          params: PostParams,
          response: { 200: PostView },
        },
      },
      async (req) => org.updatePost(actorOf(req), req.params.outletId, req.params.postId, { active: state }),
    );
  }

  // ------------------------------------------------------------ staff
  const StaffParams = OutletParams.extend({ staffId: z.string().min(1).max(64) });
  r.get(
    '/outlets/:outletId/staff',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Staff of an outlet, paged',
        params: OutletParams,
        querystring: StaffListQuery,
        response: { 200: pageSchema(StaffView) },
      },
    },
    async (req) => org.listStaff(actorOf(req), req.params.outletId, req.query),
  );
  r.get(
    '/outlets/:outletId/staff/export.xlsx',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Staff as .xlsx (same filters)',
        params: OutletParams,
        querystring: StaffListQuery,
      },
    },
    async (req, reply) => {
      const rows = await org.exportStaff(actorOf(req), req.params.outletId, req.query);
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '员工名单', 'en-US': 'Staff' },
        [
          { header: { 'zh-CN': '员工号', 'en-US': 'Employee no.' }, value: (s) => s.employeeNo, width: 14 },
          { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, value: (s) => s.name, width: 12 },
          { header: { 'zh-CN': '岗位角色', 'en-US': 'Roles' }, value: (s) => s.roles.join(', '), width: 30 },
          {
            header: { 'zh-CN': '业务技能', 'en-US': 'Skills' },
            value: (s) => s.skills.join(', '),
            width: 30,
          },
          { header: { 'zh-CN': '电话', 'en-US': 'Phone' }, value: (s) => s.phone ?? '', width: 16 },
          {
            header: { 'zh-CN': '状态', 'en-US': 'Status' },
            value: (s) => (zh ? (s.active ? '在岗' : '停用') : s.active ? 'Active' : 'Inactive'),
            width: 10,
          },
        ],
        rows,
      );
    },
  );
  r.post(
    '/outlets/:outletId/staff',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a staff member',
        params: OutletParams,
        body: StaffCreate,
        response: { 201: StaffView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await org.createStaff(actorOf(req), req.params.outletId, req.body)),
  );
  r.patch(
    '/outlets/:outletId/staff/:staffId',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Edit a staff member',
        params: StaffParams,
        body: StaffPatch,
        response: { 200: StaffView },
      },
    },
    async (req) => org.updateStaff(actorOf(req), req.params.outletId, req.params.staffId, req.body),
  );
  for (const state of [false, true]) {
    r.post(
      `/outlets/:outletId/staff/:staffId/${state ? 'reactivate' : 'deactivate'}`,
      {
        schema: {
          tags: ['organisation'],
          summary: active(state, '员工', 'a staff member').en,
          params: StaffParams,
          response: { 200: StaffView },
        },
      },
      async (req) =>
        org.updateStaff(actorOf(req), req.params.outletId, req.params.staffId, { active: state }),
    );
  }

  // ------------------------------------------------------------ business types
  const BtParams = z.object({ id: z.string().min(1).max(64) });
  r.get(
    '/business-types',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Business-type catalogue',
        response: { 200: items(BusinessTypeView) },
      },
    },
    async () => ({ items: await org.listBusinessTypes() }),
  );
  r.get(
    '/business-types/export.xlsx',
    { schema: { tags: ['organisation'], summary: 'Business-type catalogue as .xlsx' } },
    async (req, reply) => {
      const rows = await org.listBusinessTypes();
      const zh = requestLocale(req) === 'zh-CN';
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '业务类型', 'en-US': 'Business types' },
        [
          { header: { 'zh-CN': '代码', 'en-US': 'Code' }, value: (b) => b.code, width: 16 },
          { header: { 'zh-CN': '中文名称', 'en-US': 'Chinese name' }, value: (b) => b.nameZh, width: 16 },
          { header: { 'zh-CN': '英文名称', 'en-US': 'English name' }, value: (b) => b.nameEn, width: 20 },
          {
            header: { 'zh-CN': '默认区域', 'en-US': 'Default zone' },
            value: (b) => b.defaultZoneKind,
            width: 14,
          },
          {
            header: { 'zh-CN': '状态', 'en-US': 'Status' },
            value: (b) => activeLabel(zh, b.active),
            width: 10,
          },
        ],
        rows,
      );
    },
  );
  r.post(
    '/business-types',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a business type',
        body: BusinessTypeCreate,
        response: { 201: BusinessTypeView },
      },
    },
    async (req, reply) => reply.status(201).send(await org.createBusinessType(actorOf(req), req.body)),
  );
  r.patch(
    '/business-types/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Edit a business type',
        params: BtParams,
        body: BusinessTypePatch,
        response: { 200: BusinessTypeView },
      },
    },
    async (req) => org.updateBusinessType(actorOf(req), req.params.id, req.body),
  );
  for (const state of [false, true]) {
    r.post(
      `/business-types/:id/${state ? 'reactivate' : 'deactivate'}`,
      {
        schema: {
          tags: ['organisation'],
          summary: active(state, '业务类型', 'a business type').en,
          params: BtParams,
          response: { 200: BusinessTypeView },
        },
      },
      async (req) => org.updateBusinessType(actorOf(req), req.params.id, { active: state }),
    );
  }
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../http/export';
import { actorOf } from '../../http/session';
import { pageSchema } from '../../lib/paging';
import { UserView } from './users.presenter';
import { UserCreate, UserListQuery, UserPatch, type UsersService } from './users.service';

const Params = z.object({ userId: z.string().min(1).max(64) });

export async function usersRoutes(app: FastifyInstance, opts: { users: UsersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users } = opts;
  const tags = ['users'];

  r.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Accounts, paged',
        querystring: UserListQuery,
        response: { 200: pageSchema(UserView) },
      },
    },
    async (req) => users.list(actorOf(req), req.query),
  );
  r.get(
    '/users/export.xlsx',
    { schema: { tags, summary: 'Accounts as .xlsx', querystring: UserListQuery } },
    async (req, reply) => {
      const rows = await users.export(actorOf(req), req.query);
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '用户列表', 'en-US': 'Users' },
        [
          { header: { 'zh-CN': '用户名', 'en-US': 'Username' }, value: (u) => u.username, width: 16 },
          { header: { 'zh-CN': '姓名', 'en-US': 'Name' }, value: (u) => u.displayName, width: 14 },
          { header: { 'zh-CN': '角色', 'en-US': 'Role' }, value: (u) => u.role, width: 14 },
          { header: { 'zh-CN': '所属网点', 'en-US': 'Outlet' }, value: (u) => u.outletName ?? '', width: 16 },
          { header: { 'zh-CN': '状态', 'en-US': 'Active' }, value: (u) => u.active, width: 8 },
          {
            header: { 'zh-CN': '最近登录', 'en-US': 'Last login' },
            value: (u) => u.lastLoginAt ?? '',
            width: 24,
          },
        ],
        rows,
      );
    },
  );
  r.post(
    '/users',
    { schema: { tags, summary: 'Create an account', body: UserCreate, response: { 201: UserView } } },
    async (req, reply) => reply.status(201).send(await users.create(actorOf(req), req.body)),
  );
  r.patch(
    '/users/:userId',
    {
      schema: {
        tags,
        summary: 'Edit an account',
        params: Params,
        body: UserPatch,
        response: { 200: UserView },
      },
    },
    async (req) => users.update(actorOf(req), req.params.userId, req.body),
  );
  r.post(
    '/users/:userId/deactivate',
    { schema: { tags, summary: 'Deactivate an account', params: Params, response: { 200: UserView } } },
    async (req) => users.setActive(actorOf(req), req.params.userId, false),
  );
  r.post(
    '/users/:userId/reactivate',
    { schema: { tags, summary: 'Reactivate an account', params: Params, response: { 200: UserView } } },
    async (req) => users.setActive(actorOf(req), req.params.userId, true),
  );
  r.post(
    '/users/:userId/unlock',
    { schema: { tags, summary: 'Unlock a locked account', params: Params, response: { 200: UserView } } },
    async (req) => users.unlock(actorOf(req), req.params.userId),
  );
  r.post(
    '/users/:userId/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a new password',
        params: Params,
        body: z.object({ password: z.string().min(1).max(200) }).strict(),
      },
    },
    async (req, reply) => {
      await users.resetPassword(actorOf(req), req.params.userId, req.body.password);
      return reply.status(204).send();
    },
  );
}

import { usersApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { UsersService } from './users.service';
import { userSheet } from './users.sheets';

export async function usersRoutes(app: FastifyInstance, opts: { users: UsersService }) {
  const { users } = opts;
  mount(app, usersApi, {
    listUsers: {
      list: ({ actor, query }) => users.list(actor, query),
      sheet: async ({ actor, query }) => userSheet(await users.outletName(actor, query.outletId)),
    },
    createUser: ({ actor, body }) => users.create(actor, body),
    updateUser: ({ actor, params, body }) => users.update(actor, params.userId, body),
    deactivateUser: ({ actor, params }) => users.setActive(actor, params.userId, false),
    reactivateUser: ({ actor, params }) => users.setActive(actor, params.userId, true),
    unlockUser: ({ actor, params }) => users.unlock(actor, params.userId),
    resetPassword: ({ actor, params, body }) => users.resetPassword(actor, params.userId, body.password),
  });
}

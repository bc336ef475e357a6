import { complaintTasksApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { ComplaintCase } from './complaint-case';
import type { ComplaintTasksService } from './complaint-tasks.service';
import { taskSheet } from './complaint-tasks.sheets';

export function mountComplaintTasks(
  app: FastifyInstance,
  tasks: ComplaintTasksService,
  cases: ComplaintCase,
) {
  mount(app, complaintTasksApi, {
    listTasks: {
      list: ({ actor, query }) => tasks.list(actor, query),
      sheet: async ({ actor, query }) => taskSheet(await cases.filterNames(actor, query)),
    },
    createTask: ({ actor, params, body }) => tasks.create(actor, params.id, body),
    updateTask: ({ actor, params, body }) => tasks.update(actor, params.id, body),
  });
}

import { complaintCodesApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { ComplaintCodesService } from './complaint-codes.service';

export function mountComplaintCodes(app: FastifyInstance, codes: ComplaintCodesService) {
  mount(app, complaintCodesApi, {
    listCodes: async ({ query }) => ({ items: await codes.listCodes(query.kind, query.active) }),
    createCode: ({ actor, body }) => codes.createCode(actor, body),
    updateCode: ({ actor, params, body }) => codes.updateCode(actor, params.id, body),
    listHolidays: async ({ query }) => ({ items: await codes.listHolidays(query.year) }),
    putHolidayYear: async ({ actor, body }) => ({ items: await codes.putHolidayYear(actor, body) }),
  });
}

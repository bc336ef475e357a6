import { complaintCodesApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { ComplaintCodesService } from './complaint-codes.service';
import { holidaySheet } from './complaint-codes.sheets';

export function mountComplaintCodes(app: FastifyInstance, codes: ComplaintCodesService) {
  mount(app, complaintCodesApi, {
    listCodes: async ({ query }) => ({ items: await codes.listCodes(query.kind, query.active) }),
    createCode: ({ actor, body }) => codes.createCode(actor, body),
    updateCode: ({ actor, params, body }) => codes.updateCode(actor, params.id, body),
    listHolidays: { list: ({ query }) => codes.listHolidays(query), sheet: holidaySheet },
    listHolidayWarnings: async () => ({ items: await codes.holidayWarnings() }),
    putHolidayYear: async ({ actor, body }) => ({ items: await codes.putHolidayYear(actor, body) }),
  });
}

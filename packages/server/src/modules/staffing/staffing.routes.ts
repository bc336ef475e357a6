import { staffingApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import { requirementLines, requirementSheet } from './staffing.sheet';
import type { StaffingService } from './staffing.service';

export async function staffingRoutes(app: FastifyInstance, opts: { staffing: StaffingService }) {
  const { staffing } = opts;
  mount(app, staffingApi, {
    staffingRequirement: {
      list: ({ actor, params, query }) => staffing.requirement(actor, params.outletId, query),
      rows: requirementLines,
      sheet: requirementSheet,
    },
  });
}

import { orgApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import { businessTypeSheet, outletSheet, postSheet, staffSheet, zoneSheet } from './org.sheets';
import type { OrgService } from './org.service';

export async function orgRoutes(app: FastifyInstance, opts: { org: OrgService }) {
  const { org } = opts;
  mount(app, orgApi, {
    listBranches: async ({ actor }) => ({ items: await org.listBranches(actor) }),

    listOutlets: {
      list: ({ actor, query }) => org.listOutlets(actor, query),
      cacheKey: ({ actor, query }) => org.outletsKey(actor, query),
      sheet: outletSheet,
    },
    createOutlet: ({ actor, body }) => org.createOutlet(actor, body),
    getOutlet: ({ actor, params }) => org.getOutlet(actor, params.outletId),
    updateOutlet: ({ actor, params, body }) => org.updateOutlet(actor, params.outletId, body),
    deactivateOutlet: ({ actor, params }) => org.setOutletActive(actor, params.outletId, false),
    reactivateOutlet: ({ actor, params }) => org.setOutletActive(actor, params.outletId, true),

    listZones: {
      list: async ({ actor, params }) => ({ items: await org.listZones(actor, params.outletId) }),
      sheet: zoneSheet,
    },
    createZone: ({ actor, params, body }) => org.createZone(actor, params.outletId, body),
    updateZone: ({ actor, params, body }) => org.updateZone(actor, params.outletId, params.zoneId, body),
    deactivateZone: ({ actor, params }) =>
      org.updateZone(actor, params.outletId, params.zoneId, { active: false }),
    reactivateZone: ({ actor, params }) =>
      org.updateZone(actor, params.outletId, params.zoneId, { active: true }),

    listPosts: {
      list: async ({ actor, params }) => ({ items: await org.listPosts(actor, params.outletId) }),
      sheet: postSheet,
    },
    createPost: ({ actor, params, body }) => org.createPost(actor, params.outletId, body),
    updatePost: ({ actor, params, body }) => org.updatePost(actor, params.outletId, params.postId, body),
    deactivatePost: ({ actor, params }) =>
      org.updatePost(actor, params.outletId, params.postId, { active: false }),
    reactivatePost: ({ actor, params }) =>
      org.updatePost(actor, params.outletId, params.postId, { active: true }),

    listStaff: {
      list: ({ actor, params, query }) => org.listStaff(actor, params.outletId, query),
      sheet: staffSheet,
    },
    createStaff: ({ actor, params, body }) => org.createStaff(actor, params.outletId, body),
    updateStaff: ({ actor, params, body }) => org.updateStaff(actor, params.outletId, params.staffId, body),
    deactivateStaff: ({ actor, params }) =>
      org.updateStaff(actor, params.outletId, params.staffId, { active: false }),
    reactivateStaff: ({ actor, params }) =>
      org.updateStaff(actor, params.outletId, params.staffId, { active: true }),

    listBusinessTypes: {
      list: async () => ({ items: await org.listBusinessTypes() }),
      sheet: businessTypeSheet,
    },
    createBusinessType: ({ actor, body }) => org.createBusinessType(actor, body),
    updateBusinessType: ({ actor, params, body }) => org.updateBusinessType(actor, params.id, body),
    deactivateBusinessType: ({ actor, params }) =>
      org.updateBusinessType(actor, params.id, { active: false }),
    reactivateBusinessType: ({ actor, params }) => org.updateBusinessType(actor, params.id, { active: true }),
  });
}

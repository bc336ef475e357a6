import { auditApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { AuditLogService } from './audit-log.service';
import { auditSheet } from './audit.sheets';

export async function auditRoutes(app: FastifyInstance, opts: { auditLog: AuditLogService }) {
  const { auditLog } = opts;
  mount(app, auditApi, {
    listAudit: { list: ({ actor, query }) => auditLog.list(actor, query), sheet: auditSheet },
    auditFacets: ({ actor }) => auditLog.facets(actor),
    verifyAudit: ({ actor }) => auditLog.verify(actor),
  });
}

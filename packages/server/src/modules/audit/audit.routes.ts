import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EXPORT_ROW_LIMIT } from '@liangdian/shared';
import { z } from 'zod';
import type { DB } from '../../db/types';
import { sendXlsx } from '../../http/export';
import { actorOf } from '../../http/session';
import { forbidden } from '../../lib/errors';
import { PageQuery, pageSchema } from '../../lib/paging';
import { type Actor, policy } from '../access/policy';
import type { AuditService } from './audit.service';

const AuditQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  action: z.string().max(40).optional(),
  entityType: z.string().max(40).optional(),
  actor: z.string().trim().max(50).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
type AuditQuery = z.infer<typeof AuditQuery>;

const Entry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  outletId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

const toFilter = (q: AuditQuery) => ({
  q: q.q || undefined,
  action: q.action || undefined,
  entityType: q.entityType || undefined,
  actor: q.actor || undefined,
  from: q.from ? new Date(q.from).toISOString() : undefined,
  to: q.to ? new Date(q.to).toISOString() : undefined,
});

export async function auditRoutes(app: FastifyInstance, opts: { audit: AuditService; db: Kysely<DB> }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { audit, db } = opts;
  const tags = ['audit'];
  const guard = (a: Actor) => {
    if (!policy.readsAudit(a)) throw forbidden();
  };

  r.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Audit log, newest first',
        querystring: AuditQuery,
        response: { 200: pageSchema(Entry) },
      },
    },
    async (req) => {
      guard(actorOf(req));
      return audit.list(db, toFilter(req.query), req.query.page, req.query.pageSize);
    },
  );
  r.get(
    '/audit/export.xlsx',
    { schema: { tags, summary: 'Audit log as .xlsx', querystring: AuditQuery } },
    async (req, reply) => {
      guard(actorOf(req));
      const rows = [];
      for await (const e of audit.all(db, toFilter(req.query), EXPORT_ROW_LIMIT)) rows.push(e);
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '审计日志', 'en-US': 'Audit log' },
        [
          { header: { 'zh-CN': '序号', 'en-US': 'Seq' }, value: (e) => e.seq, width: 8 },
          { header: { 'zh-CN': '时间', 'en-US': 'Time (UTC)' }, value: (e) => e.at, width: 26 },
          { header: { 'zh-CN': '操作人', 'en-US': 'Actor' }, value: (e) => e.actorName, width: 14 },
          { header: { 'zh-CN': '操作', 'en-US': 'Action' }, value: (e) => e.action, width: 14 },
          { header: { 'zh-CN': '对象类型', 'en-US': 'Entity' }, value: (e) => e.entityType, width: 14 },
          { header: { 'zh-CN': '对象编号', 'en-US': 'Entity id' }, value: (e) => e.entityId, width: 38 },
          {
            header: { 'zh-CN': '变更前', 'en-US': 'Before' },
            value: (e) => (e.before ? JSON.stringify(e.before) : ''),
            width: 50,
          },
          {
            header: { 'zh-CN': '变更后', 'en-US': 'After' },
            value: (e) => (e.after ? JSON.stringify(e.after) : ''),
            width: 50,
          },
          { header: { 'zh-CN': 'IP 地址', 'en-US': 'IP' }, value: (e) => e.ip ?? '', width: 16 },
        ],
        rows,
      );
    },
  );
  r.get(
    '/audit/facets',
    {
      schema: {
        tags,
        summary: 'Every action and entity type in the log (for filters)',
        response: { 200: z.object({ actions: z.array(z.string()), entityTypes: z.array(z.string()) }) },
      },
    },
    async (req) => {
      guard(actorOf(req));
      return audit.facets(db);
    },
  );
  r.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Check the hash chain of the audit log',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            firstBrokenSeq: z.number().int().nullable(),
            reason: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      guard(actorOf(req));
      return audit.verify(db);
    },
  );
}

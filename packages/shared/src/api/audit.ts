import { z } from 'zod';
import { Instant, PageQuery } from './common';
import { endpoints } from './endpoint';
import { searchFilter } from './fields';

/** One entry of the hash-chained audit log; personal data in before/after is already masked. */
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  /** `create`, `update`, `login.failed` … (names: CODE_TABLES.auditAction) */
  action: z.string(),
  /** CODE_TABLES.entityType */
  entityType: z.string(),
  entityId: z.string(),
  outletId: z.string().nullable(),
  outletName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  ...searchFilter,
  action: z.string().max(40).optional(),
  entityType: z.string().max(40).optional(),
  actor: z.string().trim().max(50).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditFacets = z.object({ actions: z.array(z.string()), entityTypes: z.array(z.string()) });
export const AuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** the entry named by the checkpoint kept outside the database (null: none yet) */
  anchoredSeq: z.number().int().nullable(),
});
export type AuditFacets = z.infer<typeof AuditFacets>;
export type AuditVerify = z.infer<typeof AuditVerify>;

const e = endpoints(['audit']);

export const auditApi = {
  listAudit: e.pagedList('/audit', 'Audit log, newest first', AuditEntry, { query: AuditQuery }),
  auditFacets: e.get('/audit/facets', 'Every action and entity type in the log (for filters)', {
    response: AuditFacets,
  }),
  verifyAudit: e.get('/audit/verify', 'Check the hash chain of the audit log', { response: AuditVerify }),
} as const;

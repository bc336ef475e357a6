import { pageWindow } from '../../lib/paging';
import type { AuditEntry, AuditFacets, AuditQuery, AuditVerify } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Page } from '../../lib/paging';
import type { Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import { presentEntry } from './audit.presenter';
import * as repo from './audit.repository';
import type { AuditService } from './audit.service';

const toFilter = (q: AuditQuery): repo.AuditFilter => ({
  q: q.q || undefined,
  action: q.action || undefined,
  entityType: q.entityType || undefined,
  actor: q.actor || undefined,
  from: q.from ? new Date(q.from).toISOString() : undefined,
  to: q.to ? new Date(q.to).toISOString() : undefined,
});

/** Reading the audit log (the branch's officers): the list, its filters and the chain check. */
export class AuditLogService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly audit: AuditService,
    private readonly guard: Guard,
  ) {}

  async list(actor: Actor, f: AuditQuery): Promise<Page<AuditEntry>> {
    this.guard.require(actor, 'audit.read');
    const { rows, total } = await repo.list(this.db, toFilter(f), ...pageWindow(f));
    return { items: rows.map(presentEntry), total, page: f.page, pageSize: f.pageSize };
  }

  facets(actor: Actor): Promise<AuditFacets> {
    this.guard.require(actor, 'audit.read');
    return repo.facets(this.db);
  }

  verify(actor: Actor): Promise<AuditVerify> {
    this.guard.require(actor, 'audit.read');
    return this.audit.verify(this.db);
  }
}

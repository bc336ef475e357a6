import { allows, type Permission } from '@liangdian/shared';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { forbidden, notFound } from '../../lib/errors';
import type { AuditActor, AuditEntryInput, AuditService } from '../audit/audit.service';
import * as org from '../org/org.repository';
import { type Actor, policy } from './policy';

/**
 * The one scope guard: at the top of every service method that touches an outlet's data.
 * An outlet outside the actor's scope is NOT_FOUND (its existence is not revealed); one in scope
 * that the actor may not act on in this way is FORBIDDEN.
 */
export class Guard {
  constructor(private readonly db: Kysely<DB>) {}

  async requireOutlet(actor: Actor, outletId: string, permission?: Permission, q: Q = this.db) {
    const o = await org.findOutlet(q, outletId);
    if (!o || !policy.seesOutlet(actor, o)) throw notFound('outlet');
    if (permission && !allows(actor, permission, o.id)) throw forbidden();
    return o;
  }

  /**
   * The scope of a list filtered by `?outletId=`: the actor's branch, their own outlet when they
   * are bound to one, and the outlet asked for. An outlet outside the actor's scope is NOT_FOUND,
   * as it is everywhere else (an empty page would tell nothing but hide a wrong link).
   */
  async listScope(actor: Actor, outletId: string | undefined, q: Q = this.db): Promise<ListScope> {
    if (outletId !== undefined) await this.requireOutlet(actor, outletId, undefined, q);
    return { branchId: actor.branchId, onlyOutletId: actor.outletId, outletId };
  }

  /** A permission that is not about one outlet (the branch's catalogue, accounts, audit). */
  require(actor: Actor, permission: Permission): void {
    if (!allows(actor, permission)) throw forbidden();
  }

  /**
   * For a record found through its own id (a complaint, a task): NOT_FOUND unless its outlet is in
   * the actor's scope.
   */
  seesRecord(actor: Actor, record: { outletId: string; branchId: string } | undefined, entity: string) {
    if (!record || !policy.seesOutlet(actor, { id: record.outletId, branch_id: record.branchId }))
      throw notFound(entity);
  }
}

/** What a list filtered on outlets reads: see `Guard.listScope`. */
export interface ListScope {
  branchId: string;
  /** the actor's own outlet, when they are bound to one */
  onlyOutletId: string | null;
  /** the outlet filtered on (checked to be in scope) */
  outletId: string | undefined;
}

export const auditActor = (a: Actor): AuditActor => ({ userId: a.userId, name: a.username, ip: a.ip });

/** What a change returns: its result and the audit entries that record it (none for a no-op). */
export type Change<T> = [T, AuditEntryInput | AuditEntryInput[] | null];

/**
 * The one audited-change helper: opens the transaction, runs the change, writes its audit
 * entries in the same transaction, so the change and its record land together or not at all.
 */
export class Changes {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async run<T>(actor: Actor | AuditActor, work: (trx: Q, now: Date) => Promise<Change<T>>): Promise<T> {
    let tx: Q | null = null;
    const result = await this.db.transaction().execute((trx) => {
      tx = trx;
      return this.within(trx, actor, work);
    });
    // Committed: anchor the newest audit entry outside the database.
    if (tx) await this.audit.committed(tx);
    return result;
  }

  /** The version of these kinds of record: it moves with every committed change to one of them. */
  versionOf(entityTypes: readonly string[]): Promise<string> {
    return this.audit.versionOf(this.db, entityTypes);
  }

  /** The same inside a transaction the caller already holds. */
  async within<T>(trx: Q, actor: Actor | AuditActor, work: (trx: Q, now: Date) => Promise<Change<T>>) {
    const [result, entries] = await work(trx, this.clock.now());
    const who = 'username' in actor ? auditActor(actor) : actor;
    for (const e of entries === null ? [] : Array.isArray(entries) ? entries : [entries])
      await this.audit.record(trx, who, e);
    return result;
  }
}

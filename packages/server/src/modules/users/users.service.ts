import {
  BRANCH_SCOPED_ROLES,
  OUTLET_SCOPED_ROLES,
  passwordProblems,
  USER_ROLES,
  type UserRole,
} from '@liangdian/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { conflict, DomainError, type FieldProblem, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { BoolQuery, exportQuery, type Page, PageQuery } from '../../lib/paging';
import type { PasswordHasher } from '../../lib/passwords';
import { type Actor, policy } from '../access/policy';
import type { AuditService } from '../audit/audit.service';
import * as org from '../org/org.repository';
import * as sessions from '../auth/sessions.repository';
import * as repo from './users.repository';
import { presentUser, type UserView } from './users.presenter';

export const UserCreate = z
  .object({
    username: z
      .string()
      .trim()
      .min(2)
      .max(50)
      .regex(/^[A-Za-z0-9._-]+$/),
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(USER_ROLES),
    outletId: z.string().nullable().default(null),
    password: z.string().min(1).max(200),
  })
  .strict();
export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(USER_ROLES),
    outletId: z.string().nullable(),
  })
  .partial()
  .strict();
export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: z.enum(USER_ROLES).optional(),
  outletId: z.string().optional(),
  active: BoolQuery.optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;
export type UserPatch = z.infer<typeof UserPatch>;
export type UserListQuery = z.infer<typeof UserListQuery>;

/** Accounts: created, edited and deactivated by admins (and by the CLI, as the system actor). */
export class UsersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    /** called after any change that ends a user's sessions or alters what a session carries */
    private readonly sessionsChanged: () => void = () => {},
  ) {}

  private guard(actor: Actor) {
    if (!policy.managesUsers(actor)) throw forbidden();
  }

  private async visible(q: Q, actor: Actor, id: string) {
    const u = await repo.findById(q, id);
    if (!u || u.branch_id !== actor.branchId) throw notFound('user');
    return u;
  }

  /** Branch roles have no outlet; outlet roles need one of the actor's branch. Consultants may have either. */
  private async checkScope(q: Q, actor: Actor, role: UserRole, outletId: string | null): Promise<void> {
    const problems: FieldProblem[] = [];
    if (BRANCH_SCOPED_ROLES.includes(role) && outletId)
      problems.push({ field: 'body.outletId', code: 'SCOPE_MISMATCH', params: { role } });
    if (OUTLET_SCOPED_ROLES.includes(role) && !outletId)
      problems.push({ field: 'body.outletId', code: 'SCOPE_MISMATCH', params: { role } });
    if (outletId) {
      const o = await org.findOutlet(q, outletId);
      if (!o || o.branch_id !== actor.branchId) {
        problems.push({ field: 'body.outletId', code: 'UNKNOWN_REFERENCE', params: { value: outletId } });
      }
    }
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
  }

  private checkPassword(password: string, username: string) {
    const problems = passwordProblems(password, username);
    if (problems.length) {
      throw new DomainError(
        'PASSWORD_POLICY',
        {},
        problems.map((code) => ({ field: 'body.password', code })),
      );
    }
  }

  async list(actor: Actor, f: UserListQuery): Promise<Page<UserView>> {
    this.guard(actor);
    const { rows, total } = await repo.list(
      this.db,
      { branchId: actor.branchId, q: f.q || undefined, role: f.role, outletId: f.outletId, active: f.active },
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return { items: rows.map(presentUser), total, page: f.page, pageSize: f.pageSize };
  }

  async export(actor: Actor, f: UserListQuery): Promise<UserView[]> {
    return (await this.list(actor, exportQuery(f))).items;
  }

  async create(
    actor: Actor,
    input: UserCreate,
    opts: { mustChangePassword?: boolean } = {},
  ): Promise<UserView> {
    this.guard(actor);
    this.checkPassword(input.password, input.username);
    const hash = await this.hasher.hash(input.password);
    return this.db.transaction().execute(async (trx) => {
      await this.checkScope(trx, actor, input.role, input.outletId);
      if (await repo.findByUsername(trx, input.username)) throw conflict('USERNAME_TAKEN', 'username');
      const now = this.clock.now().toISOString();
      const id = newId();
      await repo.insert(trx, {
        id,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        branch_id: actor.branchId,
        outlet_id: input.outletId,
        staff_id: null,
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        active: 1,
        must_change_password: opts.mustChangePassword === false ? 0 : 1,
        locale: 'zh-CN',
        last_login_at: null,
        created_at: now,
        updated_at: now,
      });
      const after = presentUser((await repo.findById(trx, id))!);
      await this.record(trx, actor, 'create', id, null, after);
      return after;
    });
  }

  async update(actor: Actor, id: string, patch: UserPatch): Promise<UserView> {
    this.guard(actor);
    return this.db
      .transaction()
      .execute(async (trx) => {
        const row = await this.visible(trx, actor, id);
        const role = (patch.role ?? row.role) as UserRole;
        const outletId = patch.outletId === undefined ? row.outlet_id : patch.outletId;
        await this.checkScope(trx, actor, role, outletId);
        if (row.id === actor.userId && role !== 'admin') throw forbidden();
        await repo.update(trx, id, {
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          role,
          outlet_id: outletId,
          updated_at: this.clock.now().toISOString(),
        });
        // A change of role or scope takes effect now, not at the user's next login.
        if (role !== row.role || outletId !== row.outlet_id) await sessions.removeForUser(trx, id);
        const after = presentUser((await repo.findById(trx, id))!);
        await this.record(trx, actor, 'update', id, presentUser(row), after);
        return after;
      })
      .finally(this.sessionsChanged);
  }

  async setActive(actor: Actor, id: string, active: boolean): Promise<UserView> {
    this.guard(actor);
    if (id === actor.userId && !active) throw forbidden();
    return this.db
      .transaction()
      .execute(async (trx) => {
        const row = await this.visible(trx, actor, id);
        await repo.update(trx, id, { active: active ? 1 : 0, updated_at: this.clock.now().toISOString() });
        if (!active) await sessions.removeForUser(trx, id);
        const after = presentUser((await repo.findById(trx, id))!);
        await this.record(trx, actor, active ? 'reactivate' : 'deactivate', id, presentUser(row), after);
        return after;
      })
      .finally(this.sessionsChanged);
  }

  async unlock(actor: Actor, id: string): Promise<UserView> {
    this.guard(actor);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.visible(trx, actor, id);
      await repo.update(trx, id, {
        locked_until: null,
        failed_logins: 0,
        updated_at: this.clock.now().toISOString(),
      });
      const after = presentUser((await repo.findById(trx, id))!);
      await this.record(trx, actor, 'unlock', id, presentUser(row), after);
      return after;
    });
  }

  /** Sets a new password; the user must change it at next login unless the user resets their own. */
  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    this.guard(actor);
    const row = await this.visible(this.db, actor, id);
    this.checkPassword(password, row.username);
    const hash = await this.hasher.hash(password);
    await this.db.transaction().execute(async (trx) => {
      await repo.update(trx, id, {
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        must_change_password: id === actor.userId ? 0 : 1,
        updated_at: this.clock.now().toISOString(),
      });
      await sessions.removeForUser(trx, id);
      await this.record(trx, actor, 'password.reset', id, null, null);
    });
    this.sessionsChanged();
  }

  /** For the CLI: the user id of a username, or NOT_FOUND. */
  async idOf(username: string): Promise<string> {
    const u = await repo.findByUsername(this.db, username);
    if (!u) throw notFound('user');
    return u.id;
  }

  private record(
    trx: Q,
    actor: Actor,
    action: string,
    id: string,
    before: UserView | null,
    after: UserView | null,
  ) {
    return this.audit.record(
      trx,
      { userId: actor.userId, name: actor.username, ip: actor.ip },
      {
        action,
        entityType: 'user',
        entityId: id,
        outletId: after?.outletId ?? before?.outletId ?? null,
        before,
        after,
      },
    );
  }
}

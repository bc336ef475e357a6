import { pageWindow } from '../../lib/paging';
import { BRANCH_SCOPED_ROLES, OUTLET_SCOPED_ROLES, type UserRole } from '@liangdian/shared';
import {
  loginRolesForStaff,
  type User,
  type UserCreate,
  type UserListQuery,
  type UserPatch,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import { conflict, DomainError, type FieldProblem, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import { checkPassword } from '../../lib/password-policy';
import type { PasswordHasher } from '../../lib/passwords';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import type { AuditEntryInput } from '../audit/audit.service';
import * as throttle from '../auth/login-throttle.repository';
import * as sessions from '../auth/sessions.repository';
import * as org from '../org/org.repository';
import { presentUser } from './users.presenter';
import * as repo from './users.repository';

const entry = (action: string, id: string, before: User | null, after: User | null): AuditEntryInput => ({
  action,
  entityType: 'user',
  entityId: id,
  outletId: after?.outletId ?? before?.outletId ?? null,
  before,
  after,
});

/** Accounts: created, edited and deactivated by admins (and by the CLI, as the system actor). */
export class UsersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly hasher: PasswordHasher,
    private readonly guard: Guard,
    private readonly changes: Changes,
    /** called after any change that ends a user's sessions or alters what a session carries */
    private readonly sessionsChanged: () => void = () => {},
  ) {}

  private async visible(q: Q, actor: Actor, id: string) {
    const u = await repo.findById(q, id);
    if (!u || u.branch_id !== actor.branchId) throw notFound('user');
    return u;
  }

  /**
   * Branch roles have no outlet; outlet roles need one of the actor's branch (consultants may
   * have either). A login linked to a staff member is scoped to the staff member's outlet, is
   * their only login, and holds `staff` or an outlet role they hold at the outlet.
   */
  private async checkScope(
    q: Q,
    actor: Actor,
    target: { role: UserRole; outletId: string | null; staffId: string | null; userId: string | null },
  ): Promise<void> {
    const { role, outletId, staffId } = target;
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
    if (!staffId) return;
    // the outlet is of the actor's branch (checked above), so is a staff member found in it
    const staff = outletId ? await org.findStaff(q, outletId, staffId) : undefined;
    if (!staff)
      throw new DomainError('STAFF_NOT_IN_OUTLET', {}, [
        { field: 'body.outletId', code: 'STAFF_NOT_IN_OUTLET' },
      ]);
    if (!loginRolesForStaff(JSON.parse(staff.roles) as string[]).includes(role))
      throw new DomainError('STAFF_ROLE_MISMATCH', { name: staff.name }, [
        { field: 'body.role', code: 'STAFF_ROLE_MISMATCH', params: { name: staff.name } },
      ]);
    const login = await repo.findByStaffId(q, staffId);
    if (login && login.id !== target.userId)
      throw new DomainError('STAFF_HAS_LOGIN', { name: staff.name, username: login.username });
  }

  async list(actor: Actor, f: UserListQuery): Promise<Page<User>> {
    this.guard.require(actor, 'users.manage');
    await this.guard.listScope(actor, f.outletId);
    const { rows, total } = await repo.list(
      this.db,
      { branchId: actor.branchId, q: f.q || undefined, role: f.role, outletId: f.outletId, active: f.active },
      ...pageWindow(f),
    );
    return { items: rows.map(presentUser), total, page: f.page, pageSize: f.pageSize };
  }

  /** The name of an outlet of the actor's branch (for the filter line of an export). */
  async outletName(actor: Actor, outletId: string | undefined): Promise<string | undefined> {
    if (!outletId) return undefined;
    const o = await org.findOutlet(this.db, outletId);
    return o && o.branch_id === actor.branchId ? o.name : undefined;
  }

  async create(actor: Actor, input: UserCreate, opts: { mustChangePassword?: boolean } = {}): Promise<User> {
    this.guard.require(actor, 'users.manage');
    checkPassword(input.password, input, 'body.password');
    const hash = await this.hasher.hash(input.password);
    return this.changes.run(actor, async (trx, at) => {
      const staffId = input.staffId ?? null;
      await this.checkScope(trx, actor, { ...input, staffId, userId: null });
      if (await repo.findByUsername(trx, input.username)) throw conflict('USERNAME_TAKEN', 'username');
      const now = at.toISOString();
      const id = newId();
      await repo.insert(
        trx,
        repo.newUserRow(
          {
            id,
            username: input.username,
            display_name: input.displayName,
            role: input.role,
            branch_id: actor.branchId,
            outlet_id: input.outletId,
            staff_id: staffId,
            password_hash: hash,
            must_change_password: opts.mustChangePassword === false ? 0 : 1,
          },
          now,
        ),
      );
      const after = presentUser((await repo.findById(trx, id))!);
      return [after, entry('create', id, null, after)];
    });
  }

  async update(actor: Actor, id: string, patch: UserPatch): Promise<User> {
    this.guard.require(actor, 'users.manage');
    return this.changes
      .run(actor, async (trx, at) => {
        const row = await this.visible(trx, actor, id);
        const role = (patch.role ?? row.role) as UserRole;
        const outletId = patch.outletId === undefined ? row.outlet_id : patch.outletId;
        const staffId = patch.staffId === undefined ? row.staff_id : patch.staffId;
        await this.checkScope(trx, actor, { role, outletId, staffId, userId: id });
        if (row.id === actor.userId && role !== 'admin') throw forbidden();
        await repo.update(trx, id, {
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          role,
          outlet_id: outletId,
          staff_id: staffId,
          updated_at: at.toISOString(),
        });
        // A change of role or scope takes effect now, not at the user's next login.
        if (role !== row.role || outletId !== row.outlet_id) await sessions.removeForUser(trx, id);
        const after = presentUser((await repo.findById(trx, id))!);
        return [after, entry('update', id, presentUser(row), after)];
      })
      .finally(this.sessionsChanged);
  }

  async setActive(actor: Actor, id: string, active: boolean): Promise<User> {
    this.guard.require(actor, 'users.manage');
    if (id === actor.userId && !active) throw forbidden();
    return this.changes
      .run(actor, async (trx, at) => {
        const row = await this.visible(trx, actor, id);
        await repo.update(trx, id, { active: active ? 1 : 0, updated_at: at.toISOString() });
        if (!active) await sessions.removeForUser(trx, id);
        const after = presentUser((await repo.findById(trx, id))!);
        return [after, entry(active ? 'reactivate' : 'deactivate', id, presentUser(row), after)];
      })
      .finally(this.sessionsChanged);
  }

  async unlock(actor: Actor, id: string): Promise<User> {
    this.guard.require(actor, 'users.manage');
    return this.changes.run(actor, async (trx, at) => {
      const row = await this.visible(trx, actor, id);
      // every source may try again; what the owner will be told at their next login is kept
      await repo.update(trx, id, { locked_until: null, updated_at: at.toISOString() });
      await throttle.clear(trx, id);
      const after = presentUser((await repo.findById(trx, id))!);
      return [after, entry('unlock', id, presentUser(row), after)];
    });
  }

  /** Sets a new password; the user must change it at next login unless the user resets their own. */
  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    this.guard.require(actor, 'users.manage');
    const row = await this.visible(this.db, actor, id);
    checkPassword(password, { username: row.username, displayName: row.display_name }, 'body.password');
    const hash = await this.hasher.hash(password);
    await this.changes.run(actor, async (trx, at) => {
      await repo.update(trx, id, {
        password_hash: hash,
        locked_until: null,
        must_change_password: id === actor.userId ? 0 : 1,
        updated_at: at.toISOString(),
      });
      await sessions.removeForUser(trx, id);
      await throttle.clear(trx, id);
      // the password itself never enters the log
      return [undefined, { ...entry('password.reset', id, null, null), outletId: row.outlet_id }];
    });
    this.sessionsChanged();
  }

  /** For the CLI: the user id of a username, or NOT_FOUND. */
  async idOf(username: string): Promise<string> {
    const u = await repo.findByUsername(this.db, username);
    if (!u) throw notFound('user');
    return u.id;
  }
}

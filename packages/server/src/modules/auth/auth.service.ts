import { beijingHhmm } from '@liangdian/engine/time';
import { passwordProblems, type UserRole } from '@liangdian/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { addMinutes, type Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { DomainError } from '../../lib/errors';
import type { Locale } from '../../lib/messages';
import type { PasswordHasher } from '../../lib/passwords';
import type { User } from '@liangdian/shared/api';
import type { Changes } from '../access/guard';
import type { Actor } from '../access/policy';
import { presentUser } from '../users/users.presenter';
import * as users from '../users/users.repository';
import { SessionCache } from './session-cache';
import * as sessions from './sessions.repository';

export interface AuthSettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: User;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

/** Touch the session's last-seen time at most this often: no write on every request. */
const TOUCH_EVERY_MS = 60_000;

export class AuthService {
  private dummyHash: Promise<string> | null = null;
  /** shared with UsersService, which clears it when it changes or ends a user's sessions */
  readonly cache = new SessionCache<{ resolved: ResolvedSession; lastSeenMs: number; expiresMs: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly changes: Changes,
    private readonly settings: AuthSettings,
  ) {}

  /**
   * Signs in. Failed attempts are audited too (who tried which account from where) although
   * they change no business data; the entry is written before the refusal is thrown.
   */
  async login(username: string, password: string, ip: string, userAgent: string): Promise<LoginResult> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const anonymous = { userId: null, name: username, ip };
    const user = await users.findByUsername(this.db, username);
    if (user?.active !== 1) {
      // Spend the same time as a real check, so response times do not reveal which usernames exist.
      this.dummyHash ??= this.hasher.hash('not-a-real-password-0');
      await this.hasher.verify(await this.dummyHash, password);
      await this.changes.run(anonymous, async () => [
        undefined,
        { action: 'login.failed', entityType: 'user', entityId: user?.id ?? username },
      ]);
      throw new DomainError('INVALID_CREDENTIALS');
    }
    if (user.locked_until && user.locked_until > nowIso) throw lockedError(user.locked_until);

    const ok = await this.hasher.verify(user.password_hash, password);
    if (!ok) {
      const lockUntil = addMinutes(now, this.settings.loginLockMinutes).toISOString();
      const after = await this.changes.run(anonymous, async (trx) => {
        await users.recordFailure(trx, user.id, this.settings.loginMaxFailures, lockUntil, nowIso);
        const fresh = await users.findById(trx, user.id);
        const locked = !!fresh?.locked_until && fresh.locked_until > nowIso;
        return [
          fresh,
          {
            action: locked ? 'login.locked' : 'login.failed',
            entityType: 'user',
            entityId: user.id,
            outletId: user.outlet_id,
          },
        ];
      });
      if (after?.locked_until && after.locked_until > nowIso) throw lockedError(after.locked_until);
      throw new DomainError('INVALID_CREDENTIALS');
    }

    const token = randomToken();
    const csrfToken = randomToken();
    const who = { userId: user.id, name: user.username, ip };
    const fresh = await this.changes.run(who, async (trx) => {
      await users.update(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: nowIso });
      await sessions.insert(trx, {
        id: sha256Hex(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: nowIso,
        expires_at: addMinutes(now, this.settings.sessionMaxHours * 60).toISOString(),
        last_seen_at: nowIso,
        ip,
        user_agent: userAgent.slice(0, 300),
      });
      await sessions.removeExpired(trx, nowIso);
      return [
        (await users.findById(trx, user.id))!,
        { action: 'login', entityType: 'user', entityId: user.id, outletId: user.outlet_id },
      ];
    });
    return { token, csrfToken, user: presentUser(fresh) };
  }

  /** The session behind a cookie token, or null when missing, expired or idle too long. */
  async resolve(token: string, ip: string): Promise<ResolvedSession | null> {
    const id = sha256Hex(token);
    const now = this.clock.now();
    const nowMs = now.getTime();
    const idleMs = this.settings.sessionIdleMinutes * 60_000;
    let entry = this.cache.get(id, nowMs);
    if (!entry) {
      const s = await sessions.findWithUser(this.db, id);
      if (s?.active !== 1) return null;
      entry = {
        lastSeenMs: new Date(s.last_seen_at).getTime(),
        expiresMs: new Date(s.expires_at).getTime(),
        resolved: {
          sessionId: id,
          csrfToken: s.csrf_token,
          actor: {
            userId: s.user_id,
            username: s.username,
            displayName: s.display_name,
            role: s.role as UserRole,
            branchId: s.branch_id,
            outletId: s.outlet_id,
            staffId: s.staff_id,
            locale: s.locale as Locale,
            ip: '',
          },
        },
      };
      this.cache.set(id, entry, nowMs);
    }
    if (entry.expiresMs <= nowMs || entry.lastSeenMs + idleMs <= nowMs) {
      this.cache.delete(id);
      await sessions.remove(this.db, id);
      return null;
    }
    if (nowMs - entry.lastSeenMs > TOUCH_EVERY_MS) {
      entry.lastSeenMs = nowMs;
      await sessions.touch(this.db, id, now.toISOString());
    }
    return { ...entry.resolved, actor: { ...entry.resolved.actor, ip } };
  }

  async logout(sessionId: string, actor: Actor): Promise<void> {
    await this.changes.run(actor, async (trx) => {
      await sessions.remove(trx, sessionId);
      this.cache.delete(sessionId);
      return [
        undefined,
        { action: 'logout', entityType: 'user', entityId: actor.userId, outletId: actor.outletId },
      ];
    });
  }

  async me(actor: Actor): Promise<User> {
    const u = await users.findById(this.db, actor.userId);
    if (!u) throw new DomainError('UNAUTHENTICATED');
    return presentUser(u);
  }

  /** A preference, not business data: not audited. */
  async setLocale(actor: Actor, locale: Locale): Promise<User> {
    await users.update(this.db, actor.userId, { locale, updated_at: this.clock.now().toISOString() });
    this.cache.clear();
    return this.me(actor);
  }

  async changePassword(actor: Actor, sessionId: string, current: string, next: string): Promise<void> {
    const u = await users.findById(this.db, actor.userId);
    if (!u) throw new DomainError('UNAUTHENTICATED');
    if (!(await this.hasher.verify(u.password_hash, current))) {
      throw new DomainError('WRONG_PASSWORD', {}, [
        { field: 'body.currentPassword', code: 'WRONG_PASSWORD' },
      ]);
    }
    const problems = passwordProblems(next, u.username);
    if (problems.length) {
      throw new DomainError(
        'PASSWORD_POLICY',
        {},
        problems.map((code) => ({ field: 'body.newPassword', code })),
      );
    }
    const hash = await this.hasher.hash(next);
    await this.changes.run({ userId: u.id, name: u.username, ip: actor.ip }, async (trx, at) => {
      await users.update(trx, u.id, {
        password_hash: hash,
        must_change_password: 0,
        updated_at: at.toISOString(),
      });
      // Every other session of this user ends: a changed password must lock out whoever had the old one.
      await sessions.removeForUser(trx, u.id, sessionId);
      this.cache.clear();
      return [
        undefined,
        { action: 'password.change', entityType: 'user', entityId: u.id, outletId: u.outlet_id },
      ];
    });
  }
}

function lockedError(untilIso: string): DomainError {
  const until = beijingHhmm(untilIso);
  return new DomainError('ACCOUNT_LOCKED', { until, untilIso });
}

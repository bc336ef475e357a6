import { beijingHhmm } from '@liangdian/engine/time';
import type { UserRole } from '@liangdian/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { addMinutes, type Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { DomainError } from '../../lib/errors';
import type { Locale } from '../../lib/messages';
import { checkPassword } from '../../lib/password-policy';
import type { PasswordHasher } from '../../lib/passwords';
import type { SignInNotice, User } from '@liangdian/shared/api';
import type { Changes } from '../access/guard';
import type { Actor } from '../access/policy';
import { presentUser } from '../users/users.presenter';
import * as users from '../users/users.repository';
import { SessionCache } from './session-cache';
import * as throttle from './login-throttle.repository';
import * as sessions from './sessions.repository';

export interface AuthSettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginLockMaxMinutes: number;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: User;
  /** wrong passwords since the owner's last login, told once (null: none) */
  notice: SignInNotice | null;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  /** the user must change their password before anything else (see http/session.ts) */
  mustChangePassword: boolean;
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
   * Signs in. Failed attempts are audited too (from where, which account when it exists: never
   * the name typed for an account that does not) although they change no business data; the
   * entry is written before the refusal is thrown.
   *
   * Wrong passwords are counted per account and source (IP address): after `loginMaxFailures`
   * from one source, that source waits `loginLockMinutes` before its next attempt, twice as long
   * after each further failure, at most `loginLockMaxMinutes` (423 ACCOUNT_LOCKED meanwhile, the
   * password not even checked). The owner signing in from another source is not held up, and is
   * told at their next successful login how many wrong passwords there were (`notice`).
   */
  async login(username: string, password: string, ip: string, userAgent: string): Promise<LoginResult> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const user = await users.findByUsername(this.db, username);
    if (user?.active !== 1) {
      // Spend the same time as a real check, so response times do not reveal which usernames exist.
      this.dummyHash ??= this.hasher.hash('not-a-real-password-0');
      await this.hasher.verify(await this.dummyHash, password);
      // what was typed may be someone's password or a name: nothing of it enters the log
      await this.changes.run({ userId: null, name: user ? user.username : '-', ip }, async () => [
        undefined,
        { action: 'login.failed', entityType: 'user', entityId: user?.id ?? '-' },
      ]);
      throw new DomainError('INVALID_CREDENTIALS');
    }
    const held = await throttle.find(this.db, user.id, ip);
    if (held?.locked_until && held.locked_until > nowIso) throw lockedError(held.locked_until);

    if (!(await this.hasher.verify(user.password_hash, password))) {
      const lockedUntil = await this.changes.run({ userId: null, name: user.username, ip }, async (trx) => {
        const failures = await throttle.addFailure(trx, user.id, ip, nowIso);
        const until = failures >= this.settings.loginMaxFailures ? this.holdUntil(now, failures) : null;
        if (until) await throttle.lock(trx, user.id, ip, until);
        await users.recordFailure(trx, user.id, until, nowIso);
        return [
          until,
          {
            action: until ? 'login.locked' : 'login.failed',
            entityType: 'user',
            entityId: user.id,
            outletId: user.outlet_id,
          },
        ];
      });
      if (lockedUntil) throw lockedError(lockedUntil);
      throw new DomainError('INVALID_CREDENTIALS');
    }

    const token = randomToken();
    const csrfToken = randomToken();
    const who = { userId: user.id, name: user.username, ip };
    const fresh = await this.changes.run(who, async (trx) => {
      await users.update(trx, user.id, {
        failed_logins: 0,
        locked_until: null,
        locks_since_login: 0,
        last_login_at: nowIso,
      });
      await throttle.clear(trx, user.id, ip);
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
    const notice =
      user.failed_logins > 0 || user.locks_since_login > 0
        ? { failedAttempts: user.failed_logins, locks: user.locks_since_login }
        : null;
    return { token, csrfToken, user: presentUser(fresh), notice };
  }

  /** The end of a source's wait after its `failures`-th wrong password in a row. */
  private holdUntil(now: Date, failures: number): string {
    const { loginMaxFailures, loginLockMinutes, loginLockMaxMinutes } = this.settings;
    const doublings = Math.min(failures - loginMaxFailures, 30);
    return addMinutes(now, Math.min(loginLockMinutes * 2 ** doublings, loginLockMaxMinutes)).toISOString();
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
          mustChangePassword: s.must_change_password === 1,
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
    checkPassword(next, { username: u.username, displayName: u.display_name }, 'body.newPassword');
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

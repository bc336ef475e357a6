import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { exportQuery } from '../../lib/paging';
import type { Locale } from '../../lib/messages';
import type { Page } from '../../lib/paging';
import { type Actor, lobbyPolicy, policy } from '../access/policy';
import type { AuditEntryInput, AuditService } from '../audit/audit.service';
import * as org from '../org/org.repository';
import type { LobbyBus } from './lobby.bus';
import * as repo from './lobby.repository';
import {
  type BackfillRule,
  evaluateRules,
  type OpenPrompt,
  type PostInfo,
  type Reason,
  renderPrompt,
  renderReturn,
} from './lobby.rules';
import {
  type BackfillRulesPut,
  type LobbyView,
  type LogQuery,
  type LogView,
  MAX_BATCH,
  type ModePlan,
  type MODES,
  type PromptView,
  SLOTS_PER_DAY,
  type SettingsView,
  TicketEventInput,
  type TokenListQuery,
  type TokenView,
} from './lobby.schemas';
import { CLOSE, compareModes, defaultRates, OPEN, OPEN_SLOT, ratesFromHistory } from './lobby.recommend';
import { LobbyFold, replaySeries, type TicketEvent, type TicketKind } from './lobby.state';

type Mode = (typeof MODES)[number];
const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const OLDEST_EVENT_MS = 7 * DAY_MS;
const FUTURE_EVENT_MS = 5 * 60_000;
const Instant = z.iso.datetime({ offset: true });

/** The Asia/Shanghai date of an instant (epoch ms). */
export const shanghaiDay = (ms: number) => new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) - SHANGHAI_MS;
/** Monday = 0 … Sunday = 6, and the half-hour slot, in Shanghai time. */
function weekSlot(ms: number): { weekday: number; slot: number } {
  const d = new Date(ms + SHANGHAI_MS);
  return {
    weekday: (d.getUTCDay() + 6) % 7,
    slot: Math.floor((d.getUTCHours() * 60 + d.getUTCMinutes()) / 30),
  };
}

export const DEFAULT_SETTINGS = { serviceLevelTarget: 0.8, targetWaitMinutes: 10, promptTimeoutSeconds: 60 };

export type EventResult = {
  eventId: string | null;
  index: number;
  status: 'accepted' | 'duplicate' | 'rejected';
  code?: string;
  message?: string;
};

interface OutletState {
  day: string;
  fold: LobbyFold;
  settings: SettingsView;
  plan: ModePlan | null;
  rules: BackfillRule[];
  /** presence, open prompts and the override of the board: read once, dropped by every change */
  extras: Promise<BoardExtras> | null;
}

interface BoardExtras {
  presence: repo.PresenceRow[];
  prompts: repo.PromptRow[];
  override: repo.OverrideRow | undefined;
}

/** How long this process trusts what it read of tokens and the business-type catalogue (ms). */
const TOKEN_CACHE_MS = 5000;
const TYPES_CACHE_MS = 10_000;
/** A token's last use is written at most once a minute. */
const LAST_USED_EVERY_MS = 60_000;

type Subscriber = (view: LobbyView) => void;

export interface LobbyOptions {
  /** at most one push per outlet per this many milliseconds (bursts are coalesced) */
  pushIntervalMs: number;
}

const toEvent = (r: repo.EventRow): TicketEvent => ({
  eventId: r.event_id,
  ticket: r.ticket,
  businessType: r.business_type,
  kind: r.kind as TicketKind,
  at: Date.parse(r.at),
  counter: r.counter,
  staffId: r.staff_id,
  toBusinessType: r.to_business_type,
});

/**
 * The live lobby (量点): ingestion of ticket-machine events, the derived lobby state (kept per
 * outlet in memory, folded event by event, rebuilt from the day's events after a restart or a
 * change made by another process), presence at posts, the service mode, backfill prompts and
 * the live push to SSE clients.
 */
export class LobbyService {
  private readonly states = new Map<string, Promise<OutletState>>();
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();
  private readonly lastPush = new Map<string, number>();
  private readonly evaluations = new Map<string, Promise<unknown>>();
  private closed = false;
  /** where failures of background work (pushes, notifications) are reported; app.ts logs them */
  onError: (err: unknown) => void = () => {};

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly bus: LobbyBus,
    private readonly opts: LobbyOptions,
  ) {
    bus.subscribe((outletId, fromSelf, topic) => {
      if (fromSelf) return;
      if (topic === 'tokens') {
        // Another process revoked a token of this outlet: forget the outlet's cached tokens.
        for (const [hash, c] of this.tokenCache)
          if (c.row?.outlet_id === outletId) this.tokenCache.delete(hash);
        return;
      }
      // Another process changed this outlet: read it again from the database.
      this.states.delete(outletId);
      this.changed(outletId);
    });
  }

  // ---------------------------------------------------------------- helpers
  private async visibleOutlet(q: Q, actor: Actor, outletId: string) {
    const o = await org.findOutlet(q, outletId);
    if (!o || !policy.seesOutlet(actor, o)) throw notFound('outlet');
    return o;
  }

  private async allowed(actor: Actor, outletId: string, rule: (a: Actor, id: string) => boolean) {
    const o = await this.visibleOutlet(this.db, actor, outletId);
    if (!rule(actor, o.id)) throw forbidden();
    return o;
  }

  /** A change, its lobby-log line and its audit entry, in one transaction. */
  private async change<T>(
    actor: Actor,
    outletId: string,
    work: (trx: Q, now: Date) => Promise<[T, AuditEntryInput | null, LogInput | null]>,
  ): Promise<T> {
    const result = await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const [result, entry, log] = await work(trx, now);
      if (log) await this.log(trx, outletId, now, actor.username, log);
      if (entry)
        await this.audit.record(trx, { userId: actor.userId, name: actor.username, ip: actor.ip }, entry);
      return result;
    });
    await this.afterChange(outletId);
    return result;
  }

  private lastLogIdMs = 0;
  /** Log ids grow strictly within a process, so lines written at one instant keep their order. */
  private async log(q: Q, outletId: string, at: Date, actorName: string, l: LogInput) {
    this.lastLogIdMs = Math.max(at.getTime(), this.lastLogIdMs + 1);
    await repo.insertLog(q, {
      id: newId(this.lastLogIdMs),
      outlet_id: outletId,
      day: shanghaiDay(at.getTime()),
      at: at.toISOString(),
      kind: l.kind,
      actor_name: actorName,
      data_json: JSON.stringify(l.data),
      message_zh: l.message['zh-CN'],
      message_en: l.message['en-US'],
    });
  }

  /** After a commit: tell the other processes and push to this process's clients. */
  private async afterChange(outletId: string, eventsOnly = false) {
    if (!eventsOnly) {
      const st = this.states.get(outletId);
      if (st)
        void st
          .then((s) => {
            s.extras = null;
          })
          .catch(() => {});
    }
    this.changed(outletId);
    await this.bus.publish(outletId).catch((err) => this.onError(err));
  }

  private settingsOf(row: repo.SettingsRow | undefined, outletId: string): SettingsView {
    return row
      ? {
          outletId,
          serviceLevelTarget: row.service_level_target,
          targetWaitMinutes: row.target_wait_minutes,
          promptTimeoutSeconds: row.prompt_timeout_seconds,
        }
      : { outletId, ...DEFAULT_SETTINGS };
  }

  /** The outlet's in-memory state for today, (re)built from the database when needed. */
  private state(outletId: string): Promise<OutletState> {
    const day = shanghaiDay(this.clock.now().getTime());
    const cached = this.states.get(outletId);
    if (cached) {
      return cached.then((s) => {
        if (s.day === day) return s;
        if (this.states.get(outletId) === cached) this.states.delete(outletId);
        return this.state(outletId);
      });
    }
    const loading = (async (): Promise<OutletState> => {
      const row = await repo.findSettings(this.db, outletId);
      const settings = this.settingsOf(row, outletId);
      const fold = new LobbyFold(settings);
      fold.addAll((await repo.dayEvents(this.db, outletId, day)).map(toEvent));
      return {
        day,
        fold,
        settings,
        plan: row?.mode_plan_json ? JSON.parse(row.mode_plan_json) : null,
        rules: row?.backfill_rules_json ? JSON.parse(row.backfill_rules_json) : [],
        extras: null,
      };
    })();
    this.states.set(outletId, loading);
    loading.catch(() => this.states.delete(outletId));
    return loading;
  }

  // ---------------------------------------------------------------- machine tokens
  async listTokens(actor: Actor, outletId: string, f: TokenListQuery): Promise<Page<TokenView>> {
    await this.allowed(actor, outletId, lobbyPolicy.managesTokens);
    const { rows, total } = await repo.listTokens(
      this.db,
      outletId,
      f.revoked,
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return { items: rows.map(presentToken), total, page: f.page, pageSize: f.pageSize };
  }

  async exportTokens(actor: Actor, outletId: string, f: TokenListQuery) {
    return (await this.listTokens(actor, outletId, exportQuery(f))).items;
  }

  async createToken(actor: Actor, outletId: string, name: string) {
    await this.allowed(actor, outletId, lobbyPolicy.managesTokens);
    return this.change(actor, outletId, async (trx, now) => {
      const token = `ldm_${randomToken(32)}`;
      const row: repo.TokenRow = {
        id: newId(now.getTime()),
        outlet_id: outletId,
        name,
        token_hash: sha256Hex(token),
        prefix: token.slice(0, 8),
        created_by: actor.userId,
        created_at: now.toISOString(),
        revoked_at: null,
        last_used_at: null,
      };
      await repo.insertToken(trx, row);
      const view = presentToken(row);
      return [
        { ...view, token },
        { action: 'create', entityType: 'machine_token', entityId: row.id, outletId, after: view },
        null,
      ];
    });
  }

  async revokeToken(actor: Actor, outletId: string, tokenId: string): Promise<TokenView> {
    await this.allowed(actor, outletId, lobbyPolicy.managesTokens);
    const view = await this.change(actor, outletId, async (trx, now) => {
      const row = await repo.findToken(trx, outletId, tokenId);
      if (!row) throw notFound('machine_token');
      const before = presentToken(row);
      if (!row.revoked_at) await repo.updateToken(trx, row.id, { revoked_at: now.toISOString() });
      this.tokenCache.delete(row.token_hash);
      const after = presentToken((await repo.findToken(trx, outletId, tokenId))!);
      return [
        after,
        { action: 'revoke', entityType: 'machine_token', entityId: row.id, outletId, before, after },
        null,
      ];
    });
    // other processes drop their cached copy of the outlet's tokens
    await this.bus.publish(outletId, 'tokens').catch((err) => this.onError(err));
    return view;
  }

  // ---------------------------------------------------------------- ingestion
  /** The outlet a bearer token belongs to: 401 without a valid token, 403 for another outlet's. */
  private readonly tokenCache = new Map<string, { row: repo.TokenRow | undefined; read: number }>();
  private typesCache: { codes: Set<string>; read: number } | null = null;

  private async machineOutlet(authorization: string | undefined, outletId: string) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) throw new DomainError('MACHINE_TOKEN_INVALID');
    const hash = sha256Hex(m[1]!);
    let cached = this.tokenCache.get(hash);
    if (!cached || performance.now() - cached.read > TOKEN_CACHE_MS) {
      cached = { row: await repo.findTokenByHash(this.db, hash), read: performance.now() };
      if (this.tokenCache.size >= 10_000) this.tokenCache.clear();
      this.tokenCache.set(hash, cached);
    }
    const row = cached.row;
    if (!row || row.revoked_at) throw new DomainError('MACHINE_TOKEN_INVALID');
    if (row.outlet_id !== outletId) throw forbidden();
    return row;
  }

  async ingest(authorization: string | undefined, outletId: string, events: unknown[], locale: Locale) {
    const token = await this.machineOutlet(authorization, outletId);
    if (events.length > MAX_BATCH) throw new DomainError('TICKET_BATCH_TOO_LARGE', { max: MAX_BATCH });
    const now = this.clock.now();
    const nowMs = now.getTime();
    if (!this.typesCache || performance.now() - this.typesCache.read > TYPES_CACHE_MS)
      this.typesCache = {
        codes: new Set((await repo.activeBusinessTypes(this.db)).map((b) => b.code)),
        read: performance.now(),
      };
    const types = this.typesCache.codes;
    const results: EventResult[] = [];
    const rows: repo.EventRow[] = [];
    const seen = new Set<string>();
    const reject = (index: number, eventId: string | null, code: string) =>
      results.push({ eventId, index, status: 'rejected', code, message: eventMessage(code, locale) });
    for (const [index, raw] of events.entries()) {
      const parsed = TicketEventInput.safeParse(raw);
      const rawId = (raw as { eventId?: unknown } | null)?.eventId;
      const eventId = parsed.success ? parsed.data.eventId : typeof rawId === 'string' ? rawId : null;
      if (!parsed.success) {
        const timeOnly = parsed.error.issues.every((i) => i.path[0] === 'at');
        reject(index, eventId, timeOnly ? 'MALFORMED_TIME' : 'MALFORMED_EVENT');
        continue;
      }
      const e = parsed.data;
      if (!Instant.safeParse(e.at).success) {
        reject(index, eventId, 'MALFORMED_TIME');
        continue;
      }
      const at = Date.parse(e.at);
      if (Number.isNaN(at)) {
        reject(index, eventId, 'MALFORMED_TIME');
        continue;
      }
      if (at < nowMs - OLDEST_EVENT_MS) {
        reject(index, eventId, 'TOO_OLD');
        continue;
      }
      if (at > nowMs + FUTURE_EVENT_MS) {
        reject(index, eventId, 'IN_THE_FUTURE');
        continue;
      }
      if (!types.has(e.businessType)) {
        reject(index, eventId, 'UNKNOWN_BUSINESS_TYPE');
        continue;
      }
      if (e.kind === 'transferred' && (!e.toBusinessType || !types.has(e.toBusinessType))) {
        reject(index, eventId, e.toBusinessType ? 'UNKNOWN_BUSINESS_TYPE' : 'TO_BUSINESS_TYPE_REQUIRED');
        continue;
      }
      if (seen.has(e.eventId)) {
        results.push({ eventId, index, status: 'duplicate' });
        continue;
      }
      seen.add(e.eventId);
      results.push({ eventId, index, status: 'accepted' });
      rows.push({
        outlet_id: outletId,
        event_id: e.eventId,
        ticket: e.ticket,
        business_type: e.businessType,
        kind: e.kind,
        at: new Date(at).toISOString(),
        day: shanghaiDay(at),
        counter: e.counter ?? null,
        staff_id: e.staffId ?? null,
        to_business_type: e.toBusinessType ?? null,
        received_at: now.toISOString(),
      });
    }

    const stored = rows.length
      ? await this.db.transaction().execute(async (trx) => {
          const ids = await repo.insertEvents(trx, rows);
          if (!token.last_used_at || nowMs - Date.parse(token.last_used_at) >= LAST_USED_EVERY_MS) {
            await repo.updateToken(trx, token.id, { last_used_at: now.toISOString() });
            token.last_used_at = now.toISOString();
          }
          return ids;
        })
      : new Set<string>();
    for (const r of results) if (r.status === 'accepted' && !stored.has(r.eventId!)) r.status = 'duplicate';

    if (stored.size) {
      const st = await this.state(outletId);
      st.fold.addAll(rows.filter((r) => r.day === st.day && stored.has(r.event_id)).map(toEvent));
      await this.afterChange(outletId, true);
      if (st.rules.length) await this.evaluate(outletId);
    }
    const count = (s: EventResult['status']) => results.filter((r) => r.status === s).length;
    return {
      accepted: count('accepted'),
      duplicate: count('duplicate'),
      rejected: count('rejected'),
      results,
    };
  }

  // ---------------------------------------------------------------- the lobby view
  async view(actor: Actor, outletId: string): Promise<LobbyView> {
    await this.visibleOutlet(this.db, actor, outletId);
    return this.buildView(outletId, actor.locale);
  }

  /** Mode in force at `at`: a manual override, else the plan's slot (default fixed). */
  private async modeAt(q: Q, outletId: string, plan: ModePlan | null, at: Date) {
    const o = await repo.activeOverride(q, outletId, at.toISOString());
    if (o) return { mode: o.mode as Mode, source: 'override' as const, reason: o.reason, until: o.until_at };
    return { mode: planMode(plan, at.getTime()), source: 'plan' as const, reason: null, until: null };
  }

  async buildView(outletId: string, locale: Locale = 'zh-CN'): Promise<LobbyView> {
    const st = await this.state(outletId);
    const now = this.clock.now();
    const counts = st.fold.snapshot(now.getTime());
    st.extras ??= Promise.all([
      repo.openCheckins(this.db, outletId, st.day),
      repo.activePrompts(this.db, outletId, st.day),
      repo.activeOverride(this.db, outletId, now.toISOString()),
    ]).then(([presence, prompts, override]) => ({ presence, prompts, override }));
    const extras = st.extras;
    const { presence, prompts, override } = await extras.catch((err) => {
      if (st.extras === extras) st.extras = null;
      throw err;
    });
    const nowIso = now.toISOString();
    const mode =
      override && override.until_at > nowIso && !override.cleared_at
        ? {
            mode: override.mode as Mode,
            source: 'override' as const,
            reason: override.reason,
            until: override.until_at,
          }
        : { mode: planMode(st.plan, now.getTime()), source: 'plan' as const, reason: null, until: null };
    return {
      outletId,
      day: st.day,
      at: nowIso,
      mode,
      ...counts,
      presence: presence.map((p) => ({
        staffId: p.staff_id,
        staffName: p.staff_name,
        postId: p.post_id,
        postName: p.post_name,
        since: p.checked_in_at,
      })),
      prompts: prompts.map((p) => presentPrompt(p, locale)),
    };
  }

  // ---------------------------------------------------------------- live push (SSE)
  /** Registers a client of an outlet's board; returns the function that unregisters it. */
  subscribe(outletId: string, send: Subscriber): () => void {
    const set = this.subscribers.get(outletId) ?? new Set<Subscriber>();
    this.subscribers.set(outletId, set);
    set.add(send);
    return () => {
      set.delete(send);
      if (!set.size) this.subscribers.delete(outletId);
    };
  }

  /** Schedules a push of the outlet's state: at most one per `pushIntervalMs` per outlet. */
  changed(outletId: string): void {
    if (this.closed || !this.subscribers.has(outletId) || this.pushTimers.has(outletId)) return;
    const wait = Math.max(
      0,
      (this.lastPush.get(outletId) ?? 0) + this.opts.pushIntervalMs - performance.now(),
    );
    const timer = setTimeout(() => {
      this.pushTimers.delete(outletId);
      this.lastPush.set(outletId, performance.now());
      const subs = this.subscribers.get(outletId);
      if (!subs?.size) return;
      this.buildView(outletId)
        .then((view) => {
          for (const s of subs) s(view);
        })
        .catch((err) => this.onError(err));
    }, wait);
    this.pushTimers.set(outletId, timer);
  }

  close(): void {
    this.closed = true;
    for (const t of this.pushTimers.values()) clearTimeout(t);
    this.pushTimers.clear();
  }

  // ---------------------------------------------------------------- presence
  async checkIn(actor: Actor, outletId: string, staffId: string, postId: string) {
    await this.allowed(actor, outletId, lobbyPolicy.operates);
    await this.change(actor, outletId, async (trx, now) => {
      const log = await this.moveTo(trx, outletId, staffId, postId, now);
      return [
        null,
        { action: 'check_in', entityType: 'lobby_checkin', entityId: staffId, outletId, after: log.data },
        log,
      ];
    });
    await this.evaluate(outletId);
    return this.buildView(outletId, actor.locale);
  }

  /** Checks a staff member in at a post, out of any other first; returns the log line. */
  private async moveTo(
    trx: Q,
    outletId: string,
    staffId: string,
    postId: string,
    now: Date,
  ): Promise<LogInput> {
    const staff = await repo.findActiveStaff(trx, outletId, staffId);
    const post = await repo.findActivePost(trx, outletId, postId);
    const fields = [
      ...(staff ? [] : [{ field: 'body.staffId', code: 'UNKNOWN_REFERENCE', params: { value: staffId } }]),
      ...(post ? [] : [{ field: 'body.postId', code: 'UNKNOWN_REFERENCE', params: { value: postId } }]),
    ];
    if (fields.length) throw new DomainError('VALIDATION_FAILED', {}, fields);
    const day = shanghaiDay(now.getTime());
    const open = await repo.openCheckinOf(trx, outletId, staffId, day);
    if (open) await repo.closeCheckin(trx, open.id, now.toISOString());
    await repo.insertCheckin(trx, {
      id: newId(now.getTime()),
      outlet_id: outletId,
      staff_id: staffId,
      post_id: postId,
      day,
      checked_in_at: now.toISOString(),
      checked_out_at: null,
    });
    return {
      kind: 'check_in',
      data: { staffId, postId, fromPostId: open?.post_id ?? null },
      message: {
        'zh-CN': `${staff!.name} 到岗 ${post!.name}`,
        'en-US': `${staff!.name} checked in at ${post!.name}`,
      },
    };
  }

  async checkOut(actor: Actor, outletId: string, staffId: string, postId: string) {
    await this.allowed(actor, outletId, lobbyPolicy.operates);
    await this.change(actor, outletId, async (trx, now) => {
      const open = await repo.openCheckinOf(trx, outletId, staffId, shanghaiDay(now.getTime()));
      if (!open || open.post_id !== postId) throw new DomainError('LOBBY_NOT_CHECKED_IN');
      await repo.closeCheckin(trx, open.id, now.toISOString());
      const staff = await repo.findActiveStaff(trx, outletId, staffId);
      const post = await repo.findActivePost(trx, outletId, postId);
      const data = { staffId, postId };
      return [
        null,
        { action: 'check_out', entityType: 'lobby_checkin', entityId: staffId, outletId, before: data },
        {
          kind: 'check_out',
          data,
          message: {
            'zh-CN': `${staff?.name ?? staffId} 离岗 ${post?.name ?? postId}`,
            'en-US': `${staff?.name ?? staffId} checked out of ${post?.name ?? postId}`,
          },
        },
      ];
    });
    await this.evaluate(outletId);
    return this.buildView(outletId, actor.locale);
  }

  // ---------------------------------------------------------------- settings, plan, rules
  async getSettings(actor: Actor, outletId: string): Promise<SettingsView> {
    await this.visibleOutlet(this.db, actor, outletId);
    return this.settingsOf(await repo.findSettings(this.db, outletId), outletId);
  }

  /** Writes part of the settings row (defaults for a new row) in the caller's transaction. */
  private async writeSettings(trx: Q, outletId: string, now: Date, patch: Partial<repo.SettingsRow>) {
    const row = await repo.findSettings(trx, outletId);
    await repo.upsertSettings(trx, {
      outlet_id: outletId,
      service_level_target: row?.service_level_target ?? DEFAULT_SETTINGS.serviceLevelTarget,
      target_wait_minutes: row?.target_wait_minutes ?? DEFAULT_SETTINGS.targetWaitMinutes,
      prompt_timeout_seconds: row?.prompt_timeout_seconds ?? DEFAULT_SETTINGS.promptTimeoutSeconds,
      mode_plan_json: row?.mode_plan_json ?? null,
      backfill_rules_json: row?.backfill_rules_json ?? null,
      current_mode: row?.current_mode ?? null,
      ...patch,
      updated_at: now.toISOString(),
    });
    return row;
  }

  async putSettings(actor: Actor, outletId: string, input: Omit<SettingsView, 'outletId'>) {
    await this.allowed(actor, outletId, lobbyPolicy.configures);
    const view = await this.change(actor, outletId, async (trx, now) => {
      const before = this.settingsOf(await repo.findSettings(trx, outletId), outletId);
      await this.writeSettings(trx, outletId, now, {
        service_level_target: input.serviceLevelTarget,
        target_wait_minutes: input.targetWaitMinutes,
        prompt_timeout_seconds: input.promptTimeoutSeconds,
      });
      const after = { outletId, ...input };
      return [
        after,
        { action: 'update', entityType: 'lobby_settings', entityId: outletId, outletId, before, after },
        null,
      ];
    });
    this.states.delete(outletId);
    return view;
  }

  async getModePlan(actor: Actor, outletId: string): Promise<ModePlan> {
    await this.visibleOutlet(this.db, actor, outletId);
    const row = await repo.findSettings(this.db, outletId);
    return row?.mode_plan_json ? JSON.parse(row.mode_plan_json) : defaultPlan();
  }

  async putModePlan(actor: Actor, outletId: string, plan: ModePlan): Promise<ModePlan> {
    await this.allowed(actor, outletId, lobbyPolicy.configures);
    await this.change(actor, outletId, async (trx, now) => {
      const row = await this.writeSettings(trx, outletId, now, { mode_plan_json: JSON.stringify(plan) });
      const before = row?.mode_plan_json ? summarisePlan(JSON.parse(row.mode_plan_json)) : null;
      return [
        null,
        {
          action: 'update',
          entityType: 'mode_plan',
          entityId: outletId,
          outletId,
          before,
          after: summarisePlan(plan),
        },
        {
          kind: 'plan_changed',
          data: summarisePlan(plan),
          message: { 'zh-CN': '服务模式计划已更新', 'en-US': 'The mode plan was changed' },
        },
      ];
    });
    this.states.delete(outletId);
    await this.checkMode(outletId);
    return plan;
  }

  /** A manual mode until `until` (default: the end of the Shanghai day), or back to the plan. */
  async overrideMode(
    actor: Actor,
    outletId: string,
    input: { mode: Mode | 'plan'; reason: string; until?: string },
  ) {
    await this.allowed(actor, outletId, lobbyPolicy.operates);
    const st = await this.state(outletId);
    await this.change(actor, outletId, async (trx, now) => {
      const from = await this.modeAt(trx, outletId, st.plan, now);
      const nowIso = now.toISOString();
      let to: Mode;
      if (input.mode === 'plan') {
        if (from.source !== 'override') throw new DomainError('MODE_OVERRIDE_NONE');
        await repo.clearOverrides(trx, outletId, nowIso);
        to = planMode(st.plan, now.getTime());
      } else {
        const until = input.until
          ? new Date(input.until).toISOString()
          : new Date(dayStart(shanghaiDay(now.getTime())) + DAY_MS).toISOString();
        if (until <= nowIso)
          throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.until', code: 'IN_THE_PAST' }]);
        await repo.clearOverrides(trx, outletId, nowIso);
        await repo.insertOverride(trx, {
          id: newId(now.getTime()),
          outlet_id: outletId,
          mode: input.mode,
          reason: input.reason,
          from_at: nowIso,
          until_at: until,
          cleared_at: null,
          created_by: actor.userId,
        });
        to = input.mode;
      }
      await this.writeSettings(trx, outletId, now, { current_mode: to });
      const data = {
        from: from.mode,
        to,
        source: input.mode === 'plan' ? 'plan' : 'override',
        reason: input.reason,
        until: input.until ?? null,
      };
      return [
        null,
        {
          action: 'mode_switch',
          entityType: 'lobby_mode',
          entityId: outletId,
          outletId,
          before: { mode: from.mode },
          after: data,
        },
        { kind: 'mode_switch', data, message: modeMessage(from.mode, to, input.reason) },
      ];
    });
    return this.buildView(outletId, actor.locale);
  }

  /** Logs a change of the mode in force (a plan slot boundary, an override that ran out). */
  async checkMode(outletId: string): Promise<void> {
    const st = await this.state(outletId);
    const switched = await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const row = await repo.findSettings(trx, outletId);
      const m = await this.modeAt(trx, outletId, st.plan, now);
      const last = (row?.current_mode as Mode | null) ?? null;
      if (last === m.mode) return false;
      await this.writeSettings(trx, outletId, now, { current_mode: m.mode });
      if (last === null && m.mode === 'fixed') return false; // the first day starts in the default mode
      const reason = m.source === 'plan' ? 'plan' : (m.reason ?? '');
      await this.log(trx, outletId, now, 'system', {
        kind: 'mode_switch',
        data: { from: last, to: m.mode, source: m.source, reason },
        message: modeMessage(last, m.mode, m.source === 'plan' ? null : reason),
      });
      return true;
    });
    if (switched) await this.afterChange(outletId);
  }

  async getRules(actor: Actor, outletId: string): Promise<BackfillRulesPut> {
    await this.visibleOutlet(this.db, actor, outletId);
    const row = await repo.findSettings(this.db, outletId);
    return { rules: row?.backfill_rules_json ? JSON.parse(row.backfill_rules_json) : [] };
  }

  async putRules(actor: Actor, outletId: string, input: BackfillRulesPut): Promise<BackfillRulesPut> {
    await this.allowed(actor, outletId, lobbyPolicy.configures);
    const posts = new Set(
      (await repo.postsWithZoneKind(this.db, outletId)).filter((p) => p.active).map((p) => p.id),
    );
    const staff = new Set((await repo.activeStaff(this.db, outletId)).map((s) => s.id));
    const fields: { field: string; code: string; params?: Record<string, string> }[] = [];
    const rules: BackfillRule[] = input.rules.map((r, i) => {
      if (!posts.has(r.postId))
        fields.push({
          field: `body.rules.${i}.postId`,
          code: 'UNKNOWN_REFERENCE',
          params: { value: r.postId },
        });
      r.backups.forEach((b, j) => {
        if (b.staffId && !staff.has(b.staffId))
          fields.push({
            field: `body.rules.${i}.backups.${j}.staffId`,
            code: 'UNKNOWN_REFERENCE',
            params: { value: b.staffId },
          });
      });
      return { ...r, id: r.id ?? newId() };
    });
    if (new Set(rules.map((r) => r.id)).size !== rules.length)
      fields.push({ field: 'body.rules', code: 'DUPLICATE_ID' });
    if (fields.length) throw new DomainError('VALIDATION_FAILED', {}, fields);
    await this.change(actor, outletId, async (trx, now) => {
      const row = await this.writeSettings(trx, outletId, now, {
        backfill_rules_json: rules.length ? JSON.stringify(rules) : null,
      });
      const before = row?.backfill_rules_json ? { rules: JSON.parse(row.backfill_rules_json) } : null;
      return [
        null,
        {
          action: 'update',
          entityType: 'backfill_rules',
          entityId: outletId,
          outletId,
          before,
          after: { rules },
        },
        {
          kind: 'rules_changed',
          data: { rules: rules.length },
          message: {
            'zh-CN': `补位规则已更新（${rules.length} 条）`,
            'en-US': `Backfill rules changed (${rules.length})`,
          },
        },
      ];
    });
    this.states.delete(outletId);
    await this.evaluate(outletId);
    return { rules };
  }

  // ---------------------------------------------------------------- backfill prompts
  /**
   * The periodic work (every LOBBY_TICK_SECONDS): mode changes, prompt time-outs and rules of the
   * outlets with a lobby set-up (rules, a plan or a mode set by hand); others have nothing to do.
   */
  async tick(): Promise<void> {
    for (const id of await repo.configuredOutlets(this.db)) {
      await this.checkMode(id);
      await this.evaluate(id);
    }
  }

  /** Evaluates an outlet's rules now; runs one at a time per outlet in this process. */
  evaluate(outletId: string): Promise<void> {
    const prev = this.evaluations.get(outletId) ?? Promise.resolve();
    const next = prev.then(() => this.evaluateNow(outletId));
    const tracked = next.catch((err) => this.onError(err));
    this.evaluations.set(outletId, tracked);
    void tracked.then(() => {
      if (this.evaluations.get(outletId) === tracked) this.evaluations.delete(outletId);
    });
    return next;
  }

  private async evaluateNow(outletId: string): Promise<void> {
    const st = await this.state(outletId);
    const now = this.clock.now();
    const openRows = await repo.openPrompts(this.db, outletId);
    if (!st.rules.length && !openRows.length) return;
    const [postRows, staffRows, types, presence, triedRows] = await Promise.all([
      repo.postsWithZoneKind(this.db, outletId),
      repo.activeStaff(this.db, outletId),
      repo.activeBusinessTypes(this.db),
      repo.openCheckins(this.db, outletId, st.day),
      repo.promptsOfActivations(this.db, [...new Set(openRows.map((p) => p.activation_id))]),
    ]);
    const posts = new Map<string, PostInfo>();
    for (const p of postRows) {
      const zoneKind = p.kind === 'super_counter' ? 'super_counter' : p.zone_kind;
      posts.set(p.id, {
        id: p.id,
        name: p.name,
        areaName: p.zone_name ?? p.name,
        businessTypes: types
          .filter((t) => p.kind === 'welcome' || t.default_zone_kind === zoneKind)
          .map((t) => t.code),
      });
    }
    const staff = staffRows.map((s) => ({
      id: s.id,
      name: s.name,
      roles: JSON.parse(s.roles) as string[],
      homePostId: s.home_post_id,
    }));
    const snapshot = st.fold.snapshot(now.getTime());
    const open = new Map<string, OpenPrompt>();
    for (const p of openRows)
      if (p.kind === 'backfill')
        open.set(p.rule_id, {
          id: p.id,
          ruleId: p.rule_id,
          activationId: p.activation_id,
          staffId: p.staff_id,
          postId: p.post_id,
          attempt: p.attempt,
          status: p.status as OpenPrompt['status'],
          expiresAt: p.expires_at ? Date.parse(p.expires_at) : null,
        });
    const tried = new Map<string, Set<string>>();
    for (const r of triedRows)
      tried.set(r.activation_id, (tried.get(r.activation_id) ?? new Set()).add(r.staff_id));
    const ruleIds = new Set(st.rules.map((r) => r.id));
    const actions = evaluateRules({
      now: now.getTime(),
      // Rules removed since a prompt opened close their chain as if the trigger had cleared.
      rules: [
        ...st.rules,
        ...[...open.values()].filter((p) => !ruleIds.has(p.ruleId)).map((p) => orphanRule(p)),
      ],
      posts,
      staff,
      presence: new Map(presence.map((p) => [p.staff_id, p.post_id])),
      waitingByType: new Map(snapshot.waitingByType.map((w) => [w.businessType, w])),
      open,
      tried,
    });
    if (!actions.length) return;
    const byId = new Map(openRows.map((p) => [p.id, p]));
    const name = (id: string) => staff.find((s) => s.id === id)?.name ?? id;
    const nowIso = now.toISOString();
    const day = shanghaiDay(now.getTime());
    const timeoutMs = st.settings.promptTimeoutSeconds * 1000;
    await this.db.transaction().execute(async (trx) => {
      for (const a of actions) {
        if (a.type === 'expire') {
          const p = byId.get(a.promptId)!;
          if (
            !(await repo.transitionPrompt(trx, a.promptId, 'pending', {
              status: 'expired',
              answered_at: nowIso,
            }))
          )
            continue;
          await this.log(trx, outletId, now, 'system', {
            kind: 'prompt_expired',
            data: { promptId: p.id, ruleId: p.rule_id, staffId: p.staff_id },
            message: {
              'zh-CN': `${name(p.staff_id)} 未在时限内响应补位提示`,
              'en-US': `${name(p.staff_id)} did not answer the backfill prompt in time`,
            },
          });
        } else if (a.type === 'cancel' || a.type === 'close') {
          const status = a.type === 'cancel' ? 'cancelled' : (byId.get(a.promptId)?.status ?? 'done');
          await repo.updatePrompt(trx, a.promptId, { status, open_key: null });
          if (a.type === 'cancel')
            await this.log(trx, outletId, now, 'system', {
              kind: 'prompt_cancelled',
              data: { promptId: a.promptId },
              message: {
                'zh-CN': '触发条件已解除，补位提示取消',
                'en-US': 'The trigger cleared; the prompt was withdrawn',
              },
            });
        } else if (a.type === 'return') {
          const p = byId.get(a.promptId)!;
          const data = JSON.parse(p.data_json) as { fromPostId?: string | null };
          const home = data.fromPostId ?? staffRows.find((s) => s.id === a.staffId)?.home_post_id ?? null;
          await repo.updatePrompt(trx, a.promptId, { status: 'returned', open_key: null });
          const post = posts.get(a.postId) ?? {
            id: a.postId,
            name: a.postId,
            areaName: a.postId,
            businessTypes: [],
          };
          const msg = renderReturn(name(a.staffId), home ? (posts.get(home)?.name ?? home) : '-', post);
          await repo.insertPrompt(trx, {
            id: newId(now.getTime()),
            outlet_id: outletId,
            day,
            rule_id: a.ruleId,
            activation_id: p.activation_id,
            kind: 'return',
            post_id: home ?? a.postId,
            staff_id: a.staffId,
            attempt: p.attempt,
            status: 'pending',
            open_key: null,
            data_json: JSON.stringify({ fromPostId: a.postId, homePostId: home }),
            message_zh: msg['zh-CN'],
            message_en: msg['en-US'],
            created_at: nowIso,
            expires_at: null,
            answered_at: null,
            answered_by: null,
          });
          await this.log(trx, outletId, now, 'system', {
            kind: 'return',
            data: { staffId: a.staffId, postId: a.postId, homePostId: home },
            message: msg,
          });
        } else {
          const post = posts.get(a.postId)!;
          const msg = renderPrompt(name(a.staffId), post, a.reason);
          if (a.previousId) await repo.updatePrompt(trx, a.previousId, { open_key: null });
          const id = newId(now.getTime());
          const from = presence.find((p) => p.staff_id === a.staffId)?.post_id ?? null;
          const data = {
            ...a.reason,
            postName: post.name,
            areaName: post.areaName,
            staffName: name(a.staffId),
            fromPostId: from,
          };
          const inserted = await repo.insertPrompt(trx, {
            id,
            outlet_id: outletId,
            day,
            rule_id: a.ruleId,
            activation_id: a.activationId ?? id,
            kind: 'backfill',
            post_id: a.postId,
            staff_id: a.staffId,
            attempt: a.attempt,
            status: 'pending',
            open_key: `${outletId}:${a.ruleId}`,
            data_json: JSON.stringify(data),
            message_zh: msg['zh-CN'],
            message_en: msg['en-US'],
            created_at: nowIso,
            expires_at: new Date(now.getTime() + timeoutMs).toISOString(),
            answered_at: null,
            answered_by: null,
          });
          if (!inserted) continue; // another process prompted for this rule first
          await this.log(trx, outletId, now, 'system', {
            kind: 'prompt',
            data: {
              promptId: id,
              ruleId: a.ruleId,
              staffId: a.staffId,
              postId: a.postId,
              attempt: a.attempt,
              ...a.reason,
            },
            message: msg,
          });
        }
      }
    });
    await this.afterChange(outletId);
  }

  async answerPrompt(actor: Actor, outletId: string, promptId: string, answer: 'ack' | 'decline') {
    await this.allowed(actor, outletId, lobbyPolicy.answersPrompts);
    await this.change(actor, outletId, async (trx, now) => {
      const p = await repo.findPrompt(trx, outletId, promptId);
      if (!p) throw notFound('prompt');
      const status = answer === 'ack' ? (p.kind === 'return' ? 'done' : 'acknowledged') : 'declined';
      const ok = await repo.transitionPrompt(trx, p.id, 'pending', {
        status,
        answered_at: now.toISOString(),
        answered_by: actor.userId,
      });
      if (!ok) throw new DomainError('PROMPT_ALREADY_ANSWERED', { status: p.status });
      let move: LogInput | null = null;
      if (answer === 'ack') move = await this.moveTo(trx, outletId, p.staff_id, p.post_id, now);
      const staffName = (JSON.parse(p.data_json) as { staffName?: string }).staffName ?? p.staff_id;
      const data = {
        promptId: p.id,
        kind: p.kind,
        staffId: p.staff_id,
        postId: p.post_id,
        answer,
        movedFrom: move?.data.fromPostId ?? null,
      };
      return [
        null,
        null,
        {
          kind: answer === 'ack' ? 'prompt_ack' : 'prompt_decline',
          data,
          message:
            answer === 'ack'
              ? { 'zh-CN': `已确认：${p.message_zh}`, 'en-US': `Acknowledged: ${p.message_en}` }
              : { 'zh-CN': `${staffName} 拒绝补位提示`, 'en-US': `${staffName} declined the prompt` },
        },
      ];
    });
    await this.evaluate(outletId);
    return this.buildView(outletId, actor.locale);
  }

  // ---------------------------------------------------------------- recommend
  /**
   * Both modes per half hour of one weekday, from the engine: arrivals of the last four weeks of
   * the outlet's tickets when there are enough, else the default profile (docs/lobby.md).
   */
  async recommend(actor: Actor, outletId: string, input: { weekday?: number; replications: number }) {
    const outlet = await this.allowed(actor, outletId, lobbyPolicy.operates);
    const now = this.clock.now().getTime();
    const weekday = input.weekday ?? weekSlot(now).weekday;
    const [issues, types, zones, posts, staff, settings] = await Promise.all([
      repo.issuesBetween(this.db, outletId, shanghaiDay(now - 28 * DAY_MS), shanghaiDay(now - DAY_MS)),
      repo.activeBusinessTypes(this.db),
      repo.zonesOf(this.db, outletId),
      repo.postsWithZoneKind(this.db, outletId),
      repo.activeStaff(this.db, outletId),
      repo.findSettings(this.db, outletId),
    ]);
    const history = ratesFromHistory(
      issues.map((i) => ({ at: Date.parse(i.at), businessType: i.business_type })),
      weekday,
      4,
    );
    const slots = compareModes(
      {
        name: outlet.name,
        zones: zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, capacity: z.capacity })),
        posts: posts.filter((p) => p.active).map((p) => ({ id: p.id, kind: p.kind, zoneId: p.zone_id })),
        staff: staff.map((s) => ({
          id: s.id,
          name: s.name,
          roles: JSON.parse(s.roles) as string[],
          skills: JSON.parse(s.skills) as string[],
          homePostId: s.home_post_id,
        })),
        businessTypes: types.map((t) => ({ code: t.code, defaultZoneKind: t.default_zone_kind })),
        arrivals: history ?? defaultRates(types.map((t) => t.code)),
        targetWaitMinutes: settings?.target_wait_minutes ?? DEFAULT_SETTINGS.targetWaitMinutes,
      },
      input.replications,
    );
    if (!slots) throw new DomainError('LOBBY_NO_ZONES');
    const suggestedDay: Mode[] = Array.from({ length: SLOTS_PER_DAY }, () => 'fixed');
    slots.forEach((s, k) => {
      suggestedDay[OPEN_SLOT + k] = s.better;
    });
    return {
      outletId,
      weekday,
      source: history ? ('history' as const) : ('default' as const),
      replications: input.replications,
      hours: { open: OPEN, close: CLOSE },
      slots,
      suggestedDay,
    };
  }

  // ---------------------------------------------------------------- log and replay
  async listLog(actor: Actor, outletId: string, f: LogQuery): Promise<Page<LogView>> {
    await this.visibleOutlet(this.db, actor, outletId);
    const day = f.date ?? shanghaiDay(this.clock.now().getTime());
    const { rows, total } = await repo.listLog(
      this.db,
      { outletId, day, kind: f.kind },
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return { items: rows.map((r) => presentLog(r, actor.locale)), total, page: f.page, pageSize: f.pageSize };
  }

  async exportLog(actor: Actor, outletId: string, f: LogQuery) {
    return (await this.listLog(actor, outletId, exportQuery(f))).items;
  }

  async replay(actor: Actor, outletId: string, date: string | undefined, step: number) {
    await this.visibleOutlet(this.db, actor, outletId);
    const day = date ?? shanghaiDay(this.clock.now().getTime());
    const [events, switches, prompts, settings] = await Promise.all([
      repo.dayEvents(this.db, outletId, day),
      repo.modeSwitches(this.db, outletId, day),
      repo.dayPrompts(this.db, outletId, day),
      repo.findSettings(this.db, outletId),
    ]);
    const plan: ModePlan | null = settings?.mode_plan_json ? JSON.parse(settings.mode_plan_json) : null;
    const start = dayStart(day);
    const stepMs = step * 60_000;
    const evs = events.map(toEvent);
    // 08:00–18:00 by default, widened to the first and last events.
    const first = Math.min(start + 8 * 3600_000, ...evs.map((e) => e.at));
    const last = Math.max(start + 18 * 3600_000, ...evs.map((e) => e.at + 1));
    const from = start + Math.floor((first - start) / stepMs) * stepMs;
    const to = start + Math.ceil((last - start) / stepMs) * stepMs;
    const sw = switches.map((s) => ({
      at: Date.parse(s.at),
      to: (JSON.parse(s.data_json) as { to: Mode }).to,
    }));
    const promptTimes = prompts.map((p) => Date.parse(p.created_at));
    const points = replaySeries(evs, from, to, step).map((p) => {
      const t = Date.parse(p.at);
      const lastSwitch = sw.filter((s) => s.at < t + stepMs).at(-1);
      return {
        ...p,
        mode: lastSwitch && lastSwitch.at >= from ? lastSwitch.to : planMode(plan, t),
        backfillActions: promptTimes.filter((x) => x >= t && x < t + stepMs).length,
      };
    });
    return { outletId, day, stepMinutes: step, points };
  }
}

// ---------------------------------------------------------------- pure helpers

interface LogInput {
  kind: string;
  data: Record<string, unknown>;
  message: { 'zh-CN': string; 'en-US': string };
}

export const defaultPlan = (): ModePlan => ({
  days: Array.from({ length: 7 }, () => Array.from({ length: SLOTS_PER_DAY }, () => 'fixed' as const)),
});

export function planMode(plan: ModePlan | null, ms: number): Mode {
  if (!plan) return 'fixed';
  const { weekday, slot } = weekSlot(ms);
  return plan.days[weekday]?.[slot] ?? 'fixed';
}

/** Rotating half hours per weekday: what the audit log keeps of a plan. */
const summarisePlan = (plan: ModePlan) => ({
  rotatingSlots: plan.days.map((d) => d.filter((m) => m === 'rotating').length),
});

const MODE_NAMES: Record<Mode, { 'zh-CN': string; 'en-US': string }> = {
  fixed: { 'zh-CN': '固定作业', 'en-US': 'fixed assignment' },
  rotating: { 'zh-CN': '循环补位', 'en-US': 'rotating backfill' },
};
function modeMessage(from: Mode | null, to: Mode, reason: string | null) {
  const f = from ? MODE_NAMES[from] : { 'zh-CN': '-', 'en-US': '-' };
  return {
    'zh-CN': `服务模式 ${f['zh-CN']} → ${MODE_NAMES[to]['zh-CN']}（${reason ?? '按计划'}）`,
    'en-US': `Mode ${f['en-US']} → ${MODE_NAMES[to]['en-US']} (${reason ?? 'by plan'})`,
  };
}

const orphanRule = (p: OpenPrompt): BackfillRule => ({ id: p.ruleId, postId: '', backups: [], triggers: {} });

const EVENT_MESSAGES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  MALFORMED_EVENT: {
    'zh-CN': '事件字段不完整或格式有误',
    'en-US': 'The event is missing fields or malformed',
  },
  MALFORMED_TIME: {
    'zh-CN': '时间须为带时区的 ISO-8601 格式',
    'en-US': 'The time must be ISO-8601 with an offset',
  },
  TOO_OLD: { 'zh-CN': '事件早于 7 天前', 'en-US': 'The event is more than 7 days old' },
  IN_THE_FUTURE: {
    'zh-CN': '事件时间超前 5 分钟以上',
    'en-US': 'The event is more than 5 minutes in the future',
  },
  UNKNOWN_BUSINESS_TYPE: { 'zh-CN': '未知的业务类型', 'en-US': 'Unknown business type' },
  TO_BUSINESS_TYPE_REQUIRED: {
    'zh-CN': '转移事件须指明转入的业务类型',
    'en-US': 'A transfer needs toBusinessType',
  },
};
const eventMessage = (code: string, locale: Locale) => EVENT_MESSAGES[code]?.[locale] ?? code;

export const presentToken = (r: repo.TokenRow): TokenView => ({
  id: r.id,
  outletId: r.outlet_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export const presentPrompt = (p: repo.PromptRow, locale: Locale): PromptView => ({
  id: p.id,
  kind: p.kind as PromptView['kind'],
  ruleId: p.rule_id,
  postId: p.post_id,
  staffId: p.staff_id,
  attempt: p.attempt,
  status: p.status,
  data: JSON.parse(p.data_json),
  message: locale === 'zh-CN' ? p.message_zh : p.message_en,
  messageZh: p.message_zh,
  messageEn: p.message_en,
  createdAt: p.created_at,
  expiresAt: p.expires_at,
  answeredAt: p.answered_at,
});

const presentLog = (r: repo.LogRow, locale: Locale): LogView => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  actorName: r.actor_name,
  data: JSON.parse(r.data_json),
  message: locale === 'zh-CN' ? r.message_zh : r.message_en,
  messageZh: r.message_zh,
  messageEn: r.message_en,
});

export type { Reason };

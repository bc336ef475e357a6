import { beijingDate } from '@liangdian/engine/time';
import type { LobbyLogKind } from '@liangdian/shared';
import type { LobbySettings, LobbyView, ModePlan } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { newId } from '../../../lib/ids';
import type { Locale } from '../../../lib/messages';
import type { Changes, Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import type { AuditEntryInput } from '../../audit/audit.service';
import type { LobbyBus } from '../lobby.bus';
import * as repo from '../lobby.repository';
import { planMode, planOf, presentSettings, rulesOf } from '../lobby.settings';
import { LobbyFold, type TicketEvent, type TicketKind } from '../lobby.state';
import type { BackfillRule } from '../prompts/prompt.rules';
import { presentMode, presentPresence, presentPrompt } from './live.presenter';

/** One outlet's lobby today, as this process holds it. */
export interface OutletState {
  day: string;
  fold: LobbyFold;
  settings: LobbySettings;
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

/** A line of the lobby log, written with the change it records. */
export interface LogInput {
  kind: LobbyLogKind;
  data: Record<string, unknown>;
  message: { 'zh-CN': string; 'en-US': string };
}

/** What a lobby change returns: its result, its audit entry and its lobby-log line (each optional). */
export type LobbyChange<T> = [T, AuditEntryInput | null, LogInput | null];

type Subscriber = (view: LobbyView) => void;

export interface LiveOptions {
  /** at most one push per outlet per this many milliseconds (bursts are coalesced) */
  pushIntervalMs: number;
}

export const toEvent = (r: repo.EventRow): TicketEvent => ({
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
 * The live state every lobby concern shares: per outlet, today's fold of the ticket events (kept
 * in memory, applied event by event, rebuilt from the day's events after a restart, a new day or
 * a change made by another process), the board built from it, the SSE subscribers with one push
 * per `pushIntervalMs` per outlet, the bus that tells the other processes, and the lobby log.
 */
export class LiveLobby {
  private readonly states = new Map<string, Promise<OutletState>>();
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();
  private readonly lastPush = new Map<string, number>();
  private closed = false;
  private lastLogIdMs = 0;
  /** where failures of background work (pushes, notifications) are reported; app.ts logs them */
  onError: (err: unknown) => void = () => {};

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly changes: Changes,
    readonly bus: LobbyBus,
    private readonly opts: LiveOptions,
  ) {
    bus.subscribe((outletId, fromSelf, topic) => {
      if (fromSelf || topic !== 'lobby') return;
      // Another process changed this outlet: read it again from the database.
      this.states.delete(outletId);
      this.changed(outletId);
    });
  }

  /** Today's Beijing date on the service clock. */
  today(): string {
    return beijingDate(this.clock.now());
  }

  // ---------------------------------------------------------------- the per-outlet state
  /** The outlet's in-memory state for today, (re)built from the database when needed. */
  state(outletId: string): Promise<OutletState> {
    const day = this.today();
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
      const settings = presentSettings(row, outletId);
      const fold = new LobbyFold(settings);
      fold.addAll((await repo.dayEvents(this.db, outletId, day)).map(toEvent));
      return { day, fold, settings, plan: planOf(row), rules: rulesOf(row), extras: null };
    })();
    this.states.set(outletId, loading);
    loading.catch(() => this.states.delete(outletId));
    return loading;
  }

  /** Drops the outlet's state (its settings, plan or rules changed): the next read rebuilds it. */
  forget(outletId: string): void {
    this.states.delete(outletId);
  }

  /** Folds stored events into today's state; returns the state. */
  async fold(outletId: string, rows: repo.EventRow[]): Promise<OutletState> {
    const st = await this.state(outletId);
    st.fold.addAll(rows.filter((r) => r.day === st.day).map(toEvent));
    return st;
  }

  // ---------------------------------------------------------------- the board
  /** The board of an outlet in the actor's scope, in the actor's language. */
  async view(actor: Actor, outletId: string): Promise<LobbyView> {
    await this.guard.requireOutlet(actor, outletId);
    return this.buildView(outletId, actor.locale);
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
    const inForce = override && override.until_at > nowIso && !override.cleared_at ? override : null;
    const mode = presentMode(inForce, planMode(st.plan, now.getTime()));
    return {
      outletId,
      day: st.day,
      at: nowIso,
      mode,
      ...counts,
      presence: presence.map(presentPresence),
      prompts: prompts.map((p) => presentPrompt(p, locale)),
    };
  }

  // ---------------------------------------------------------------- changes
  /**
   * A change of the lobby by a person: the work, its lobby-log line and its audit entry in one
   * transaction (Changes), then the other processes are told and the boards pushed.
   */
  async change<T>(
    actor: Actor,
    outletId: string,
    work: (trx: Q, now: Date) => Promise<LobbyChange<T>>,
  ): Promise<T> {
    const result = await this.changes.run(actor, async (trx, now) => {
      const [value, entry, log] = await work(trx, now);
      if (log) await this.log(trx, outletId, now, actor.username, log);
      return [value, entry];
    });
    await this.afterChange(outletId);
    return result;
  }

  /** Writes a lobby-log line. Ids grow strictly within a process, so lines of one instant keep their order. */
  async log(q: Q, outletId: string, at: Date, actorName: string, l: LogInput): Promise<void> {
    this.lastLogIdMs = Math.max(at.getTime(), this.lastLogIdMs + 1);
    await repo.insertLog(q, {
      id: newId(this.lastLogIdMs),
      outlet_id: outletId,
      day: beijingDate(at),
      at: at.toISOString(),
      kind: l.kind,
      actor_name: actorName,
      data_json: JSON.stringify(l.data),
      message_zh: l.message['zh-CN'],
      message_en: l.message['en-US'],
    });
  }

  /**
   * After a commit: tell the other processes and push to this process's clients. `eventsOnly`:
   * only ticket events changed (already folded), so presence, prompts and the override stay.
   */
  async afterChange(outletId: string, eventsOnly = false): Promise<void> {
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
}

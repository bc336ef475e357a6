import type { LobbyPrompt, LobbyStreamEvent, LobbyView, LobbyWaiting } from '@liangdian/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, apiUrl } from '../../api/client';

/** The board the stream's "lobby" event carries: the contract's LobbyView, as `GET …/lobby` answers it. */
type PushedBoard = Extract<LobbyStreamEvent, { event: 'lobby' }>['data'];

export interface LobbyStream {
  /** the latest state; null until the first one arrives */
  state: LobbyView | null;
  /** whether the live stream is open now (false while it reconnects) */
  connected: boolean;
  /** when (this device's clock) the latest state arrived */
  lastUpdate: Date | null;
  /** why the lobby cannot be shown at all (no such outlet, no access); null otherwise */
  error: ApiError | null;
  /** takes a state answered by an action (check-in, mode, prompt) without waiting for the push */
  apply(view: LobbyView): void;
}

const MAX_RETRY_MS = 30_000;
/** the server pings every 20 s: two missed pings and a half mean the stream is dead */
const STALE_AFTER_MS = 50_000;

/** What the connection needs of an EventSource (a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (e: { data?: string }) => void): void;
  close(): void;
}

/** EventSource.CLOSED */
const CLOSED = 2;

export interface LobbyConnectionHooks {
  /** opens the stream (`new EventSource(url, { withCredentials: true })` in the browser) */
  open(): EventSourceLike;
  /** the plain `GET …/lobby`, asked when the server refused the stream */
  fetchView(): Promise<LobbyView>;
  onView(view: LobbyView): void;
  onConnected(connected: boolean): void;
  onError(error: ApiError | null): void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /**
   * A stream silent this long is taken for dead (the server sends a "ping" event every 20 s; a
   * connection cut without an error, e.g. by a proxy or a sleeping tablet, never says so) and is
   * reopened. Off when not given.
   */
  staleAfterMs?: number;
}

/**
 * One outlet's live stream (`GET …/lobby/stream`, event "lobby", the session cookie), without
 * React. The browser's EventSource reconnects by itself after a network failure (readyState
 * CONNECTING); when the server refuses the stream (a restart in progress, an expired session, a
 * 404) it gives up (CLOSED), and this asks the plain `GET …/lobby` why — a 401 there sends the
 * user to the login page through the API client — and opens the stream again after a growing
 * delay (1 s, 2 s, 4 s … 30 s).
 */
export class LobbyConnection {
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private watchdog: unknown = null;
  private attempt = 0;
  private stopped = false;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly hooks: LobbyConnectionHooks) {
    this.setTimer = hooks.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = hooks.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    this.source = null;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.disarm();
  }

  private disarm(): void {
    if (this.watchdog !== null) this.clearTimer(this.watchdog);
    this.watchdog = null;
  }

  /** (Re)starts the silence timer of the stream `es`: called whenever it says anything. */
  private alive(es: EventSourceLike): void {
    const ms = this.hooks.staleAfterMs;
    if (!ms) return;
    this.disarm();
    this.watchdog = this.setTimer(() => {
      this.watchdog = null;
      if (this.stopped || this.source !== es) return;
      es.close();
      this.source = null;
      this.hooks.onConnected(false);
      this.probe();
    }, ms);
  }

  private connect(): void {
    if (this.stopped) return;
    const es = this.hooks.open();
    this.source = es;
    this.alive(es);
    es.addEventListener('open', () => {
      if (this.stopped || this.source !== es) return;
      this.attempt = 0;
      this.alive(es);
      this.hooks.onConnected(true);
    });
    es.addEventListener('ping', () => {
      if (this.stopped || this.source !== es) return;
      this.alive(es);
    });
    es.addEventListener('lobby', (e) => {
      if (this.stopped || this.source !== es) return;
      let view: PushedBoard;
      try {
        view = JSON.parse(e.data ?? '') as PushedBoard;
      } catch {
        return;
      }
      this.attempt = 0;
      this.alive(es);
      this.hooks.onConnected(true);
      this.hooks.onError(null);
      this.hooks.onView(view);
    });
    es.addEventListener('error', () => {
      if (this.stopped || this.source !== es) return;
      this.hooks.onConnected(false);
      // CONNECTING: the browser retries by itself. CLOSED: it gave up; we take over.
      if (es.readyState === CLOSED) {
        es.close();
        this.source = null;
        this.disarm();
        this.retryLater();
      }
    });
  }

  private retryLater(): void {
    if (this.stopped) return;
    const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** this.attempt);
    this.attempt++;
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.probe();
    }, delay);
  }

  private probe(): void {
    this.hooks
      .fetchView()
      .then((view) => {
        if (this.stopped) return;
        this.hooks.onError(null);
        this.hooks.onView(view);
        this.connect();
      })
      .catch((e: unknown) => {
        if (this.stopped) return;
        if (e instanceof ApiError && (e.status === 403 || e.status === 404)) this.hooks.onError(e);
        this.retryLater();
      });
  }
}

/** The live lobby of an outlet (see `LobbyConnection`) as React state. */
export function useLobbyStream(outletId: string | undefined): LobbyStream {
  const [current, setCurrent] = useState<{ view: LobbyView; at: Date } | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const apply = useCallback((view: LobbyView) => {
    // A push and an action's answer may cross: keep the newer one.
    setCurrent((prev) =>
      prev && prev.view.outletId === view.outletId && prev.view.at > view.at
        ? prev
        : { view, at: new Date() },
    );
  }, []);

  useEffect(() => {
    if (!outletId) return;
    setCurrent(null);
    setConnected(false);
    setError(null);
    const params = { outletId };
    const connection = new LobbyConnection({
      open: () =>
        new EventSource(apiUrl('/outlets/:outletId/lobby/stream', { params }), { withCredentials: true }),
      fetchView: () => api.get('/outlets/:outletId/lobby', { params }),
      staleAfterMs: STALE_AFTER_MS,
      onView: apply,
      onConnected: setConnected,
      onError: setError,
    });
    connection.start();
    return () => connection.stop();
  }, [outletId, apply]);

  return { state: current?.view ?? null, connected, lastUpdate: current?.at ?? null, error, apply };
}

/** The current time, re-rendered every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * Minutes elapsed between a server time and now, read on the server's clock: the state carries
 * its server time `at`, and `lastUpdate` is when it arrived here, so this device's clock error
 * does not matter.
 */
export function minutesSince(iso: string, view: LobbyView, lastUpdate: Date | null, now: number): number {
  return Math.max(0, (serverNow(view, lastUpdate, now) - Date.parse(iso)) / 60_000);
}

/** The server's clock now (epoch ms): the state's time plus what has passed here since it arrived. */
export function serverNow(view: LobbyView, lastUpdate: Date | null, now: number): number {
  return Date.parse(view.at) + (lastUpdate ? Math.max(0, now - lastUpdate.getTime()) : 0);
}

/** The longest wait of a queue now: the server's figure, run on since the state arrived. */
export function waitNow(w: LobbyWaiting, lastUpdate: Date | null, now: number): number {
  if (w.waiting === 0) return 0;
  return w.oldestWaitMinutes + (lastUpdate ? Math.max(0, now - lastUpdate.getTime()) / 60_000 : 0);
}

/** The prompt's text in the page's language (a pushed state is rendered in zh-CN by the server). */
export function promptText(p: LobbyPrompt, locale: string): string {
  return locale === 'zh-CN' ? p.messageZh : p.messageEn;
}

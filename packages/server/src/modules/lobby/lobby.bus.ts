import { EventEmitter } from 'node:events';
import pg from 'pg';
import { newId } from '../../lib/ids';

/**
 * Tells every server process that an outlet's lobby changed (after the change committed), so
 * each refreshes that outlet from the database and pushes it to its own SSE clients. The
 * publishing process is told too, with `fromSelf` set (it already holds the new state).
 */
export interface LobbyBus {
  publish(outletId: string, topic?: LobbyTopic): Promise<void>;
  subscribe(listener: BusListener): void;
  close(): Promise<void>;
}

/** What changed: the lobby (state, presence, plan, rules, prompts) or the outlet's machine tokens. */
export type LobbyTopic = 'lobby' | 'tokens';
export type BusListener = (outletId: string, fromSelf: boolean, topic: LobbyTopic) => void;

/** SQLite (one process): an in-process event emitter. */
export class InProcessLobbyBus implements LobbyBus {
  private readonly emitter = new EventEmitter();
  async publish(outletId: string, topic: LobbyTopic = 'lobby'): Promise<void> {
    this.emitter.emit('changed', outletId, true, topic);
  }
  subscribe(listener: BusListener): void {
    this.emitter.on('changed', listener);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * PostgreSQL: a dedicated client LISTENs on a channel (one per schema) and NOTIFYs
 * `outletId|processId|topic`, so across app instances every process learns of every change.
 * The client reconnects after a lost connection (changes in the gap reach clients at the
 * next event or tick).
 */
export class PgLobbyBus implements LobbyBus {
  private client: pg.Client | null = null;
  private readonly origin = newId();
  private readonly channel: string;
  private readonly listeners: BusListener[] = [];
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;

  constructor(private readonly opts: { url: string; schema?: string; onError?: (err: unknown) => void }) {
    this.channel = `liangdian_lobby_${(opts.schema ?? 'public').replace(/[^a-z0-9_]/gi, '')}`.toLowerCase();
  }

  /** Connects and LISTENs; resolves once notifications will be received. */
  start(): Promise<pg.Client> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.opts.url });
      client.on('notification', (msg) => {
        if (msg.channel !== this.channel || !msg.payload) return;
        const [outletId, origin, topic] = msg.payload.split('|');
        if (!outletId) return;
        const t: LobbyTopic = topic === 'tokens' ? 'tokens' : 'lobby';
        for (const l of this.listeners) l(outletId, origin === this.origin, t);
      });
      client.on('error', (err) => {
        this.opts.onError?.(err);
        this.client = null;
        this.connecting = null;
        if (!this.closed) setTimeout(() => void this.start().catch(this.opts.onError), 1000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  private readonly queued = new Set<string>();
  private inFlight: Promise<void> | null = null;
  private nextFlush: Promise<void> | null = null;

  /**
   * Notifications go out on the one dedicated client, one query at a time (a pg client runs one
   * query at once): outlets changed while a NOTIFY is in flight are sent together in the next.
   */
  publish(outletId: string, topic: LobbyTopic = 'lobby'): Promise<void> {
    this.queued.add(`${outletId}|${this.origin}|${topic}`);
    if (!this.inFlight) return this.flush();
    this.nextFlush ??= this.inFlight
      .catch(() => {})
      .then(() => {
        this.nextFlush = null;
        return this.flush();
      });
    return this.nextFlush;
  }

  private flush(): Promise<void> {
    const payloads = [...this.queued];
    this.queued.clear();
    if (!payloads.length) return Promise.resolve();
    const sent = this.notify(payloads).finally(() => {
      if (this.inFlight === sent) this.inFlight = null;
    });
    this.inFlight = sent;
    return sent;
  }

  private async notify(payloads: string[]): Promise<void> {
    const client = this.client ?? (await this.start());
    await client.query('select pg_notify($1, p) from unnest($2::text[]) as p', [this.channel, payloads]);
  }

  subscribe(listener: BusListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.client = null;
    await c?.end().catch(() => {});
  }
}

import type { LobbyView } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { type EventSourceLike, LobbyConnection, serverNow, waitNow } from './useLobbyStream';

/** An EventSource the test drives: it fires what the browser would. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((e: { data?: string }) => void)[]>();
  addEventListener(type: string, listener: (e: { data?: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: string) {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
}

const view = (at: string, arrivals = 0) => ({ outletId: 'o1', at, arrivals }) as LobbyView;

function setup(fetchView: () => Promise<LobbyView>, staleAfterMs?: number) {
  const sources: FakeSource[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const log = { views: [] as LobbyView[], connected: [] as boolean[], errors: [] as (ApiError | null)[] };
  const connection = new LobbyConnection({
    open: () => {
      const s = new FakeSource();
      sources.push(s);
      return s;
    },
    fetchView,
    onView: (v) => log.views.push(v),
    onConnected: (c) => log.connected.push(c),
    onError: (e) => log.errors.push(e),
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
    ...(staleAfterMs ? { staleAfterMs } : {}),
  });
  return { connection, sources, timers, log };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LobbyConnection', () => {
  it('takes a stream silent past the limit for dead: closes it, fetches the state, reopens', async () => {
    const { connection, sources, timers, log } = setup(
      () => Promise.resolve(view('2026-11-02T01:05:00.000Z', 7)),
      50_000,
    );
    connection.start();
    sources[0]!.emit('open');
    sources[0]!.emit('ping', '{}');
    // every message restarts the silence timer: only the latest one is armed
    const armed = () => timers.filter((t) => !t.cleared && t.ms === 50_000);
    expect(armed()).toHaveLength(1);
    armed()[0]!.fn(); // 50 s without a word
    expect(sources[0]!.closed).toBe(true);
    expect(log.connected.at(-1)).toBe(false);
    await flush();
    expect(log.views.map((v) => v.arrivals)).toEqual([7]);
    expect(sources).toHaveLength(2);
    sources[1]!.emit('open');
    expect(log.connected.at(-1)).toBe(true);
  });

  it('passes each pushed state on and reports the connection', () => {
    const { connection, sources, log } = setup(() => Promise.reject(new Error('not asked')));
    connection.start();
    expect(sources).toHaveLength(1);
    sources[0]!.emit('open');
    sources[0]!.emit('lobby', JSON.stringify(view('2026-11-02T01:00:00.000Z', 3)));
    sources[0]!.emit('lobby', 'not json');
    expect(log.connected).toEqual([true, true]);
    expect(log.views.map((v) => v.arrivals)).toEqual([3]);
  });

  it('leaves a network failure to the browser, which reconnects by itself', () => {
    const { connection, sources, timers, log } = setup(() => Promise.reject(new Error('not asked')));
    connection.start();
    sources[0]!.emit('open');
    sources[0]!.readyState = 0; // CONNECTING
    sources[0]!.emit('error');
    expect(log.connected).toEqual([true, false]);
    expect(timers).toHaveLength(0);
    sources[0]!.emit('open');
    expect(log.connected).toEqual([true, false, true]);
    expect(sources).toHaveLength(1);
  });

  it('when the server refuses the stream, asks why and reopens with a growing delay', async () => {
    let answer: () => Promise<LobbyView> = () =>
      Promise.reject(new ApiError(404, 'NOT_FOUND', 'outlet not found'));
    const { connection, sources, timers, log } = setup(() => answer());
    connection.start();
    sources[0]!.readyState = 2; // CLOSED: the browser gave up
    sources[0]!.emit('error');
    expect(sources[0]!.closed).toBe(true);
    expect(timers.map((t) => t.ms)).toEqual([1000]);

    timers[0]!.fn();
    await flush();
    expect(log.errors.at(-1)?.status).toBe(404);
    expect(timers.map((t) => t.ms)).toEqual([1000, 2000]);
    timers[1]!.fn();
    await flush();
    expect(timers.map((t) => t.ms)).toEqual([1000, 2000, 4000]);
    expect(sources).toHaveLength(1);

    answer = () => Promise.resolve(view('2026-11-02T01:00:05.000Z', 7));
    timers[2]!.fn();
    await flush();
    expect(log.errors.at(-1)).toBeNull();
    expect(log.views.at(-1)?.arrivals).toBe(7);
    expect(sources).toHaveLength(2);
    // a good connection resets the delay
    sources[1]!.emit('open');
    sources[1]!.readyState = 2;
    sources[1]!.emit('error');
    expect(timers.at(-1)?.ms).toBe(1000);
  });

  it('does nothing more once stopped', async () => {
    const { connection, sources, timers, log } = setup(() =>
      Promise.resolve(view('2026-11-02T01:00:00.000Z')),
    );
    connection.start();
    sources[0]!.readyState = 2;
    sources[0]!.emit('error');
    connection.stop();
    timers[0]!.fn();
    await flush();
    expect(sources).toHaveLength(1);
    expect(log.views).toHaveLength(0);
  });
});

describe('clock helpers', () => {
  it('runs the server clock on from when the state arrived, whatever this device’s clock says', () => {
    const v = view('2026-11-02T01:00:00.000Z');
    const arrived = new Date('2030-01-01T00:00:00.000Z'); // this device's clock is years off
    expect(serverNow(v, arrived, arrived.getTime() + 90_000)).toBe(Date.parse('2026-11-02T01:01:30.000Z'));
    // a minute later the oldest waits a minute longer; an empty queue stays at zero
    for (const [waiting, oldestWaitMinutes, expected] of [
      [2, 4, 5],
      [0, 0, 0],
    ] as const) {
      const queue = { businessType: 'cash', waiting, oldestWaitMinutes };
      expect(waitNow(queue, arrived, arrived.getTime() + 60_000)).toBe(expected);
    }
  });
});

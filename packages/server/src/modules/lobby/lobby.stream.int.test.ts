import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { testConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { ManualClock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import {
  DB_KIND,
  login,
  makeBranchWithOutlets,
  makeTestApp,
  type TestApp,
  freshPgSchema,
} from '../../test/harness';
import { PgLobbyBus } from './lobby.bus';

interface Board {
  arrivals: number;
  waiting: number;
}

/** An SSE client (fetch with a reader): SSE through app.inject() does not stream. */
async function openStream(base: string, path: string, cookie: string) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}${path}`, {
    headers: { cookie: `ld_session=${cookie}` },
    signal: ctrl.signal,
  });
  const received: Board[] = [];
  if (res.status !== 200 || !res.body)
    return { status: res.status, received, next: async () => null, close: () => ctrl.abort() };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const wake: { fn: (() => void) | null } = { fn: null };
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: lobby') && data) received.push(JSON.parse(data.slice(6)));
          i = buf.indexOf('\n\n');
        }
        wake.fn?.();
      }
    } catch {
      // aborted
    }
  })();
  /** The first board (from `from` on) that satisfies `pred`, or null after `ms`. */
  const next = async (pred: (b: Board) => boolean, ms = 3000, from = 0): Promise<Board | null> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = received.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) return null;
      await new Promise<void>((resolve) => {
        wake.fn = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  return { status: res.status, received, next, close: () => ctrl.abort() };
}

const issued = (i: number) => ({
  eventId: `e-${i}-${newId()}`,
  ticket: `A${i}`,
  businessType: 'cash',
  kind: 'issued',
  at: '2026-11-02T08:59:00+08:00',
});

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return `http://127.0.0.1:${addr.port}`;
}

describe('live lobby: Server-Sent Events', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(() => t.close());

  it('sends the board on connect and on every change, coalescing bursts; scope enforced', async () => {
    const cast = await makeBranchWithOutlets(t);
    const head = await login(t, 'head.a');
    const token = (await head.post(`/api/v1/outlets/${cast.outletA}/machine-tokens`, { name: 'm' })).json()
      .token;
    const base = await listen(t.app);

    const other = await openStream(base, `/api/v1/outlets/${cast.outletB}/lobby/stream`, head.cookie);
    expect(other.status).toBe(404);
    const anon = await openStream(base, `/api/v1/outlets/${cast.outletA}/lobby/stream`, 'nobody');
    expect(anon.status).toBe(401);

    const s = await openStream(base, `/api/v1/outlets/${cast.outletA}/lobby/stream`, head.cookie);
    expect(s.status).toBe(200);
    expect(await s.next((b) => b.arrivals === 0)).not.toBeNull();
    const ingest = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/outlets/${cast.outletA}/ticket-events`,
        headers: { authorization: `Bearer ${token}` },
        payload: { events: [issued(i)] },
      });
    await ingest(1);
    expect(await s.next((b) => b.arrivals === 1)).not.toBeNull();

    // A burst of ten batches reaches the client as far fewer pushes, ending with all ten.
    const before = s.received.length;
    for (let i = 2; i <= 11; i++) await ingest(i);
    expect(await s.next((b) => b.arrivals === 11, 3000, before)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(s.received.length - before).toBeLessThanOrEqual(4);
    s.close();
  });
});

describe.skipIf(DB_KIND !== 'postgres')(
  'live lobby across server processes (PostgreSQL LISTEN/NOTIFY)',
  () => {
    it('an event ingested by one app instance reaches the SSE clients of another', async () => {
      const { url, schema } = await freshPgSchema();
      const clock = new ManualClock();
      const dbA = openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
      const dbB = openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
      const busA = new PgLobbyBus({ url, schema });
      const busB = new PgLobbyBus({ url, schema });
      await Promise.all([busA.start(), busB.start()]);
      const appA = await buildApp({ config: testConfig(), database: dbA, clock, lobbyBus: busA });
      const appB = await buildApp({
        config: testConfig(),
        database: dbB,
        clock,
        lobbyBus: busB,
        migrate: false,
      });
      const tA: TestApp = { app: appA, clock, database: dbA, close: async () => {} };
      const tB: TestApp = { app: appB, clock, database: dbB, close: async () => {} };
      let stream: Awaited<ReturnType<typeof openStream>> | null = null;
      try {
        const cast = await makeBranchWithOutlets(tA);
        const headA = await login(tA, 'head.a');
        const headB = await login(tB, 'head.a');
        const token = (
          await headA.post(`/api/v1/outlets/${cast.outletA}/machine-tokens`, { name: 'm' })
        ).json().token;
        const base = await listen(appB);
        stream = await openStream(base, `/api/v1/outlets/${cast.outletA}/lobby/stream`, headB.cookie);
        expect(await stream.next((b) => b.arrivals === 0)).not.toBeNull();

        const started = Date.now();
        const res = await appA.inject({
          method: 'POST',
          url: `/api/v1/outlets/${cast.outletA}/ticket-events`,
          headers: { authorization: `Bearer ${token}` },
          payload: { events: [issued(1), issued(2)] },
        });
        expect(res.json().accepted).toBe(2);
        const seen = await stream.next((b) => b.arrivals === 2, 5000);
        expect(seen).toMatchObject({ arrivals: 2, waiting: 2 });
        expect(Date.now() - started).toBeLessThan(2000);
        // B's own GET agrees (its cache was refreshed from the database).
        expect((await headB.get(`/api/v1/outlets/${cast.outletA}/lobby`)).json().arrivals).toBe(2);

        // A token revoked through A stops working in B at once, though B had it cached.
        const postToB = (i: number) =>
          appB.inject({
            method: 'POST',
            url: `/api/v1/outlets/${cast.outletA}/ticket-events`,
            headers: { authorization: `Bearer ${token}` },
            payload: { events: [issued(i)] },
          });
        expect((await postToB(3)).statusCode).toBe(200);
        const tokenId = (await headA.get(`/api/v1/outlets/${cast.outletA}/machine-tokens`)).json().items[0]
          .id;
        expect(
          (await headA.post(`/api/v1/outlets/${cast.outletA}/machine-tokens/${tokenId}/revoke`, {}))
            .statusCode,
        ).toBe(200);
        const revokedAt = Date.now();
        let status = 200;
        while (status === 200 && Date.now() - revokedAt < 4000) {
          await new Promise((r) => setTimeout(r, 50));
          status = (await postToB(4)).statusCode;
        }
        expect(status).toBe(401);
        // well inside the 5 s a cached token would otherwise live
        expect(Date.now() - revokedAt).toBeLessThan(2000);
      } finally {
        stream?.close();
        await appA.close();
        await appB.close();
        await busA.close();
        await busB.close();
        await sql`drop schema ${sql.id(schema)} cascade`.execute(dbA.db).catch(() => {});
        await dbA.close();
        await dbB.close();
      }
    });
  },
);

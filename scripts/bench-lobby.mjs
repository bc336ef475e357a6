#!/usr/bin/env node
// `node scripts/bench-lobby.mjs [EVENTS_PER_OUTLET]` (npm run bench:lobby): the live lobby under load.
// 1,000 outlets, each with its machine token, post ticket events at once in batches of 50 through
// the public ticket-events API of a listening server, while 500 SSE clients (one per outlet, on
// half of the outlets) watch their boards. On SQLite (a temp file), and on PostgreSQL when
// TEST_DATABASE_URL or DATABASE_URL is a postgres:// URL (a throwaway schema, LISTEN/NOTIFY bus).
// Targets: ≥ 5,000 events/s ingested; event-to-board delivery p99 < 250 ms. The server runs in a
// worker thread (its own event loop), the senders and the SSE clients in the main thread.
// Two phases, each EVENTS_PER_OUTLET events per outlet:
//  1. ingestion: as fast as the server takes them (BENCH_LOBBY_CONCURRENCY requests in flight,
//     default 16) → events/s. Latency here is mostly queueing, and is printed for information.
//  2. delivery: open loop at the target rate (BENCH_LOBBY_RATE events/s, default 5,000: a batch is
//     sent when due, whether or not earlier ones were answered) → the time from a POST being due
//     (send-to-board) and from its answer (ack-to-board) to the first SSE board counting the batch.
// Prints two lines per database:
//   bench lobby-ingest db=sqlite outlets=1000 sse=500 events=100000 events/s=… target>=5000 ok
//   bench lobby-delivery db=sqlite offered=5000/s achieved=…/s … send-to-board p50=… p99=… ms … target p99<250 ok
// BENCH_DEBUG=1 adds the slowest deliveries and the server's push lag.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { importFromSources } from './build.mjs';

const OUTLETS = 1000;
const WATCHED = 500;
const PER_OUTLET = Number(process.argv[2] ?? process.env.BENCH_LOBBY_EVENTS ?? 100);
const BATCH = 50;
const CONCURRENCY = Number(process.env.BENCH_LOBBY_CONCURRENCY ?? 16);
const RATE = Number(process.env.BENCH_LOBBY_RATE ?? 5000);
const work = isMainThread ? mkdtempSync(join(tmpdir(), 'liangdian-bench-lobby-')) : '';

const entry = `
export { buildApp } from './packages/server/src/app';
export { testConfig } from './packages/server/src/config';
export { openDatabase } from './packages/server/src/db/database';
export { argon2Hasher } from './packages/server/src/lib/passwords';
export { newId } from './packages/server/src/lib/ids';
export { PgLobbyBus } from './packages/server/src/modules/lobby/lobby.bus';
export { toBeijingIso } from './packages/engine/src/time/beijing';
export * as org from './packages/server/src/modules/org/org.repository';
export * as users from './packages/server/src/modules/users/users.repository';
export * as lobby from './packages/server/src/modules/lobby/lobby.repository';
`;
// The worker thread imports the bundle the main thread made.
const m = await importFromSources('bench-lobby-entry.mjs', entry, { build: isMainThread });

const transit = [];
const quantile = (xs, q) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] : NaN;

async function seed(db) {
  const now = new Date().toISOString();
  const branchId = m.newId();
  await m.org.insertBranch(db, {
    id: branchId,
    code: 'BENCH',
    name: '压测分行',
    bank_name: '测试银行',
    created_at: now,
  });
  await m.org.insertMany(db, 'business_types', [
    {
      id: m.newId(),
      code: 'cash',
      name_zh: '现金',
      name_en: 'Cash',
      default_zone_kind: 'cash',
      active: 1,
      created_at: now,
      updated_at: now,
    },
  ]);
  const outlets = Array.from({ length: OUTLETS }, (_, i) => ({
    id: m.newId(),
    branch_id: branchId,
    code: `B${String(i).padStart(4, '0')}`,
    name: `压测支行${i}`,
    address: '',
    phone: '',
    pilot: 0,
    active: 1,
    staff_count: 0,
    zone_count: 0,
    created_at: now,
    updated_at: now,
  }));
  await m.org.insertMany(db, 'outlets', outlets);
  const tokens = [];
  for (const o of outlets) {
    const token = `ldm_${randomBytes(24).toString('base64url')}`;
    tokens.push(token);
    await m.lobby.insertToken(db, {
      id: m.newId(),
      outlet_id: o.id,
      name: 'bench',
      token_hash: createHash('sha256').update(token).digest('hex'),
      prefix: token.slice(0, 8),
      created_by: null,
      created_at: now,
      revoked_at: null,
      last_used_at: null,
    });
  }
  const password = 'bench-password-1!';
  const admin = {
    id: m.newId(),
    username: 'bench-admin',
    display_name: 'bench',
    role: 'admin',
    branch_id: branchId,
    outlet_id: null,
    staff_id: null,
    password_hash: await m.argon2Hasher.hash(password),
  };
  await m.users.insert(db, m.users.newUserRow(admin, now));
  return { outlets, tokens, password };
}

function request(port, agent, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

/** One SSE client; calls onBoard(eventsCount) for every board received. */
function watch(port, path, cookie, onBoard) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { cookie }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buf += chunk;
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data && block.startsWith('event: lobby')) {
            const b = JSON.parse(data.slice(6));
            if (process.env.BENCH_DEBUG) transit.push(Date.now() - Date.parse(b.at));
            onBoard(b.events);
          }
          i = buf.indexOf('\n\n');
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', reject);
  });
}

/** The server side, in a worker thread: the app on its own event loop, like a real server. */
async function serve({ target, label, usePgBus }) {
  const bus = usePgBus ? new m.PgLobbyBus({ url: target.url, schema: target.schema }) : null;
  if (bus) await bus.start();
  const database = m.openDatabase(target);
  const app = await m.buildApp({
    config: m.testConfig({
      bodyLimitBytes: 4 * 1024 * 1024,
      loginRatePerMinute: 100000,
      sessionIdleMinutes: 600,
    }),
    database,
    ...(bus ? { lobbyBus: bus } : {}),
  });
  const { outlets, tokens, password } = await seed(database.db);
  if (process.env.BENCH_DEBUG) {
    // the live state: the board's build, the push schedule and the SSE subscribers
    const lobby = app.services.lobby.live;
    const bv = lobby.buildView.bind(lobby);
    const slow = [];
    lobby.buildView = async (...a) => {
      const t = performance.now();
      const v = await bv(...a);
      const d = performance.now() - t;
      if (d > 50) slow.push(Math.round(d));
      return v;
    };
    const timers = [];
    const calledAt = new Map();
    const pushLag = [];
    const ch = lobby.changed.bind(lobby);
    lobby.changed = (id) => {
      if (!calledAt.has(id)) calledAt.set(id, performance.now());
      ch(id);
    };
    const sub = lobby.subscribe.bind(lobby);
    lobby.subscribe = (id, send) =>
      sub(id, (v) => {
        const c = calledAt.get(id);
        if (c !== undefined) pushLag.push(Math.round(performance.now() - c));
        calledAt.delete(id);
        send(v);
      });
    const st = globalThis.setTimeout;
    setInterval(() => {
      const t = performance.now();
      st(() => timers.push(Math.round(performance.now() - t)), 0);
    }, 100).unref();
    parentPort.on('message', (msg) => {
      if (msg === 'close')
        console.log(
          'slow buildView',
          slow.length,
          slow.slice(0, 20).join(' '),
          'push lag p50/p99/max',
          [...pushLag].sort((a, b) => a - b)[Math.floor(pushLag.length / 2)],
          [...pushLag].sort((a, b) => a - b)[Math.floor(pushLag.length * 0.99)],
          pushLag.reduce((a, b) => Math.max(a, b), 0),
          'loop lag max',
          timers.reduce((a, b) => Math.max(a, b), 0),
          'p99',
          [...timers].sort((a, b) => a - b)[Math.floor(timers.length * 0.99)],
        );
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  parentPort.postMessage({
    port: app.server.address().port,
    outletIds: outlets.map((o) => o.id),
    tokens,
    password,
    label,
  });
  parentPort.once('message', async () => {
    await app.close();
    await bus?.close();
    await database.close();
    parentPort.postMessage('closed');
  });
}

async function run(target, label, usePgBus = false) {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { target, label, usePgBus } });
  const ready = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const { port, outletIds, tokens, password } = ready;
  try {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const login = await request(
      port,
      agent,
      'POST',
      '/api/v1/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'bench-admin', password }),
    );
    const cookie = String(login.headers['set-cookie']).split(';')[0];

    // 500 boards, one per watched outlet; pending deliveries per outlet: [eventsAfterBatch, sentAt, ackedAt].
    const pending = new Map();
    const latencies = [];
    const afterAck = [];
    const closers = [];
    for (let i = 0; i < WATCHED; i++) {
      const id = outletIds[i];
      pending.set(id, []);
      closers.push(
        await watch(port, `/api/v1/outlets/${id}/lobby/stream`, cookie, (events) => {
          const list = pending.get(id);
          const now = performance.now();
          while (list.length && list[0][0] <= events) {
            const [, sentAt, ack] = list.shift();
            latencies.push(now - sentAt);
            afterAck.push(Math.max(0, now - (ack.at ?? now)));
          }
        }),
      );
    }

    // The work: per outlet, events (tickets issued, called, ended) in batches of 50, in rounds
    // over all outlets; `from`..`to` are the per-outlet event numbers of a phase.
    const t0 = Date.now() - 60_000;
    const makeJobs = (from, to) => {
      const jobs = [];
      for (let r = from; r < to; r += BATCH)
        for (let o = 0; o < OUTLETS; o++) {
          const events = [];
          for (let k = r; k < Math.min(to, r + BATCH); k++) {
            const ticket = `A${Math.floor(k / 3)}`;
            const kind = ['issued', 'called', 'ended'][k % 3];
            events.push({
              eventId: `b-${o}-${k}`,
              ticket,
              businessType: 'cash',
              kind,
              at: m.toBeijingIso(t0 + k * 100),
              counter: '1',
            });
          }
          jobs.push({ o, body: JSON.stringify({ events }), after: Math.min(to, r + BATCH) });
        }
      return jobs;
    };
    let accepted = 0;
    let failures = 0;
    const send = async (job) => {
      const id = outletIds[job.o];
      const ack = { at: null };
      if (job.o < WATCHED) pending.get(id).push([job.after, performance.now(), ack]);
      const res = await request(
        port,
        agent,
        'POST',
        `/api/v1/outlets/${id}/ticket-events`,
        { 'content-type': 'application/json', authorization: `Bearer ${tokens[job.o]}` },
        job.body,
      );
      ack.at = performance.now();
      if (res.status !== 200) failures++;
      else accepted += JSON.parse(res.body).accepted;
    };
    const settle = async () => {
      // Let the last pushes arrive (a push is at most 200 ms behind).
      const deadline = Date.now() + 3000;
      while ([...pending.values()].some((l) => l.length) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      return [...pending.values()].reduce((a, l) => a + l.length, 0);
    };

    // Phase 1, ingestion: as fast as the server takes it (CONCURRENCY requests in flight).
    const ingestJobs = makeJobs(0, PER_OUTLET);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ingestJobs.length) await send(ingestJobs[next++]);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const ingested = accepted;
    const eps = Math.round(ingested / seconds);
    const saturatedUndelivered = await settle();
    const saturated = { send: [...latencies], ack: [...afterAck] };
    latencies.length = 0;
    afterAck.length = 0;

    // Phase 2, delivery: open loop at the target rate (RATE events/s, a batch every BATCH/RATE s,
    // whether or not earlier answers came back), timed from the moment each POST is due.
    const deliveryJobs = makeJobs(PER_OUTLET, 2 * PER_OUTLET);
    const interval = (1000 * BATCH) / RATE;
    const inFlight = [];
    accepted = 0;
    const paceStart = performance.now();
    for (let i = 0; i < deliveryJobs.length; i++) {
      const due = paceStart + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(send(deliveryJobs[i]));
    }
    await Promise.all(inFlight);
    const pacedSeconds = (performance.now() - paceStart) / 1000;
    const pacedEps = Math.round(accepted / pacedSeconds);
    const undelivered = await settle();
    if (process.env.BENCH_DEBUG)
      console.log(
        'server-to-client transit p50/p99/max ms',
        quantile(transit, 0.5),
        quantile(transit, 0.99),
        transit.reduce((a, b) => Math.max(a, b), 0),
      );
    for (const c of closers) c();
    agent.destroy();
    const p99 = quantile(latencies, 0.99);
    console.log(
      `bench lobby-ingest db=${label} outlets=${OUTLETS} sse=${WATCHED} events=${ingested} events/s=${eps} ` +
        `failures=${failures} send-to-board-while-saturated p50=${quantile(saturated.send, 0.5).toFixed(1)} ` +
        `p99=${quantile(saturated.send, 0.99).toFixed(1)} ms undelivered=${saturatedUndelivered} ` +
        `target>=5000 ${eps >= 5000 ? 'ok' : 'MISSED'}`,
    );
    console.log(
      `bench lobby-delivery db=${label} offered=${RATE}/s achieved=${pacedEps}/s deliveries=${latencies.length} ` +
        `undelivered=${undelivered} send-to-board p50=${quantile(latencies, 0.5).toFixed(1)} p99=${p99.toFixed(1)} ms ` +
        `ack-to-board p50=${quantile(afterAck, 0.5).toFixed(1)} p99=${quantile(afterAck, 0.99).toFixed(1)} ms ` +
        `target p99<250 ${p99 < 250 && undelivered === 0 ? 'ok' : 'MISSED'}`,
    );
  } finally {
    worker.postMessage('close');
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
  }
}

if (!isMainThread) {
  await serve(workerData);
} else {
  try {
    await run({ kind: 'sqlite', file: join(work, 'bench.sqlite') }, 'sqlite');
    const url = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find(
      (u) => u && /^postgres(ql)?:\/\//.test(u),
    );
    if (url) {
      const pg = (await import('pg')).default;
      const schema = `bench_lobby_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      try {
        await run({ kind: 'postgres', url, schema, poolSize: 20 }, 'postgres', true);
      } finally {
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
    } else {
      console.log('bench lobby-ingest db=postgres skipped (set TEST_DATABASE_URL=postgres://…)');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

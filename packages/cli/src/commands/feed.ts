import { compileDistribution, sample, Xoshiro128 } from '@liangdian/engine';
import { addDays, beijingDate, beijingMs, isIsoDate, toBeijingIso } from '@liangdian/engine/time';
import type {
  BusinessType,
  MachineTokenCreated,
  Outlet,
  Page,
  TicketEventBatchResult,
  TicketEventInput,
  Zone,
} from '@liangdian/shared/api';
import { command, EXIT, UsageError } from '../command';

const HELP = `Usage:
  liangdian feed --outlet CODE --create-token --username U --password P [--url URL] [--speed 60] [options]
  liangdian feed --outlet OUTLET_ID --token T [--types cash,non_cash] [--url URL] [--speed 60] [options]

Drives a running server with a simulated day of one outlet's ticket machine: tickets issued,
called, served, ended and abandoned from 09:00 to 17:00, posted in batches through the public
ticket-events API (POST /api/v1/outlets/{id}/ticket-events) as the day unfolds, --speed times
faster than real time. By default the events carry the wall-clock times of posting, so at
--speed 60 an hour of the day passes in a minute and the board's waits are compressed
accordingly (--speed 1: a real day).

With --sim-times each event carries its own simulated time on --date (09:00 + its minute, Beijing
time): the day's waits and its replay are those of the simulation. The simulated clock starts at
09:00 and runs --speed times real time; an event is posted when the clock reaches it. The server
refuses times in the future, so on today's date the clock never runs ahead of the present: it
catches up with now, then goes on in real time (a live feed). --date may be up to 6 days back.

Counters are numbered across the outlet (1, 2, … over its zones): the business types of one zone
share its counters (their number is the zone's capacity). Progress (simulated clock, events
posted / total, accepted) goes to stderr as the day is posted.

With --create-token the command signs in, finds the outlet by its code, creates a machine token
(shown once) and shapes the day from the outlet's zones (counters per business type) and the
business-type catalogue. With --token it posts for the outlet id given as --outlet (or for the
code, when --username/--password are given too) with the business types of --types.

Options:
  --url URL          server (default http://localhost:8080)
  --speed N          simulated minutes per real minute (default 60)
  --seed S           random seed of the day (default 1)
  --minutes N        stop after N simulated minutes (default: the whole day, 480)
  --scale X          multiply the default arrival profile (default 1)
  --batch-ms N       post what is due every N real milliseconds (default 1000)
  --sim-times        stamp each event with its simulated time on --date (see above)
  --date YYYY-MM-DD  the day of --sim-times (default today, Beijing time)
  --json             print the summary as JSON`;

/** Arrivals per hour (all types) per half hour from 09:00: the same default profile as "recommend". */
const PROFILE = [30, 45, 55, 50, 40, 30, 20, 18, 25, 35, 40, 42, 38, 30, 22, 15];
const SERVICE_MEAN: Record<string, number> = { cash: 5, non_cash: 8, wealth: 15, super_counter: 6 };
const DAY_MINUTES = 480;

export interface FeedType {
  code: string;
  /** arrivals per hour for each half hour from 09:00 */
  perHour: number[];
  serviceMeanMinutes: number;
  /** the counters of the type's pool (the first type of a pool gives its number) */
  counters: number;
  /** types of one pool (a zone) share its counters, first come first served; default: the code */
  pool?: string;
}

export interface FeedEvent {
  /** simulated minutes from 09:00 */
  minute: number;
  ticket: string;
  businessType: string;
  kind: 'issued' | 'called' | 'serving' | 'ended' | 'abandoned';
  counter: string | null;
}

/**
 * A seeded day (pure): Poisson arrivals by half hour per business type, lognormal service and
 * exponential patience (mean 30 minutes; a customer whose wait would exceed it abandons), with
 * the engine's random numbers; the types of one pool (zone) are served first come first served
 * by the pool's counters. Counters are named 1, 2, … across the pools in the order of `types`,
 * so no two counters of the outlet share a name.
 */
export function generateDay(types: FeedType[], seed: number, patienceMean = 30): FeedEvent[] {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  interface Arrival {
    minute: number;
    ticket: string;
    businessType: string;
    service: number;
    patience: number;
  }
  const pools = new Map<string, { counters: number; arrivals: Arrival[] }>();
  types.forEach((t, ti) => {
    const rng = new Xoshiro128(seed, ti);
    const service = compileDistribution({
      type: 'lognormal',
      mean: t.serviceMeanMinutes,
      sd: t.serviceMeanMinutes * 0.6,
    });
    const patience = compileDistribution({ type: 'exponential', mean: patienceMean });
    const gap = compileDistribution({ type: 'exponential', mean: 1 });
    const key = t.pool ?? t.code;
    const pool = pools.get(key) ?? { counters: Math.max(1, t.counters), arrivals: [] };
    pools.set(key, pool);
    let clock = 0;
    let n = 0;
    for (;;) {
      // Spend an Exp(1) through the piecewise-constant rate (arrivals per minute by half hour).
      let e = sample(rng, gap);
      while (clock < DAY_MINUTES) {
        const slot = Math.floor(clock / 30);
        const rate = (t.perHour[slot] ?? 0) / 60;
        const left = (slot + 1) * 30 - clock;
        if (rate * left >= e) {
          clock += e / rate;
          break;
        }
        e -= rate * left;
        clock = (slot + 1) * 30;
      }
      if (clock >= DAY_MINUTES) break;
      n++;
      pool.arrivals.push({
        minute: clock,
        ticket: `${letters[ti % letters.length]}${String(n).padStart(3, '0')}`,
        businessType: t.code,
        service: sample(rng, service),
        patience: sample(rng, patience),
      });
    }
  });

  const out: FeedEvent[] = [];
  let firstCounter = 1;
  for (const pool of pools.values()) {
    const free = new Array<number>(pool.counters).fill(0);
    for (const a of pool.arrivals.sort((x, y) => x.minute - y.minute)) {
      const base = { ticket: a.ticket, businessType: a.businessType };
      out.push({ ...base, minute: a.minute, kind: 'issued', counter: null });
      let k = 0;
      for (let i = 1; i < free.length; i++) if (free[i]! < free[k]!) k = i;
      const start = Math.max(a.minute, free[k]!);
      if (start - a.minute > a.patience) {
        out.push({ ...base, minute: a.minute + a.patience, kind: 'abandoned', counter: null });
        continue;
      }
      const counter = String(firstCounter + k);
      const end = start + 0.5 + a.service;
      free[k] = end;
      out.push({ ...base, minute: start, kind: 'called', counter });
      out.push({ ...base, minute: start + 0.5, kind: 'serving', counter });
      out.push({ ...base, minute: end, kind: 'ended', counter });
    }
    firstCounter += pool.counters;
  }
  return out.sort((a, b) => a.minute - b.minute);
}

/**
 * When each event of the day is posted (real epoch ms) and the time it carries (pure).
 * Wall-clock mode: posted at `started` + minute / speed, carrying that instant. Simulated times
 * (`dayStartMs`: 09:00 of the day): the event carries dayStart + minute, and is posted when the
 * simulated clock (running `speed` times real time from `started`) reaches it, but never before
 * that instant has come (the server refuses times in the future).
 */
export function postingTimes(
  minutes: readonly number[],
  o: { started: number; speed: number; dayStartMs?: number },
): { postAt: number; at: number }[] {
  return minutes.map((m) => {
    const scaled = o.started + (m * 60_000) / o.speed;
    if (o.dayStartMs === undefined) return { postAt: scaled, at: scaled };
    const at = o.dayStartMs + m * 60_000;
    return { postAt: Math.max(scaled, at), at };
  });
}

/** One line of progress: "10:42 · 1,234/5,678 events posted · 1,230 accepted". */
export function progressLine(simMinute: number, posted: number, total: number, accepted: number): string {
  const m = Math.max(0, Math.floor(simMinute));
  const hh = String(9 + Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${hh}:${mm} · ${posted}/${total} events posted · ${accepted} accepted`;
}

/** An instant as ISO-8601 in Asia/Shanghai with its offset, as a ticket machine sends it. */
export const shanghaiIso = (ms: number): string => toBeijingIso(ms);

interface Session {
  cookie: string;
  csrf: string;
}

async function api<T>(
  base: string,
  path: string,
  init: RequestInit & { session?: Session } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.headers as object) };
  if (init.session) {
    headers.cookie = init.session.cookie;
    headers['x-csrf-token'] = init.session.csrf;
  }
  const res = await fetch(`${base}${path}`, { ...init, headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function signIn(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

function num(name: string, v: string | undefined, fallback: number, min = 0): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isFinite(x) || x <= min)
    throw new UsageError(`--${name} must be a number > ${min}, got "${v}"`);
  return x;
}

export const feedCommand = command({
  name: 'feed',
  summary: "Drive a running server with a simulated day of an outlet's ticket machine",
  help: HELP,
  strings: [
    'outlet',
    'url',
    'speed',
    'token',
    'username',
    'password',
    'types',
    'seed',
    'minutes',
    'scale',
    'batch-ms',
    'date',
  ],
  booleans: ['create-token', 'json', 'sim-times'],
  async run(values) {
    if (!values.outlet) throw new UsageError('--outlet is required');
    if (!values.token && !values['create-token']) throw new UsageError('give --token T or --create-token');
    if (values['create-token'] && !(values.username && values.password))
      throw new UsageError('--create-token needs --username and --password');
    const base = (values.url ?? 'http://localhost:8080').replace(/\/$/, '');
    const speed = num('speed', values.speed, 60);
    const seed = Math.floor(num('seed', values.seed, 1, -1));
    const minutes = Math.min(DAY_MINUTES, num('minutes', values.minutes, DAY_MINUTES));
    const scale = num('scale', values.scale, 1);
    const batchMs = num('batch-ms', values['batch-ms'], 1000);
    const simTimes = !!values['sim-times'];
    if (values.date && !simTimes) throw new UsageError('--date goes with --sim-times');
    const today = beijingDate(Date.now());
    const date = values.date ?? today;
    if (!isIsoDate(date)) throw new UsageError(`--date must be YYYY-MM-DD, got "${date}"`);
    if (date > today) throw new UsageError(`--date ${date} is in the future`);
    // the server takes events up to 7 days old: the whole of the day must be younger
    if (date < addDays(today, -6)) throw new UsageError(`--date ${date} is more than 6 days ago`);

    let outletId = values.outlet;
    let token = values.token ?? '';
    let codes = (values.types ?? 'cash,non_cash,super_counter,wealth').split(',').filter(Boolean);
    let counters = new Map<string, number>(codes.map((c) => [c, 2]));
    let pools = new Map<string, string>();
    if (values.username && values.password) {
      const session = await signIn(base, values.username, values.password);
      const page = await api<Page<Outlet>>(
        base,
        `/api/v1/outlets?q=${encodeURIComponent(values.outlet)}&pageSize=200`,
        { session },
      );
      const outlet = page.items.find((o) => o.code === values.outlet || o.id === values.outlet);
      if (!outlet) throw new Error(`no outlet with code ${values.outlet} in your scope`);
      outletId = outlet.id;
      if (values['create-token']) {
        const created = await api<MachineTokenCreated>(base, `/api/v1/outlets/${outletId}/machine-tokens`, {
          method: 'POST',
          session,
          body: JSON.stringify({ name: `liangdian feed ${new Date().toISOString().slice(0, 16)}` }),
        });
        token = created.token;
        console.error(`Machine token (shown once): ${token}`);
      }
      if (!values.types) {
        const [types, zones] = await Promise.all([
          api<{ items: BusinessType[] }>(base, '/api/v1/business-types', {
            session,
          }),
          api<{ items: Zone[] }>(base, `/api/v1/outlets/${outletId}/zones`, {
            session,
          }),
        ]);
        const capacity = new Map(zones.items.filter((z) => z.active).map((z) => [z.kind, z.capacity]));
        const served = types.items.filter((t) => t.active && capacity.has(t.defaultZoneKind));
        codes = served.map((t) => t.code);
        counters = new Map(served.map((t) => [t.code, capacity.get(t.defaultZoneKind)!]));
        // the types of a zone share its counters
        pools = new Map(served.map((t) => [t.code, t.defaultZoneKind]));
      }
    }
    if (!codes.length) throw new Error('no business type is served at this outlet (no matching zones)');

    const types: FeedType[] = codes.map((code) => ({
      code,
      perHour: PROFILE.map((r) => (r * scale) / codes.length),
      serviceMeanMinutes: SERVICE_MEAN[code] ?? 5,
      counters: counters.get(code) ?? 2,
      pool: pools.get(code) ?? code,
    }));
    const day = generateDay(types, seed).filter((e) => e.minute < minutes);
    const run = `feed-${seed}-${Date.now().toString(36)}`;
    const started = Date.now();
    const times = postingTimes(
      day.map((e) => e.minute),
      { started, speed, ...(simTimes ? { dayStartMs: beijingMs(date, '09:00') } : {}) },
    );
    if (simTimes && day.length && times[0]!.postAt > started + 2000)
      console.error(
        `The day's first event is at ${shanghaiIso(times[0]!.at).slice(11, 16)} (Beijing time), ahead of now: ` +
          'waiting for it (the server refuses times in the future); give an earlier --date to post at once.',
      );
    const totals = { posted: 0, accepted: 0, duplicate: 0, rejected: 0, batches: 0 };
    const codesSeen = new Map<string, number>();
    let next = 0;
    const tty = process.stderr.isTTY;
    // without a terminal (a log), a line per simulated half hour
    let lastLogged = -1;
    const report = (final = false) => {
      if (next === 0 && !final) return;
      const simMinute = next > 0 ? day[next - 1]!.minute : 0;
      const line = progressLine(simMinute, totals.posted, day.length, totals.accepted);
      if (tty) process.stderr.write(`\r${line}   `);
      else if (final || Math.floor(simMinute / 30) !== lastLogged) {
        lastLogged = Math.floor(simMinute / 30);
        process.stderr.write(`${line}\n`);
      }
    };
    while (next < day.length) {
      const now = Date.now();
      let end = next;
      while (end < day.length && times[end]!.postAt <= now) end++;
      for (let i = next; i < end; i += 1000) {
        const chunk = day.slice(i, Math.min(end, i + 1000)).map(
          (e, j): TicketEventInput => ({
            eventId: `${run}-${i + j}`,
            ticket: e.ticket,
            businessType: e.businessType,
            kind: e.kind,
            at: shanghaiIso(times[i + j]!.at),
            ...(e.counter ? { counter: e.counter } : {}),
          }),
        );
        const res = await api<TicketEventBatchResult>(base, `/api/v1/outlets/${outletId}/ticket-events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ events: chunk }),
        });
        totals.posted += chunk.length;
        totals.accepted += res.accepted;
        totals.duplicate += res.duplicate;
        totals.rejected += res.rejected;
        totals.batches++;
        for (const r of res.results) if (r.code) codesSeen.set(r.code, (codesSeen.get(r.code) ?? 0) + 1);
      }
      next = end;
      report();
      if (next < day.length) {
        const wait = Math.min(batchMs, Math.max(0, times[next]!.postAt - Date.now()));
        await new Promise((r) => setTimeout(r, Math.max(wait, 5)));
      }
    }
    report(true);
    if (tty) process.stderr.write('\n');
    const summary = {
      outletId,
      events: day.length,
      ...totals,
      rejectedCodes: Object.fromEntries(codesSeen),
      simulatedMinutes: minutes,
      simTimes,
      ...(simTimes ? { date } : {}),
      wallSeconds: Number(((Date.now() - started) / 1000).toFixed(2)),
    };
    if (values.json) console.log(JSON.stringify(summary));
    else
      console.log(
        `feed ${summary.events} events in ${summary.batches} batches: ${summary.accepted} accepted, ` +
          `${summary.duplicate} duplicate, ${summary.rejected} rejected (${summary.wallSeconds} s)`,
      );
    return totals.rejected ? EXIT.failure : EXIT.ok;
  },
});

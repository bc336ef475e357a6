import { buildApp } from '@liangdian/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../server/src/config';
import { openDatabase } from '../../../server/src/db/database';
import { ManualClock } from '../../../server/src/lib/clock';
import { newId } from '../../../server/src/lib/ids';
import * as org from '../../../server/src/modules/org/org.repository';
import { login, makeBranchWithOutlets, PASSWORD, type TestApp } from '../../../server/src/test/harness';
import { beijingDate } from '@liangdian/engine/time';
import { feedCommand, generateDay, postingTimes, progressLine, shanghaiIso } from './feed';

const types = [
  { code: 'cash', perHour: new Array(16).fill(40), serviceMeanMinutes: 5, counters: 2 },
  { code: 'wealth', perHour: new Array(16).fill(6), serviceMeanMinutes: 15, counters: 1 },
];

describe('feed: the seeded day', () => {
  it('is reproducible and every ticket follows issued → called → serving → ended, or abandons', () => {
    const day = generateDay(types, 7);
    expect(generateDay(types, 7)).toEqual(day);
    expect(generateDay(types, 8)).not.toEqual(day);
    const issued = day.filter((e) => e.kind === 'issued').length;
    expect(issued).toBeGreaterThan(300); // ≈ 46/h × 8 h
    expect(issued).toBeLessThan(450);
    const byTicket = new Map<string, string[]>();
    for (const e of day)
      byTicket.set(`${e.businessType}/${e.ticket}`, [
        ...(byTicket.get(`${e.businessType}/${e.ticket}`) ?? []),
        e.kind,
      ]);
    for (const kinds of byTicket.values())
      expect([
        ['issued', 'called', 'serving', 'ended'],
        ['issued', 'abandoned'],
      ]).toContainEqual(kinds);
    for (let i = 1; i < day.length; i++) expect(day[i]!.minute).toBeGreaterThanOrEqual(day[i - 1]!.minute);
    expect(shanghaiIso(Date.parse('2026-11-02T01:00:00Z'))).toBe('2026-11-02T09:00:00.000+08:00');
  });
});

describe('feed: counters, times and progress', () => {
  it('numbers counters across the outlet; the types of a zone share its counters', () => {
    const day = generateDay(
      [
        { code: 'cash', perHour: new Array(16).fill(30), serviceMeanMinutes: 5, counters: 2, pool: 'cash' },
        {
          code: 'pension',
          perHour: new Array(16).fill(10),
          serviceMeanMinutes: 5,
          counters: 2,
          pool: 'cash',
        },
        { code: 'non_cash', perHour: new Array(16).fill(20), serviceMeanMinutes: 8, counters: 2, pool: 'nc' },
        { code: 'wealth', perHour: new Array(16).fill(5), serviceMeanMinutes: 15, counters: 1, pool: 'w' },
      ],
      5,
    );
    const countersOf = (type: string) =>
      [...new Set(day.filter((e) => e.businessType === type && e.counter).map((e) => e.counter))].sort();
    expect(countersOf('cash')).toEqual(['1', '2']);
    expect(countersOf('pension')).toEqual(['1', '2']);
    expect(countersOf('non_cash')).toEqual(['3', '4']);
    expect(countersOf('wealth')).toEqual(['5']);
    // a counter serves one ticket at a time, whatever its business type
    const open = new Map<string, string>();
    for (const e of day) {
      if (!e.counter) continue;
      if (e.kind === 'called') {
        expect(open.get(e.counter), `${e.counter} at ${e.minute}`).toBeUndefined();
        open.set(e.counter, e.ticket);
      }
      if (e.kind === 'ended') open.delete(e.counter);
    }
  });

  it('posts at the scaled clock; with simulated times, never before the event’s own time', () => {
    const started = Date.parse('2026-11-02T02:00:00Z'); // 10:00 in Beijing
    expect(postingTimes([0, 60], { started, speed: 60 })).toEqual([
      { postAt: started, at: started },
      { postAt: started + 60_000, at: started + 60_000 },
    ]);
    const dayStartMs = Date.parse('2026-11-02T01:00:00Z'); // 09:00 the same day
    const [nine, half, eleven] = postingTimes([0, 30, 120], { started, speed: 60, dayStartMs });
    // 09:00 and 09:30 are past: posted as the clock reaches them, with their own times
    expect(nine).toEqual({ postAt: started, at: dayStartMs });
    expect(half).toEqual({ postAt: started + 30_000, at: dayStartMs + 30 * 60_000 });
    // 11:00 is ahead of the present: it waits for it
    expect(eleven).toEqual({ postAt: dayStartMs + 120 * 60_000, at: dayStartMs + 120 * 60_000 });
    // a past day runs at the scaled clock throughout
    const yesterday = dayStartMs - 86_400_000;
    expect(postingTimes([120], { started, speed: 60, dayStartMs: yesterday })[0]).toEqual({
      postAt: started + 120_000,
      at: yesterday + 120 * 60_000,
    });
    expect(progressLine(102.7, 1234, 5678, 1230)).toBe('10:42 · 1234/5678 events posted · 1230 accepted');
  });
});

describe('feed: against a running server', () => {
  let t: TestApp;
  let base = '';
  beforeAll(async () => {
    // The server's clock is the real one: the feed posts wall-clock times.
    const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
    const app = await buildApp({ config: testConfig(), database });
    t = { app, database, clock: new ManualClock(new Date()), close: async () => {} };
    const cast = await makeBranchWithOutlets(t);
    const now = new Date().toISOString();
    await org.insertZone(database.db, {
      id: newId(),
      outlet_id: cast.outletA,
      kind: 'cash',
      name: '现金区',
      capacity: 2,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await t.app.close();
    await t.database.close();
  });

  it('creates a token, shapes the day from the outlet and posts it through the public API', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const code = await feedCommand.run([
      '--outlet',
      'A1',
      '--url',
      base,
      '--create-token',
      '--username',
      'head.a',
      '--password',
      PASSWORD,
      '--speed',
      '12000',
      '--minutes',
      '60',
      '--seed',
      '3',
      '--batch-ms',
      '50',
      '--json',
    ]);
    const summary = JSON.parse(String(log.mock.calls.at(-1)![0]));
    log.mockRestore();
    err.mockRestore();
    expect(code).toBe(0);
    // The outlet has only a cash zone: only cash tickets (the harness's types are all "cash"-zoned).
    expect(summary.rejected).toBe(0);
    expect(summary.accepted).toBe(summary.events);
    expect(summary.events).toBeGreaterThan(20);
    const head = await login(t, 'head.a');
    const board = (await head.get(`/api/v1/outlets/${summary.outletId}/lobby`)).json();
    expect(board.events).toBe(summary.events);
    expect(board.arrivals).toBeGreaterThan(0);
  });

  it('posts yesterday at its simulated times, printing progress as it goes', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const progress: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      progress.push(String(s));
      return true;
    });
    const yesterday = beijingDate(Date.now() - 86_400_000);
    const head = await login(t, 'head.a');
    const outletId = (await head.get('/api/v1/outlets'))
      .json()
      .items.find((o: { code: string }) => o.code === 'A1').id;
    const token = (await head.post(`/api/v1/outlets/${outletId}/machine-tokens`, { name: 'sim' })).json()
      .token;
    const code = await feedCommand.run(
      [
        '--outlet',
        outletId,
        '--url',
        base,
        '--token',
        token,
        '--types',
        'cash',
        '--sim-times',
        '--date',
        yesterday,
      ].concat(['--speed', '30000', '--minutes', '90', '--seed', '4', '--batch-ms', '20', '--json']),
    );
    const summary = JSON.parse(String(log.mock.calls.at(-1)![0]));
    log.mockRestore();
    write.mockRestore();
    expect(code).toBe(0);
    expect(summary).toMatchObject({ simTimes: true, date: yesterday, rejected: 0 });
    expect(summary.accepted).toBe(summary.events);
    // progress lines with the simulated clock, the last one with every event
    expect(progress.some((l) => /^09:\d\d · \d+\/\d+ events posted/.test(l.trim()))).toBe(true);
    expect(progress.at(-1)).toContain(`${summary.events}/${summary.events} events posted`);
    // the events carry their simulated times: yesterday from 09:00, within the first 90 minutes
    const replay = (
      await head.get(`/api/v1/outlets/${outletId}/lobby/replay?date=${yesterday}&step=5`)
    ).json();
    const busy = replay.points.filter((p: { arrivals: number }) => p.arrivals > 0);
    expect(busy.length).toBeGreaterThan(5);
    const hhmm = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    expect(hhmm(busy[0].at) >= '09:00').toBe(true);
    expect(hhmm(busy.at(-1).at) < '10:30').toBe(true);
  });

  it('refuses bad usage', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(feedCommand.run(['--outlet', 'A1', '--token', 'x', '--date', '2026-01-01'])).rejects.toThrow(
      '--date goes with --sim-times',
    );
    await expect(
      feedCommand.run(['--outlet', 'A1', '--token', 'x', '--sim-times', '--date', '2000-01-01']),
    ).rejects.toThrow('more than 6 days ago');
    await expect(feedCommand.run(['--url', base])).rejects.toThrow('--outlet is required');
    await expect(feedCommand.run(['--outlet', 'A1'])).rejects.toThrow('--token');
    err.mockRestore();
  });
});

import { buildApp } from '@liangdian/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../server/src/config';
import { openDatabase } from '../../../server/src/db/database';
import { ManualClock } from '../../../server/src/lib/clock';
import { newId } from '../../../server/src/lib/ids';
import * as org from '../../../server/src/modules/org/org.repository';
import { login, makeBranchWithOutlets, PASSWORD, type TestApp } from '../../../server/src/test/harness';
import { feedCommand, generateDay, shanghaiIso } from './feed';

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

  it('refuses bad usage', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(feedCommand.run(['--url', base])).rejects.toThrow('--outlet is required');
    await expect(feedCommand.run(['--outlet', 'A1'])).rejects.toThrow('--token');
    err.mockRestore();
  });
});

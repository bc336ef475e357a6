import { beforeEach, describe, expect, it } from 'vitest';
import { type Client, login, useCastApp } from '../../../test/harness';
import { readSheet, expectSheetHead } from '../../../test/xlsx';
import { ev, makeToken, send } from '../lobby.fixtures';

describe('live lobby: machine tokens and ticket events', () => {
  let head: Client;
  const ctx = useCastApp({ signIn: false });
  beforeEach(async () => {
    head = await login(ctx.t, 'head.a');
  });

  it('creates a token shown once, lists it without the secret, audits, and revokes it', async () => {
    const tok = await makeToken(head, ctx.cast.outletA);
    expect(tok.token).toMatch(/^ldm_/);
    const list = await head.get(`/api/v1/outlets/${ctx.cast.outletA}/machine-tokens`);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).not.toHaveProperty('token');
    expect(list.json().items[0].prefix).toBe(tok.token.slice(0, 8));
    const stored = await ctx.t.database.db.selectFrom('machine_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tok.token);
    expect(stored.token_hash).toHaveLength(64);

    const lobby = await login(ctx.t, 'lobby.a');
    expect(
      (await lobby.post(`/api/v1/outlets/${ctx.cast.outletA}/machine-tokens`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await head.post(`/api/v1/outlets/${ctx.cast.outletB}/machine-tokens`, { name: 'x' })).statusCode,
    ).toBe(404);

    expect((await send(ctx.t, ctx.cast.outletA, tok.token, [ev('A1', 'issued', '08:55')])).statusCode).toBe(
      200,
    );
    const rev = await head.post(`/api/v1/outlets/${ctx.cast.outletA}/machine-tokens/${tok.id}/revoke`);
    expect(rev.statusCode).toBe(200);
    expect(rev.json().revokedAt).toBe(ctx.t.clock.now().toISOString());
    const refused = await send(ctx.t, ctx.cast.outletA, tok.token, [ev('A2', 'issued', '08:56')]);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('MACHINE_TOKEN_INVALID');

    const admin = await login(ctx.t, 'admin');
    const audit = await admin.get('/api/v1/audit?entityType=machine_token');
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['create', 'revoke']);
    const xlsx = await head.get(
      `/api/v1/outlets/${ctx.cast.outletA}/machine-tokens/export.xlsx?revoked=true`,
    );
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readSheet(xlsx);
    expectSheetHead(sheet, {
      title: '叫号机令牌',
      filter: '状态：已吊销',
      headers: ['名称', '前缀', '状态', '创建时间', '最近使用', '吊销时间'],
    });
    expect(sheet.rows).toHaveLength(1);
    const [name, prefix, status, created, lastUsed, revoked] = sheet.rows[0]!;
    expect([name, prefix, status]).toEqual(['叫号机 1', tok.token.slice(0, 8), '已吊销']);
    // Beijing wall-clock times as real Excel dates: 09:00 in Beijing is 01:00Z on the harness clock
    for (const d of [created, lastUsed, revoked]) expect(d).toBeInstanceOf(Date);
    expect((revoked as Date).toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(sheet.formats[3]).toBe('yyyy-mm-dd hh:mm');
    // the secret is nowhere in the file
    expect(JSON.stringify(sheet.rows)).not.toContain(tok.token);
    const active = await readSheet(
      await head.get(`/api/v1/outlets/${ctx.cast.outletA}/machine-tokens/export.xlsx?revoked=false`),
    );
    expect(active.rows).toEqual([]);
  });

  it("refuses a missing token (401), another outlet's token (403) and a batch over 1,000 (413)", async () => {
    const tok = await makeToken(head, ctx.cast.outletA);
    expect((await send(ctx.t, ctx.cast.outletA, null, [ev('A1', 'issued', '08:55')])).json().code).toBe(
      'MACHINE_TOKEN_INVALID',
    );
    expect((await send(ctx.t, ctx.cast.outletA, 'ldm_nonsense', [])).statusCode).toBe(401);
    const other = await send(ctx.t, ctx.cast.outletB, tok.token, [ev('A1', 'issued', '08:55')]);
    expect(other.statusCode).toBe(403);
    const big = Array.from({ length: 1001 }, (_, i) => ev(`B${i}`, 'issued', '08:50'));
    const tooMany = await send(ctx.t, ctx.cast.outletA, tok.token, big);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().code).toBe('TICKET_BATCH_TOO_LARGE');
    const ok = await send(ctx.t, ctx.cast.outletA, tok.token, big.slice(0, 1000));
    expect(ok.json().accepted).toBe(1000);
    const count = await ctx.t.database.db
      .selectFrom('ticket_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1000);
  });

  it('answers per event: accepted, duplicate, rejected with a code; bad events spoil nothing', async () => {
    const tok = await makeToken(head, ctx.cast.outletA);
    const good = ev('A001', 'issued', '08:40');
    const batch = [
      good,
      ev('A002', 'issued', '08:41', { businessType: 'nonsense' }),
      ev('A003', 'issued', '08:42', { at: '2026-10-20T09:00:00+08:00' }), // > 7 days old
      ev('A004', 'issued', '08:43', { at: '2026-11-02T09:10:00+08:00' }), // 10 minutes ahead
      ev('A005', 'issued', '08:44', { at: '2026-11-02 08:44' }), // no offset
      ev('A006', 'issued', '08:45', { at: '2026-11-02T08:45:00' }), // no offset either
      { eventId: 'x', kind: 'issued' },
      'not even an object',
      { ...good },
      ev('A007', 'transferred', '08:46'),
      ev('A008', 'issued', '09:04'), // 4 minutes ahead: accepted
    ];
    const res = await send(ctx.t, ctx.cast.outletA, tok.token, batch, { 'accept-language': 'en-US' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'accepted',
      'UNKNOWN_BUSINESS_TYPE',
      'TOO_OLD',
      'IN_THE_FUTURE',
      'MALFORMED_TIME',
      'MALFORMED_TIME',
      'MALFORMED_EVENT',
      'MALFORMED_EVENT',
      'duplicate',
      'TO_BUSINESS_TYPE_REQUIRED',
      'accepted',
    ]);
    expect(body).toMatchObject({ accepted: 2, duplicate: 1, rejected: 8 });
    expect(body.results[2].message).toBe('The event is more than 7 days old');
    expect(body.results[7]).toMatchObject({ index: 7, eventId: null });

    // Idempotent: the same batch again stores nothing new.
    const again = await send(ctx.t, ctx.cast.outletA, tok.token, batch);
    expect(again.json()).toMatchObject({ accepted: 0, duplicate: 3, rejected: 8 });
    const rows = await ctx.t.database.db.selectFrom('ticket_events').select('event_id').execute();
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      [good.eventId, (batch[10] as { eventId: string }).eventId].sort(),
    );
    const lobby = await head.get(`/api/v1/outlets/${ctx.cast.outletA}/lobby`);
    expect(lobby.json()).toMatchObject({ arrivals: 2, waiting: 2, day: '2026-11-02' });
  });

  it('needs no session or CSRF token, even with a session cookie present', async () => {
    const tok = await makeToken(head, ctx.cast.outletA);
    const res = await send(ctx.t, ctx.cast.outletA, tok.token, [ev('A1', 'issued', '08:55')], {
      cookie: `ld_session=${head.cookie}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it("places late events by their time and derives the day's state; survives a restart", async () => {
    const tok = await makeToken(head, ctx.cast.outletA);
    const events = [
      ev('A001', 'issued', '08:30'),
      ev('A002', 'issued', '08:35'),
      ev('A001', 'called', '08:38', { counter: '1' }),
      ev('A001', 'serving', '08:39', { counter: '1' }),
      ev('A001', 'ended', '08:45', { counter: '1' }),
      ev('A003', 'issued', '08:50', { businessType: 'wealth' }),
      ev('A002', 'called', '08:52', { counter: '2', staffId: 's-2' }),
      ev('A004', 'issued', '08:53'),
      ev('A004', 'abandoned', '08:58'),
      ev('Y001', 'issued', '2026-11-01T16:00:00+08:00'), // yesterday: stored, not today's
    ];
    events[9]!.at = '2026-11-01T16:00:00+08:00';
    // Later events first, in two batches.
    await send(ctx.t, ctx.cast.outletA, tok.token, events.slice(5));
    await send(ctx.t, ctx.cast.outletA, tok.token, events.slice(0, 5));
    const s = (await head.get(`/api/v1/outlets/${ctx.cast.outletA}/lobby`)).json();
    expect(s).toMatchObject({
      arrivals: 4,
      served: 1,
      called: 2,
      abandoned: 1,
      waiting: 1,
      longestWaitMinutes: 10,
      meanWaitMinutes: 12.5,
      serviceLevel: 0.333,
      serviceLevelTarget: 0.8,
      targetWaitMinutes: 10,
      meetsTarget: false,
      mode: { mode: 'fixed', source: 'plan' },
    });
    expect(s.waitingByType).toEqual([{ businessType: 'wealth', waiting: 1, oldestWaitMinutes: 10 }]);
    expect(s.countersServing).toEqual([
      {
        counter: '2',
        ticket: 'A002',
        businessType: 'cash',
        staffId: 's-2',
        since: '2026-11-02T00:52:00.000Z',
        status: 'called',
      },
    ]);

    // A second app on the same database (a restart) rebuilds the same state from the events.
    const { buildApp } = await import('../../../app');
    const { testConfig } = await import('../../../config');
    const again = await buildApp({
      config: testConfig(),
      database: ctx.t.database,
      clock: ctx.t.clock,
      migrate: false,
    });
    try {
      const res = await again.inject({
        method: 'GET',
        url: `/api/v1/outlets/${ctx.cast.outletA}/lobby`,
        headers: { cookie: `ld_session=${head.cookie}` },
      });
      expect(res.json()).toEqual(s);
    } finally {
      await again.close();
    }

    // Settings: 50% within 20 minutes meets the target.
    const set = await head.put(`/api/v1/outlets/${ctx.cast.outletA}/lobby/settings`, {
      serviceLevelTarget: 0.5,
      targetWaitMinutes: 20,
    });
    expect(set.statusCode).toBe(200);
    const s2 = (await head.get(`/api/v1/outlets/${ctx.cast.outletA}/lobby`)).json();
    expect(s2).toMatchObject({ serviceLevel: 0.667, meetsTarget: true, targetWaitMinutes: 20 });
    // Outside the scope: 404.
    const other = await login(ctx.t, 'head.a');
    expect((await other.get(`/api/v1/outlets/${ctx.cast.outletB}/lobby`)).statusCode).toBe(404);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids';
import { type Client, login, makeBranchWithOutlets, makeTestApp, type TestApp } from '../../test/harness';
import { readSheet } from '../../test/xlsx';
import * as org from '../org/org.repository';

type Cast = Awaited<ReturnType<typeof makeBranchWithOutlets>>;

/** 09:00 in Shanghai on the harness clock's day (Monday 2026-11-02). */
const at = (hhmm: string) => `2026-11-02T${hhmm}:00+08:00`;
let n = 0;
const ev = (ticket: string, kind: string, hhmm: string, over: Record<string, unknown> = {}) => ({
  eventId: `ev-${++n}`,
  ticket,
  businessType: 'cash',
  kind,
  at: at(hhmm),
  ...over,
});

async function makeToken(c: Client, outletId: string) {
  const res = await c.post(`/api/v1/outlets/${outletId}/machine-tokens`, { name: '叫号机 1' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; token: string; prefix: string };
}

const send = (
  t: TestApp,
  outletId: string,
  token: string | null,
  events: unknown[],
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/outlets/${outletId}/ticket-events`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    payload: { events },
  });

async function makeFloor(t: TestApp, outletId: string) {
  const now = t.clock.now().toISOString();
  const zoneId = newId();
  await org.insertZone(t.database.db, {
    id: zoneId,
    outlet_id: outletId,
    kind: 'cash',
    name: '现金区',
    capacity: 3,
    active: 1,
    created_at: now,
    updated_at: now,
  });
  const post = async (kind: string, name: string, zone: string | null) => {
    const id = newId();
    await org.insertPost(t.database.db, {
      id,
      outlet_id: outletId,
      kind,
      name,
      zone_id: zone,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    return id;
  };
  const cashPost = await post('zone', '高柜位', zoneId);
  const welcomePost = await post('welcome', '迎宾位', null);
  const person = async (name: string, role: string, home: string) => {
    const id = newId();
    await org.insertStaff(t.database.db, {
      id,
      outlet_id: outletId,
      employee_no: `E${id.slice(-8)}`,
      name,
      roles: JSON.stringify([role]),
      skills: '["cash"]',
      phone_enc: null,
      home_post_id: home,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    return id;
  };
  const wang = await person('王芳', 'teller', welcomePost);
  const li = await person('李强', 'teller', welcomePost);
  const zhao = await person('赵磊', 'teller', cashPost);
  return { cashPost, welcomePost, wang, li, zhao };
}

describe('live lobby: machine tokens and ticket events', () => {
  let t: TestApp;
  let cast: Cast;
  let head: Client;
  beforeEach(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
    head = await login(t, 'head.a');
  });
  afterEach(() => t.close());

  it('creates a token shown once, lists it without the secret, audits, and revokes it', async () => {
    const tok = await makeToken(head, cast.outletA);
    expect(tok.token).toMatch(/^ldm_/);
    const list = await head.get(`/api/v1/outlets/${cast.outletA}/machine-tokens`);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).not.toHaveProperty('token');
    expect(list.json().items[0].prefix).toBe(tok.token.slice(0, 8));
    const stored = await t.database.db.selectFrom('machine_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tok.token);
    expect(stored.token_hash).toHaveLength(64);

    const lobby = await login(t, 'lobby.a');
    expect(
      (await lobby.post(`/api/v1/outlets/${cast.outletA}/machine-tokens`, { name: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await head.post(`/api/v1/outlets/${cast.outletB}/machine-tokens`, { name: 'x' })).statusCode,
    ).toBe(404);

    expect((await send(t, cast.outletA, tok.token, [ev('A1', 'issued', '08:55')])).statusCode).toBe(200);
    const rev = await head.post(`/api/v1/outlets/${cast.outletA}/machine-tokens/${tok.id}/revoke`);
    expect(rev.statusCode).toBe(200);
    expect(rev.json().revokedAt).toBe(t.clock.now().toISOString());
    const refused = await send(t, cast.outletA, tok.token, [ev('A2', 'issued', '08:56')]);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('MACHINE_TOKEN_INVALID');

    const admin = await login(t, 'admin');
    const audit = await admin.get('/api/v1/audit?entityType=machine_token');
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['create', 'revoke']);
    const xlsx = await head.get(`/api/v1/outlets/${cast.outletA}/machine-tokens/export.xlsx?revoked=true`);
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readSheet(xlsx);
    expect(sheet.title).toBe('叫号机令牌');
    expect(sheet.filterLine).toContain('状态：已吊销');
    expect(sheet.headers).toEqual(['名称', '前缀', '状态', '创建时间', '最近使用', '吊销时间']);
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
      await head.get(`/api/v1/outlets/${cast.outletA}/machine-tokens/export.xlsx?revoked=false`),
    );
    expect(active.rows).toEqual([]);
  });

  it("refuses a missing token (401), another outlet's token (403) and a batch over 1,000 (413)", async () => {
    const tok = await makeToken(head, cast.outletA);
    expect((await send(t, cast.outletA, null, [ev('A1', 'issued', '08:55')])).json().code).toBe(
      'MACHINE_TOKEN_INVALID',
    );
    expect((await send(t, cast.outletA, 'ldm_nonsense', [])).statusCode).toBe(401);
    const other = await send(t, cast.outletB, tok.token, [ev('A1', 'issued', '08:55')]);
    expect(other.statusCode).toBe(403);
    const big = Array.from({ length: 1001 }, (_, i) => ev(`B${i}`, 'issued', '08:50'));
    const tooMany = await send(t, cast.outletA, tok.token, big);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().code).toBe('TICKET_BATCH_TOO_LARGE');
    const ok = await send(t, cast.outletA, tok.token, big.slice(0, 1000));
    expect(ok.json().accepted).toBe(1000);
    const count = await t.database.db
      .selectFrom('ticket_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1000);
  });

  it('answers per event: accepted, duplicate, rejected with a code; bad events spoil nothing', async () => {
    const tok = await makeToken(head, cast.outletA);
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
    const res = await send(t, cast.outletA, tok.token, batch, { 'accept-language': 'en-US' });
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
    const again = await send(t, cast.outletA, tok.token, batch);
    expect(again.json()).toMatchObject({ accepted: 0, duplicate: 3, rejected: 8 });
    const rows = await t.database.db.selectFrom('ticket_events').select('event_id').execute();
    expect(rows.map((r) => r.event_id).sort()).toEqual(
      [good.eventId, (batch[10] as { eventId: string }).eventId].sort(),
    );
    const lobby = await head.get(`/api/v1/outlets/${cast.outletA}/lobby`);
    expect(lobby.json()).toMatchObject({ arrivals: 2, waiting: 2, day: '2026-11-02' });
  });

  it('needs no session or CSRF token, even with a session cookie present', async () => {
    const tok = await makeToken(head, cast.outletA);
    const res = await send(t, cast.outletA, tok.token, [ev('A1', 'issued', '08:55')], {
      cookie: `ld_session=${head.cookie}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it("places late events by their time and derives the day's state; survives a restart", async () => {
    const tok = await makeToken(head, cast.outletA);
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
    await send(t, cast.outletA, tok.token, events.slice(5));
    await send(t, cast.outletA, tok.token, events.slice(0, 5));
    const s = (await head.get(`/api/v1/outlets/${cast.outletA}/lobby`)).json();
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
    const { buildApp } = await import('../../app');
    const { testConfig } = await import('../../config');
    const again = await buildApp({
      config: testConfig(),
      database: t.database,
      clock: t.clock,
      migrate: false,
    });
    try {
      const res = await again.inject({
        method: 'GET',
        url: `/api/v1/outlets/${cast.outletA}/lobby`,
        headers: { cookie: `ld_session=${head.cookie}` },
      });
      expect(res.json()).toEqual(s);
    } finally {
      await again.close();
    }

    // Settings: 50% within 20 minutes meets the target.
    const set = await head.put(`/api/v1/outlets/${cast.outletA}/lobby/settings`, {
      serviceLevelTarget: 0.5,
      targetWaitMinutes: 20,
    });
    expect(set.statusCode).toBe(200);
    const s2 = (await head.get(`/api/v1/outlets/${cast.outletA}/lobby`)).json();
    expect(s2).toMatchObject({ serviceLevel: 0.667, meetsTarget: true, targetWaitMinutes: 20 });
    // Outside the scope: 404.
    const other = await login(t, 'head.a');
    expect((await other.get(`/api/v1/outlets/${cast.outletB}/lobby`)).statusCode).toBe(404);
  });
});

describe('live lobby: presence, mode, backfill prompts, log and replay', () => {
  let t: TestApp;
  let cast: Cast;
  let head: Client;
  let lobbyMgr: Client;
  let floor: Awaited<ReturnType<typeof makeFloor>>;
  let token: string;
  beforeEach(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
    head = await login(t, 'head.a');
    lobbyMgr = await login(t, 'lobby.a');
    floor = await makeFloor(t, cast.outletA);
    token = (await makeToken(head, cast.outletA)).token;
  });
  afterEach(() => t.close());
  const url = (p: string) => `/api/v1/outlets/${cast.outletA}${p}`;

  it('checks staff in and out of posts; the state shows who is where; audited and logged', async () => {
    const res = await lobbyMgr.post(url('/lobby/check-in'), {
      staffId: floor.wang,
      postId: floor.welcomePost,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().presence).toEqual([
      {
        staffId: floor.wang,
        staffName: '王芳',
        postId: floor.welcomePost,
        postName: '迎宾位',
        since: t.clock.now().toISOString(),
      },
    ]);
    t.clock.advanceMinutes(5);
    // Checking in elsewhere moves them.
    const moved = await lobbyMgr.post(url('/lobby/check-in'), {
      staffId: floor.wang,
      postId: floor.cashPost,
    });
    expect(moved.json().presence.map((p: { postName: string }) => p.postName)).toEqual(['高柜位']);
    const wrong = await lobbyMgr.post(url('/lobby/check-out'), {
      staffId: floor.wang,
      postId: floor.welcomePost,
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('LOBBY_NOT_CHECKED_IN');
    const out = await lobbyMgr.post(url('/lobby/check-out'), { staffId: floor.wang, postId: floor.cashPost });
    expect(out.json().presence).toEqual([]);
    const bad = await lobbyMgr.post(url('/lobby/check-in'), { staffId: 'nobody', postId: floor.cashPost });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.staffId');
    const staffUser = await login(t, 'consultant');
    expect(
      (await staffUser.post(url('/lobby/check-in'), { staffId: floor.wang, postId: floor.cashPost }))
        .statusCode,
    ).toBe(403);

    const log = await lobbyMgr.get(url('/lobby/log?date=2026-11-02'));
    expect(log.json().items.map((l: { kind: string }) => l.kind)).toEqual([
      'check_in',
      'check_in',
      'check_out',
    ]);
    expect(log.json().items[0].message).toBe('王芳 到岗 迎宾位');
    const paged = await lobbyMgr.get(url('/lobby/log?date=2026-11-02&pageSize=1&page=2&kind=check_in'));
    expect(paged.json()).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    // in the reader's language (their account's: zh-CN), whatever the browser asks
    const xlsx = await lobbyMgr.get(url('/lobby/log/export.xlsx?date=2026-11-02'), {
      'accept-language': 'en-US',
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readSheet(xlsx);
    expect(sheet.title).toBe('厅堂日志');
    expect(sheet.filterLine).toContain('日期：2026-11-02');
    expect(sheet.headers).toEqual(['时间', '类别', '操作人', '原模式', '新模式', '内容']);
    // kinds by their names, times as Beijing date-times
    expect(sheet.rows.map((r) => r[1])).toEqual(['签到', '签到', '签退']);
    expect(sheet.rows[0]![0]).toBeInstanceOf(Date);
    expect((sheet.rows[0]![0] as Date).toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(sheet.rows[0]![2]).toBe('lobby.a');
    expect(sheet.rows[0]![5]).toBe('王芳 到岗 迎宾位');
    const checkIns = await readSheet(
      await lobbyMgr.get(url('/lobby/log/export.xlsx?date=2026-11-02&kind=check_in')),
    );
    expect(checkIns.filterLine).toContain('类别：签到');
    expect(checkIns.rows).toHaveLength(2);
    const admin = await login(t, 'admin');
    const audit = await admin.get('/api/v1/audit?entityType=lobby_checkin');
    expect(audit.json().total).toBe(3);
  });

  it('takes the mode from the weekly plan unless overridden; every switch is logged with its reason', async () => {
    const plan = { days: Array.from({ length: 7 }, () => Array.from({ length: 48 }, () => 'fixed')) };
    plan.days[0]![18] = 'rotating'; // Monday 09:00–09:30
    const bad = await head.put(url('/mode-plan'), { days: [['fixed']] });
    expect(bad.statusCode).toBe(400);
    expect((await lobbyMgr.put(url('/mode-plan'), plan)).statusCode).toBe(403);
    expect((await head.put(url('/mode-plan'), plan)).statusCode).toBe(200);
    expect((await head.get(url('/mode-plan'))).json().days[0][18]).toBe('rotating');
    let s = (await head.get(url('/lobby'))).json();
    expect(s.mode).toEqual({ mode: 'rotating', source: 'plan', reason: null, until: null });

    const o = await lobbyMgr.post(url('/lobby/mode'), {
      mode: 'fixed',
      reason: '客流突增',
      until: '2026-11-02T09:20:00+08:00',
    });
    expect(o.statusCode).toBe(200);
    expect(o.json().mode).toEqual({
      mode: 'fixed',
      source: 'override',
      reason: '客流突增',
      until: '2026-11-02T01:20:00.000Z',
    });
    t.clock.advanceMinutes(21); // the override ran out: back to the plan (rotating)
    await t.app.services.lobby.tick();
    s = (await head.get(url('/lobby'))).json();
    expect(s.mode.source).toBe('plan');
    t.clock.advanceMinutes(10); // 09:31: the plan says fixed
    await t.app.services.lobby.tick();
    lobbyMgr = await login(t, 'lobby.a'); // the session went idle meanwhile
    head = await login(t, 'head.a');
    expect((await lobbyMgr.post(url('/lobby/mode'), { mode: 'plan', reason: 'x' })).json().code).toBe(
      'MODE_OVERRIDE_NONE',
    );

    const log = (await head.get(url('/lobby/log?kind=mode_switch'))).json();
    expect(
      log.items.map((l: { data: { from: string; to: string; reason: string } }) => [
        l.data.from,
        l.data.to,
        l.data.reason,
      ]),
    ).toEqual([
      [null, 'rotating', 'plan'],
      ['rotating', 'fixed', '客流突增'],
      ['fixed', 'rotating', 'plan'],
      ['rotating', 'fixed', 'plan'],
    ]);
    // The export names the modes (and the server's own switches as the system's).
    const switches = await readSheet(await head.get(url('/lobby/log/export.xlsx?kind=mode_switch')));
    expect(switches.rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['系统', null, '循环补位'],
      ['lobby.a', '循环补位', '固定作业'],
      ['系统', '固定作业', '循环补位'],
      ['系统', '循环补位', '固定作业'],
    ]);
    const replay = (await head.get(url('/lobby/replay?date=2026-11-02&step=5'))).json();
    const mode = (hhmm: string) =>
      replay.points.find((p: { at: string }) => p.at === new Date(at(hhmm)).toISOString()).mode;
    expect(mode('08:00')).toBe('fixed');
    expect(mode('09:05')).toBe('fixed'); // the override
    expect(mode('09:25')).toBe('rotating');
  });

  it('prompts a named backup when a rule fires, escalates unanswered prompts, and sends them home', async () => {
    await lobbyMgr.post(url('/lobby/check-in'), { staffId: floor.wang, postId: floor.welcomePost });
    await lobbyMgr.post(url('/lobby/check-in'), { staffId: floor.li, postId: floor.welcomePost });
    await lobbyMgr.post(url('/lobby/check-in'), { staffId: floor.zhao, postId: floor.cashPost });
    const rules = {
      rules: [
        {
          id: 'cash-queue',
          postId: floor.cashPost,
          backups: [{ staffId: floor.wang }, { role: 'teller' }],
          triggers: { queueLength: 4, oldestWaitMinutes: 30 },
        },
      ],
    };
    const badRules = await head.put(url('/backfill-rules'), {
      rules: [{ ...rules.rules[0], postId: 'nope' }],
    });
    expect(badRules.json().errors[0].field).toBe('body.rules.0.postId');
    expect((await head.put(url('/backfill-rules'), rules)).statusCode).toBe(200);

    // Three waiting: nothing yet; a fourth: 王芳 is prompted.
    await send(
      t,
      cast.outletA,
      token,
      ['A1', 'A2', 'A3'].map((k, i) => ev(k, 'issued', `08:4${i}`)),
    );
    expect((await head.get(url('/lobby'))).json().prompts).toEqual([]);
    await send(t, cast.outletA, token, [ev('A4', 'issued', '08:59')]);
    let s = (await head.get(url('/lobby'))).json();
    expect(s.prompts).toHaveLength(1);
    expect(s.prompts[0]).toMatchObject({
      kind: 'backfill',
      staffId: floor.wang,
      attempt: 1,
      status: 'pending',
    });
    expect(s.prompts[0].messageEn).toBe('王芳 → 高柜位: 现金区 4 waiting, oldest 20 min');
    expect(s.prompts[0].messageZh).toBe('王芳 → 高柜位：现金区 4 人等候，最久 20 分钟');
    expect(s.prompts[0].data).toMatchObject({ trigger: 'queue_length', waiting: 4, oldestWaitMinutes: 20 });

    // Unanswered for 60 s: the next backup (李强; 赵磊 is already at the post).
    t.clock.advanceMinutes(0.5);
    await t.app.services.lobby.tick();
    expect((await head.get(url('/lobby'))).json().prompts[0].staffId).toBe(floor.wang);
    t.clock.advanceMinutes(0.6);
    await t.app.services.lobby.tick();
    s = (await head.get(url('/lobby'))).json();
    expect(s.prompts).toHaveLength(1);
    expect(s.prompts[0]).toMatchObject({ staffId: floor.li, attempt: 2 });

    // 李强 declines: nobody else left; the chain stays open without a prompt.
    const declined = await lobbyMgr.post(url(`/lobby/prompts/${s.prompts[0].id}/decline`));
    expect(declined.statusCode).toBe(200);
    expect(declined.json().prompts).toEqual([]);
    const again = await lobbyMgr.post(url(`/lobby/prompts/${s.prompts[0].id}/ack`));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PROMPT_ALREADY_ANSWERED');

    // The queue clears and builds up again: a new chain starts with 王芳, who acknowledges and moves.
    await send(
      t,
      cast.outletA,
      token,
      ['A1', 'A2', 'A3', 'A4'].map((k) => ev(k, 'called', '09:00', { counter: '1' })),
    );
    await send(
      t,
      cast.outletA,
      token,
      ['B1', 'B2', 'B3', 'B4'].map((k) => ev(k, 'issued', '09:00')),
    );
    s = (await head.get(url('/lobby'))).json();
    expect(s.prompts[0]).toMatchObject({ staffId: floor.wang, attempt: 1 });
    const acked = (await lobbyMgr.post(url(`/lobby/prompts/${s.prompts[0].id}/ack`))).json();
    expect(acked.prompts[0].status).toBe('acknowledged');
    expect(acked.presence.find((p: { staffId: string }) => p.staffId === floor.wang).postId).toBe(
      floor.cashPost,
    );

    // The trigger clears: a "return" prompt sends 王芳 back to the welcome post.
    await send(
      t,
      cast.outletA,
      token,
      ['B1', 'B2', 'B3'].map((k) => ev(k, 'called', '09:00', { counter: '2' })),
    );
    s = (await head.get(url('/lobby'))).json();
    expect(s.prompts).toHaveLength(1);
    expect(s.prompts[0]).toMatchObject({ kind: 'return', staffId: floor.wang, postId: floor.welcomePost });
    expect(s.prompts[0].messageEn).toBe('王芳 → back to 迎宾位 (高柜位 cleared)');
    const home = (await lobbyMgr.post(url(`/lobby/prompts/${s.prompts[0].id}/ack`))).json();
    expect(home.prompts).toEqual([]);
    expect(home.presence.find((p: { staffId: string }) => p.staffId === floor.wang).postId).toBe(
      floor.welcomePost,
    );

    const log = (await head.get(url('/lobby/log?pageSize=200'))).json();
    expect(
      log.items
        .map((l: { kind: string }) => l.kind)
        .filter((k: string) => !k.startsWith('check') && k !== 'rules_changed'),
    ).toEqual([
      'prompt',
      'prompt_expired',
      'prompt',
      'prompt_decline',
      'prompt',
      'prompt_ack',
      'return',
      'prompt_ack',
    ]);
    const replay = (await head.get(url('/lobby/replay?step=1'))).json();
    expect(
      replay.points.reduce((a: number, p: { backfillActions: number }) => a + p.backfillActions, 0),
    ).toBe(4);
    const nine = replay.points.find((p: { at: string }) => p.at === new Date(at('08:40')).toISOString());
    expect(nine).toMatchObject({ arrivals: 1, waiting: 1 });
  });

  it('fires on an empty post', async () => {
    await lobbyMgr.post(url('/lobby/check-in'), { staffId: floor.wang, postId: floor.cashPost });
    await head.put(url('/backfill-rules'), {
      rules: [{ postId: floor.welcomePost, backups: [{ role: 'teller' }], triggers: { postEmpty: true } }],
    });
    const s = (await head.get(url('/lobby'))).json();
    expect(s.prompts).toHaveLength(1);
    expect(s.prompts[0]).toMatchObject({ staffId: floor.wang, data: { trigger: 'post_empty' } });
  });

  it("recommends a mode per half hour from the engine: default profile, then the outlet's history", async () => {
    const res = await lobbyMgr.post(url('/mode-plan/recommend'), { replications: 2 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      weekday: 0,
      source: 'default',
      replications: 2,
      hours: { open: '09:00', close: '17:00' },
    });
    expect(body.slots).toHaveLength(16);
    expect(body.slots[0].fixed).toHaveProperty('serviceLevel');
    expect(body.slots[0].rotating).toHaveProperty('meanWaitMinutes');
    expect(body.suggestedDay).toHaveLength(48);
    expect(body.suggestedDay.slice(18, 34)).toEqual(body.slots.map((x: { better: string }) => x.better));
    // The plan it suggests can be PUT as it is.
    const plan = { days: Array.from({ length: 7 }, () => body.suggestedDay) };
    expect((await head.put(url('/mode-plan'), plan)).statusCode).toBe(200);

    // Four past Mondays with 15 cash tickets at 09:30 each: rates from history.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const week = 1 + (i % 4);
      const at = new Date(Date.parse('2026-11-02T01:30:00Z') - week * 7 * 86_400_000).toISOString();
      return {
        outlet_id: cast.outletA,
        event_id: `hist-${i}`,
        ticket: `H${i}`,
        business_type: 'cash',
        kind: 'issued',
        at,
        day: at.slice(0, 10),
        counter: null,
        staff_id: null,
        to_business_type: null,
        received_at: at,
      };
    });
    await t.database.db.insertInto('ticket_events').values(rows).execute();
    const hist = (await lobbyMgr.post(url('/mode-plan/recommend'), { weekday: 0, replications: 1 })).json();
    expect(hist.source).toBe('history');
    expect(hist.slots[1].arrivalsPerHour).toBeGreaterThan(0);
    expect(hist.slots[5].arrivalsPerHour).toBe(0);

    const consultant = await login(t, 'consultant');
    expect((await consultant.post(url('/mode-plan/recommend'), {})).statusCode).toBe(403);
    const admin = await login(t, 'admin');
    const none = await admin.post(`/api/v1/outlets/${cast.outletB}/mode-plan/recommend`, {});
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('LOBBY_NO_ZONES');
  });
});

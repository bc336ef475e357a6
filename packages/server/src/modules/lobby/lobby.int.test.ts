import { beforeEach, describe, expect, it } from 'vitest';
import { type Client, login, useCastApp } from '../../test/harness';
import { readSheet, expectSheetHead } from '../../test/xlsx';
import { at, ev, makeFloor, makeToken, send } from './lobby.fixtures';

describe('live lobby: presence, mode, backfill prompts, log and replay', () => {
  let head: Client;
  let lobbyMgr: Client;
  let floor: Awaited<ReturnType<typeof makeFloor>>;
  let token: string;
  const ctx = useCastApp({ signIn: false });
  beforeEach(async () => {
    head = await login(ctx.t, 'head.a');
    lobbyMgr = await login(ctx.t, 'lobby.a');
    floor = await makeFloor(ctx.t, ctx.cast.outletA);
    token = (await makeToken(head, ctx.cast.outletA)).token;
  });
  const url = (p: string) => `/api/v1/outlets/${ctx.cast.outletA}${p}`;

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
        since: ctx.t.clock.now().toISOString(),
      },
    ]);
    ctx.t.clock.advanceMinutes(5);
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
    const staffUser = await login(ctx.t, 'consultant');
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
    expectSheetHead(sheet, {
      title: '厅堂日志',
      filter: '日期：2026-11-02',
      headers: ['时间', '类别', '操作人', '原模式', '新模式', '内容'],
    });
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
    const admin = await login(ctx.t, 'admin');
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
    ctx.t.clock.advanceMinutes(21); // the override ran out: back to the plan (rotating)
    await ctx.t.app.services.lobby.tick();
    s = (await head.get(url('/lobby'))).json();
    expect(s.mode.source).toBe('plan');
    ctx.t.clock.advanceMinutes(10); // 09:31: the plan says fixed
    await ctx.t.app.services.lobby.tick();
    lobbyMgr = await login(ctx.t, 'lobby.a'); // the session went idle meanwhile
    head = await login(ctx.t, 'head.a');
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
    // waits under the limit: no elastic-window prompt among the backfill ones (prompts/elastic.int.test.ts)
    await head.put(url('/lobby/settings'), { serviceLevelTarget: 0.8, targetWaitMinutes: 60 });
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
      ctx.t,
      ctx.cast.outletA,
      token,
      ['A1', 'A2', 'A3'].map((k, i) => ev(k, 'issued', `08:4${i}`)),
    );
    expect((await head.get(url('/lobby'))).json().prompts).toEqual([]);
    await send(ctx.t, ctx.cast.outletA, token, [ev('A4', 'issued', '08:59')]);
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
    ctx.t.clock.advanceMinutes(0.5);
    await ctx.t.app.services.lobby.tick();
    expect((await head.get(url('/lobby'))).json().prompts[0].staffId).toBe(floor.wang);
    ctx.t.clock.advanceMinutes(0.6);
    await ctx.t.app.services.lobby.tick();
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
      ctx.t,
      ctx.cast.outletA,
      token,
      ['A1', 'A2', 'A3', 'A4'].map((k) => ev(k, 'called', '09:00', { counter: '1' })),
    );
    await send(
      ctx.t,
      ctx.cast.outletA,
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
      ctx.t,
      ctx.cast.outletA,
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
        outlet_id: ctx.cast.outletA,
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
    await ctx.t.database.db.insertInto('ticket_events').values(rows).execute();
    const hist = (await lobbyMgr.post(url('/mode-plan/recommend'), { weekday: 0, replications: 1 })).json();
    expect(hist.source).toBe('history');
    expect(hist.slots[1].arrivalsPerHour).toBeGreaterThan(0);
    expect(hist.slots[5].arrivalsPerHour).toBe(0);

    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.post(url('/mode-plan/recommend'), {})).statusCode).toBe(403);
    const admin = await login(ctx.t, 'admin');
    const none = await admin.post(`/api/v1/outlets/${ctx.cast.outletB}/mode-plan/recommend`, {});
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('LOBBY_NO_ZONES');
  });
});

describe('live lobby: one scope guard for every concern', () => {
  const ctx = useCastApp({ signIn: false });

  const plan = { days: Array.from({ length: 7 }, () => Array.from({ length: 48 }, () => 'fixed')) };
  const settings = { serviceLevelTarget: 0.8, targetWaitMinutes: 10 };
  /** [what, call] per endpoint of the lobby that takes an outlet */
  const reads = (c: Client, o: string) =>
    [
      ['board', c.get(`/api/v1/outlets/${o}/lobby`)],
      ['settings', c.get(`/api/v1/outlets/${o}/lobby/settings`)],
      ['mode plan', c.get(`/api/v1/outlets/${o}/mode-plan`)],
      ['rules', c.get(`/api/v1/outlets/${o}/backfill-rules`)],
      ['log', c.get(`/api/v1/outlets/${o}/lobby/log`)],
      ['log export', c.get(`/api/v1/outlets/${o}/lobby/log/export.xlsx`)],
      ['replay', c.get(`/api/v1/outlets/${o}/lobby/replay`)],
    ] as const;
  const configure = (c: Client, o: string) =>
    [
      ['tokens', c.get(`/api/v1/outlets/${o}/machine-tokens`)],
      ['token export', c.get(`/api/v1/outlets/${o}/machine-tokens/export.xlsx`)],
      ['put settings', c.put(`/api/v1/outlets/${o}/lobby/settings`, settings)],
      ['put plan', c.put(`/api/v1/outlets/${o}/mode-plan`, plan)],
      ['put rules', c.put(`/api/v1/outlets/${o}/backfill-rules`, { rules: [] })],
      ['import mapping', c.get(`/api/v1/outlets/${o}/ticket-import/mapping`)],
      ['import batches', c.get(`/api/v1/outlets/${o}/ticket-import/batches`)],
    ] as const;
  const operate = (c: Client, o: string) =>
    [
      ['check-in', c.post(`/api/v1/outlets/${o}/lobby/check-in`, { staffId: 'x', postId: 'y' })],
      ['mode', c.post(`/api/v1/outlets/${o}/lobby/mode`, { mode: 'rotating', reason: 'r' })],
      ['recommend', c.post(`/api/v1/outlets/${o}/mode-plan/recommend`, {})],
    ] as const;
  const statuses = async (calls: readonly (readonly [string, Promise<{ statusCode: number }>])[]) =>
    Object.fromEntries(await Promise.all(calls.map(async ([k, p]) => [k, (await p).statusCode])));
  const all = (calls: readonly (readonly [string, unknown])[], status: number) =>
    Object.fromEntries(calls.map(([k]) => [k, status]));

  it('hides another outlet (404), lets readers read and refuses what their role may not do (403)', async () => {
    const head = await login(ctx.t, 'head.a');
    const other = [
      ...reads(head, ctx.cast.outletB),
      ...configure(head, ctx.cast.outletB),
      ...operate(head, ctx.cast.outletB),
      ['answer', head.post(`/api/v1/outlets/${ctx.cast.outletB}/lobby/prompts/p1/ack`)] as const,
    ];
    expect(await statuses(other)).toEqual(all(other, 404));

    // A consultant sees the branch's lobbies but runs none of them.
    const consultant = await login(ctx.t, 'consultant');
    const read = reads(consultant, ctx.cast.outletA);
    expect(await statuses(read)).toEqual(all(read, 200));
    const refused = [
      ...configure(consultant, ctx.cast.outletA),
      ...operate(consultant, ctx.cast.outletA),
      ['answer', consultant.post(`/api/v1/outlets/${ctx.cast.outletA}/lobby/prompts/p1/ack`)] as const,
    ];
    expect(await statuses(refused)).toEqual(all(refused, 403));

    // The lobby manager operates but does not configure; an unknown prompt of the own outlet: 404.
    const lobby = await login(ctx.t, 'lobby.a');
    const cfg = configure(lobby, ctx.cast.outletA);
    expect(await statuses(cfg)).toEqual(all(cfg, 403));
    const answer = await lobby.post(`/api/v1/outlets/${ctx.cast.outletA}/lobby/prompts/p1/ack`);
    expect(answer.statusCode).toBe(404);
    expect(answer.json().code).toBe('NOT_FOUND');
  });
});

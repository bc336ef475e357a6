import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../lib/ids';
import { type Client, login, useCastApp } from '../../../test/harness';
import * as rosters from '../../roster/roster.repository';
import { ev, makeFloor, makeToken, send } from '../lobby.fixtures';
import { rosterOnShift } from './on-shift';

interface Prompt {
  id: string;
  kind: string;
  staffId: string;
  postId: string;
  attempt: number;
  status: string;
  messageZh: string;
  messageEn: string;
  data: Record<string, unknown>;
}
const elastic = (view: { prompts: Prompt[] }) => view.prompts.filter((p) => p.kind === 'elastic');

describe('elastic-window prompt (弹性窗口): the roster names who opens a counter', () => {
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
  const board = async () => (await head.get(url('/lobby'))).json() as { prompts: Prompt[] };

  /** The week's published roster: these people on Monday 2026-11-02, 08:30–17:30. */
  async function publish(staffIds: string[]) {
    const now = ctx.t.clock.now().toISOString();
    const id = newId();
    await rosters.insertRoster(ctx.t.database.db, {
      id,
      outlet_id: ctx.cast.outletA,
      week_start: '2026-11-02',
      version: 1,
      status: 'published',
      solver_status: 'optimal',
      objective: null,
      bound: null,
      gap: null,
      summary_json: '{}',
      created_by: 'test',
      created_at: now,
      updated_at: now,
      published_by: 'test',
      published_at: now,
    });
    await rosters.insertShifts(
      ctx.t.database.db,
      staffIds.map((staffId) => ({
        id: newId(),
        roster_id: id,
        staff_id: staffId,
        day: '2026-11-02',
        start_time: '08:30',
        end_time: '17:30',
        post: 'cash',
        posts_json: null,
        break_start: null,
        break_end: null,
      })),
    );
  }

  it('asks the people on shift in order, the next on a time-out; acknowledging opens the counter', async () => {
    // 王芳 and 李强 on shift; 赵磊 serves the cash counter (on shift too); nobody else.
    await publish([floor.wang, floor.li, floor.zhao]);
    await lobbyMgr.post(url('/lobby/check-in'), { staffId: floor.zhao, postId: floor.cashPost });
    await lobbyMgr.post(url('/lobby/check-in'), { staffId: floor.li, postId: floor.welcomePost });
    // Three waiting since 08:40 (20 min at 09:00 > the 10-minute limit), one counter of three open.
    await send(
      ctx.t,
      ctx.cast.outletA,
      token,
      ['A1', 'A2', 'A3'].map((k, i) => ev(k, 'issued', `08:4${i}`)),
    );
    let s = elastic(await board());
    expect(s).toHaveLength(1);
    // 李强 is in the lobby (at the welcome post): asked before 王芳, who is not checked in.
    expect(s[0]).toMatchObject({ staffId: floor.li, postId: floor.cashPost, attempt: 1, status: 'pending' });
    expect(s[0]!.messageZh).toBe(
      '09:00–09:30 现金区 实到 0 人，最长等候 20 分钟 > 10 分钟，已开 1/3 个窗口：请 李强 开启弹性窗口',
    );
    expect(s[0]!.messageEn).toBe(
      '09:00–09:30 现金区: 0 arrived, longest wait 20 min > 10 min, 1/3 counters open: 李强, please open an elastic window',
    );
    expect(s[0]!.data).toMatchObject({ zoneName: '现金区', overWait: true, surge: false, forecast: null });

    // Unanswered for 60 s: 王芳 is next; still one elastic prompt for the zone.
    ctx.t.clock.advanceMinutes(1.1);
    await ctx.t.app.services.lobby.tick();
    s = elastic(await board());
    expect(s.map((p) => [p.staffId, p.attempt])).toEqual([[floor.wang, 2]]);
    const acked = await lobbyMgr.post(url(`/lobby/prompts/${s[0]!.id}/ack`));
    expect(acked.statusCode).toBe(200);
    const view = acked.json();
    expect(view.presence.find((p: { staffId: string }) => p.staffId === floor.wang).postId).toBe(
      floor.cashPost,
    );
    expect(elastic(view)[0]).toMatchObject({ staffId: floor.wang, status: 'acknowledged' });

    // The queue is called: the condition clears and the prompt closes.
    await send(
      ctx.t,
      ctx.cast.outletA,
      token,
      ['A1', 'A2', 'A3'].map((k) => ev(k, 'called', '09:01', { counter: '1' })),
    );
    expect(elastic(await board())).toEqual([]);
    const log = (await head.get(url('/lobby/log?pageSize=200'))).json();
    expect(
      log.items
        .filter((l: { kind: string }) => l.kind.startsWith('prompt'))
        .map((l: { kind: string }) => l.kind),
    ).toEqual(['prompt', 'prompt_expired', 'prompt', 'prompt_ack']);
  });

  it('passes to the next on a decline, then tells the lobby manager when nobody on shift is left', async () => {
    await publish([floor.wang, floor.li]);
    await send(
      ctx.t,
      ctx.cast.outletA,
      token,
      ['A1', 'A2'].map((k, i) => ev(k, 'issued', `08:4${i}`)),
    );
    // neither is in the lobby: asked in staff (employee-number) order, one then the other
    let s = elastic(await board());
    expect(s).toHaveLength(1);
    const first = s[0]!.staffId;
    expect([floor.wang, floor.li]).toContain(first);
    await lobbyMgr.post(url(`/lobby/prompts/${s[0]!.id}/decline`));
    s = elastic(await board());
    expect(s.map((p) => [p.staffId, p.attempt])).toEqual([[first === floor.wang ? floor.li : floor.wang, 2]]);
    const again = await lobbyMgr.post(url(`/lobby/prompts/${s[0]!.id}/decline`));
    s = elastic(again.json());
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ staffId: '', attempt: 3, data: { nobody: 'nobody_free' } });
    expect(s[0]!.messageZh).toContain('当班人员中无可开窗的人，请大堂经理安排开启弹性窗口');
    // The lobby manager has seen it: gone from the board, and not repeated while the wait lasts.
    const seen = await lobbyMgr.post(url(`/lobby/prompts/${s[0]!.id}/ack`));
    expect(seen.statusCode).toBe(200);
    expect(elastic(seen.json())).toEqual([]);
    expect(seen.json().presence).toEqual([]);
    ctx.t.clock.advanceMinutes(2);
    await ctx.t.app.services.lobby.tick();
    expect(elastic(await board())).toEqual([]);
  });

  it('without a published roster names nobody and says so; clears and fires again', async () => {
    await lobbyMgr.post(url('/lobby/check-in'), { staffId: floor.zhao, postId: floor.cashPost });
    await send(ctx.t, ctx.cast.outletA, token, [ev('A1', 'issued', '08:45')]);
    let s = elastic(await board());
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ staffId: '', status: 'pending', data: { nobody: 'no_roster' } });
    expect(s[0]!.messageZh).toBe(
      '09:00–09:30 现金区 实到 0 人，最长等候 15 分钟 > 10 分钟，已开 1/3 个窗口：今日无已发布排班，无法指定当班人员，请大堂经理安排开启弹性窗口',
    );
    // The home page of the lobby manager's outlet lists it too (the outlet head sees all prompts).
    const home = (await head.get('/api/v1/home')).json();
    expect(JSON.stringify(home)).toContain('今日无已发布排班');
    // The customer is called: the notice is withdrawn; a new wait fires a new one.
    await send(ctx.t, ctx.cast.outletA, token, [ev('A1', 'called', '09:00', { counter: '1' })]);
    expect(elastic(await board())).toEqual([]);
    await send(ctx.t, ctx.cast.outletA, token, [ev('A2', 'issued', '08:30')]);
    s = elastic(await board());
    expect(s.map((p) => [p.attempt, p.data.oldestWaitMinutes])).toEqual([[1, 30]]);
  });

  it('keeps its thresholds in the lobby settings: off means no prompt', async () => {
    const settings = (await head.get(url('/lobby/settings'))).json();
    expect(settings.elastic).toEqual({ enabled: true, surgeShare: 0.3, minArrivals: 5 });
    const bad = await head.put(url('/lobby/settings'), {
      serviceLevelTarget: 0.8,
      targetWaitMinutes: 10,
      elastic: { enabled: true, surgeShare: -1, minArrivals: 5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.elastic.surgeShare');
    const off = { enabled: false, surgeShare: 0.5, minArrivals: 8 };
    const put = await head.put(url('/lobby/settings'), {
      serviceLevelTarget: 0.8,
      targetWaitMinutes: 10,
      elastic: off,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().elastic).toEqual(off);
    // absent: unchanged
    await head.put(url('/lobby/settings'), { serviceLevelTarget: 0.8, targetWaitMinutes: 10 });
    expect((await head.get(url('/lobby/settings'))).json().elastic).toEqual(off);
    await send(ctx.t, ctx.cast.outletA, token, [ev('A1', 'issued', '08:30')]);
    expect(elastic(await board())).toEqual([]);
    // on again: the 30-minute wait fires it at the next event
    await head.put(url('/lobby/settings'), {
      serviceLevelTarget: 0.8,
      targetWaitMinutes: 10,
      elastic: { ...off, enabled: true },
    });
    await send(ctx.t, ctx.cast.outletA, token, [ev('A2', 'issued', '08:59')]);
    expect(elastic(await board())).toHaveLength(1);
  });

  it('fires on arrivals above today’s forecast (read in the background), saying by how much', async () => {
    // today's forecast: 2 cash customers for 09:00–09:30 (slot 18)
    const perSlot = Array.from({ length: 48 }, (_, k) => (k === 18 ? 2 : 0));
    ctx.t.app.services.lobby.prompts.useElastic({
      forecast: { arrivalsOn: async () => new Map([['cash', perSlot]]) },
      onShift: rosterOnShift(ctx.t.database.db, ctx.t.app.services.rosters),
    });
    await publish([floor.wang]);
    // six just issued: no wait; the first evaluation starts reading the forecast
    await send(
      ctx.t,
      ctx.cast.outletA,
      token,
      ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((k) => ev(k, 'issued', '09:00')),
    );
    expect(elastic(await board())).toEqual([]);
    await send(ctx.t, ctx.cast.outletA, token, [ev('A7', 'issued', '09:00')]);
    const s = elastic(await board());
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ staffId: floor.wang, data: { surge: true, overWait: false, gap: 2.5 } });
    expect(s[0]!.messageZh).toBe(
      '09:00–09:30 现金区 实到 7 人，预测 2 人（+250%），最长等候 0 分钟，已开 0/3 个窗口：请 王芳 开启弹性窗口',
    );
  });

  it('stays quiet while waits are within the limit and every counter that could open is open', async () => {
    await publish([floor.wang, floor.li]);
    await send(ctx.t, ctx.cast.outletA, token, [ev('A1', 'issued', '08:55')]);
    expect(elastic(await board())).toEqual([]);
    // the zone's three counters staffed: a long wait asks nobody to open one
    for (const staffId of [floor.wang, floor.li, floor.zhao])
      await lobbyMgr.post(url('/lobby/check-in'), { staffId, postId: floor.cashPost });
    await send(ctx.t, ctx.cast.outletA, token, [ev('A2', 'issued', '08:30')]);
    expect(elastic(await board())).toEqual([]);
  });
});

import type { Home, HomeComplaint, HomePrompt, HomeSectionKey, HomeTask } from '@liangdian/shared/api';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids';
import { complaintBody, decisionBody as decision } from '../../test/complaints';
import { type Client, firstLogin, login, makeStaff, makeUser, useCastApp } from '../../test/harness';

/** A complaint received at `receivedAt` (the home page sorts and filters by it). */
const complaint = (outletId: string, receivedAt: string, over: Record<string, unknown> = {}) =>
  complaintBody(outletId, { receivedAt, ...over });

async function home(c: Client): Promise<Home> {
  const res = await c.get('/api/v1/home');
  expect(res.statusCode).toBe(200);
  return res.json();
}
function section<K extends HomeSectionKey>(h: Home, key: K) {
  return h.sections.find((s) => s.key === key) as
    | {
        key: K;
        total: number;
        items: (K extends 'complaints' ? HomeComplaint : K extends 'prompts' ? HomePrompt : HomeTask)[];
      }
    | undefined;
}
const nos = (h: Home) => section(h, 'complaints')?.items.map((c) => c.no);

describe('home page (工作台)', () => {
  const ctx = useCastApp(); // the clock: 2026-11-02 09:00 Beijing
  beforeEach(async () => {
    await makeUser(ctx.t, ctx.cast.branchId, 'outlet_head', ctx.cast.outletB, 'head.b');
  });

  const register = async (outletId: string, receivedAt: string, over: Record<string, unknown> = {}) => {
    const res = await ctx.admin.post('/api/v1/complaints', complaint(outletId, receivedAt, over));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; no: string; deadline: { dueOn: string } };
  };

  it('lists the complaints that fall due for whoever can act on them, on the injected clock', async () => {
    const soonA = await register(ctx.cast.outletA, '2026-10-20T10:00:00+08:00'); // due 11-04: 2 days left
    const freshA = await register(ctx.cast.outletA, '2026-11-02T08:00:00+08:00'); // due 11-17
    const lateB = await register(ctx.cast.outletB, '2026-10-10T10:00:00+08:00', {
      handlerId: ctx.cast.cpo.id,
    }); // due 10-25
    expect(soonA.deadline.dueOn).toBe('2026-11-04');
    expect(lateB.deadline.dueOn).toBe('2026-10-25');

    // the outlet head sees their outlet's complaint due in 2 days, not another outlet's
    const headA = await home(await login(ctx.t, 'head.a'));
    expect(headA.today).toBe('2026-11-02');
    expect(section(headA, 'complaints')).toMatchObject({
      total: 1,
      items: [
        {
          id: soonA.id,
          no: soonA.no,
          outletName: '甲支行',
          status: 'registered',
          dueOn: '2026-11-04',
          daysLeft: 2,
          overdue: false,
          mine: false,
        },
      ],
    });
    const headB = await home(await login(ctx.t, 'head.b'));
    expect(nos(headB)).toEqual([lateB.no]);
    expect(section(headB, 'complaints')!.items[0]).toMatchObject({ overdue: true, daysLeft: -8 });

    // the officer sees the branch's, the ones they handle first
    const cpo = await home(await login(ctx.t, 'cpo'));
    expect(nos(cpo)).toEqual([lateB.no, soonA.no]);
    expect(section(cpo, 'complaints')!.items[0]).toMatchObject({ mine: true, handlerName: 'cpo' });
    expect(nos(cpo)).not.toContain(freshA.no);

    // roles that take no step of the process have no complaints section
    for (const who of ['reviewer', 'consultant']) {
      expect(section(await home(await login(ctx.t, who)), 'complaints')).toBeUndefined();
    }

    // the lobby manager of the outlet can take the first step
    expect(nos(await home(await login(ctx.t, 'lobby.a')))).toEqual([soonA.no]);
    // decided, the deadline still runs until the complainant is told (Art. 18); once told, no
    // deadline runs: the complaint leaves every list
    await ctx.admin.post(`/api/v1/complaints/${lateB.id}/acknowledge`, {});
    await ctx.admin.post(`/api/v1/complaints/${lateB.id}/investigate`, {});
    expect((await ctx.admin.post(`/api/v1/complaints/${lateB.id}/decide`, decision)).statusCode).toBe(200);
    expect(nos(await home(await login(ctx.t, 'cpo')))).toEqual([lateB.no, soonA.no]);
    const told = { method: 'phone', proof: '电话录音' };
    expect((await ctx.admin.post(`/api/v1/complaints/${lateB.id}/inform`, told)).statusCode).toBe(200);
    expect(nos(await home(await login(ctx.t, 'cpo')))).toEqual([soonA.no]);
    expect(section(await home(await login(ctx.t, 'head.b')), 'complaints')).toMatchObject({ total: 0 });

    // three days later the complaint is overdue, and the fresh one is still not due
    ctx.t.clock.set('2026-11-05T01:00:00Z');
    const later = await home(await login(ctx.t, 'head.a'));
    expect(later.today).toBe('2026-11-05');
    expect(section(later, 'complaints')!.items).toMatchObject([
      { id: soonA.id, daysLeft: -1, overdue: true },
    ]);
  });

  it('counts days in Beijing time, whatever the hour in UTC', async () => {
    const c = await register(ctx.cast.outletA, '2026-10-21T10:00:00+08:00'); // due 11-05
    expect(c.deadline.dueOn).toBe('2026-11-05');
    ctx.t.clock.set('2026-11-01T15:30:00Z'); // 23:30 on 11-01 in Beijing: 4 days left
    let head = await login(ctx.t, 'head.a');
    let h = await home(head);
    expect(h.today).toBe('2026-11-01');
    expect(section(h, 'complaints')).toMatchObject({ total: 0, items: [] });
    ctx.t.clock.set('2026-11-01T16:30:00Z'); // 00:30 on 11-02 in Beijing: 3 days left
    head = await login(ctx.t, 'head.a');
    h = await home(head);
    expect(h.today).toBe('2026-11-02');
    expect(section(h, 'complaints')!.items).toMatchObject([{ id: c.id, daysLeft: 3 }]);
  });

  it('lists backfill prompts and rectification tasks for the person they are addressed to', async () => {
    // a lobby manager with a staff record and a login made from it
    const staffId = await makeStaff(ctx.t, ctx.cast.outletA, '赵敏', ['lobby_manager']);
    const created = await ctx.admin.post('/api/v1/users', {
      username: 'zhao.min',
      displayName: '赵敏',
      role: 'lobby_manager',
      outletId: ctx.cast.outletA,
      password: 'given-by-admin-1',
      staffId,
    });
    expect(created.statusCode).toBe(201);
    await firstLogin(ctx.t, 'zhao.min', 'given-by-admin-1');
    const other = await makeStaff(ctx.t, ctx.cast.outletA, '钱进');
    const post = (
      await ctx.admin.post(`/api/v1/outlets/${ctx.cast.outletA}/posts`, { kind: 'welcome', name: '迎宾位' })
    ).json();
    const postB = (
      await ctx.admin.post(`/api/v1/outlets/${ctx.cast.outletB}/posts`, { kind: 'welcome', name: '迎宾位B' })
    ).json();
    const staffB = await makeStaff(ctx.t, ctx.cast.outletB, '孙涛');
    const now = ctx.t.clock.now();
    const prompt = async (
      outletId: string,
      to: string,
      postId: string,
      over: Partial<{ status: string; expires_at: string | null; day: string; created_at: string }> = {},
    ) => {
      const id = newId();
      await ctx.t.database.db
        .insertInto('backfill_prompts')
        .values({
          id,
          outlet_id: outletId,
          day: '2026-11-02',
          rule_id: 'r1',
          activation_id: newId(),
          kind: 'backfill',
          post_id: postId,
          staff_id: to,
          attempt: 1,
          status: 'pending',
          open_key: null,
          data_json: '{}',
          message_zh: '请到迎宾位补位',
          message_en: 'Please cover the welcome post',
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + 5 * 60_000).toISOString(),
          answered_at: null,
          answered_by: null,
          ...over,
        })
        .execute();
      return id;
    };
    const toZhao = await prompt(ctx.cast.outletA, staffId, post.id);
    const toQian = await prompt(ctx.cast.outletA, other, post.id, {
      created_at: new Date(now.getTime() + 1000).toISOString(),
    });
    await prompt(ctx.cast.outletA, staffId, post.id, {
      expires_at: new Date(now.getTime() - 1000).toISOString(),
    });
    await prompt(ctx.cast.outletA, staffId, post.id, { status: 'acknowledged' });
    await prompt(ctx.cast.outletA, staffId, post.id, { day: '2026-11-01' });
    await prompt(ctx.cast.outletB, staffB, postB.id);

    // tasks: one assigned to 赵敏 due soon, one of the outlet due later, one at outlet B
    const c = await register(ctx.cast.outletA, '2026-11-01T10:00:00+08:00');
    const task = (body: object) => ctx.admin.post(`/api/v1/complaints/${c.id}/tasks`, body);
    const mineTask = (
      await task({ title: '整理叫号机', owner: '赵敏', ownerStaffId: staffId, dueOn: '2026-11-04' })
    ).json();
    const outletTask = (await task({ title: '开展服务培训', owner: '王经理', dueOn: '2026-11-30' })).json();
    const cB = await register(ctx.cast.outletB, '2026-11-01T10:00:00+08:00');
    await ctx.admin.post(`/api/v1/complaints/${cB.id}/tasks`, {
      title: '乙网点整改',
      owner: '孙涛',
      dueOn: '2026-11-03',
    });

    // in the reader's language (the one saved for them)
    const zhaoClient = await login(ctx.t, 'zhao.min');
    expect((await zhaoClient.patch('/api/v1/auth/me', { locale: 'en-US' })).statusCode).toBe(200);
    const zhao = await home(zhaoClient);
    expect(zhao.staffLinked).toBe(true);
    expect(section(zhao, 'prompts')).toMatchObject({
      total: 1,
      items: [
        {
          id: toZhao,
          message: 'Please cover the welcome post',
          staffName: '赵敏',
          postName: '迎宾位',
          outletName: '甲支行',
          mine: true,
        },
      ],
    });
    expect(section(zhao, 'tasks')).toMatchObject({
      total: 1,
      items: [{ id: mineTask.id, complaintId: c.id, complaintNo: c.no, daysLeft: 2, mine: true }],
    });

    // the outlet head sees every prompt waiting at the outlet and every open task of it
    const head = await home(await login(ctx.t, 'head.a'));
    expect(section(head, 'prompts')!.items.map((p) => p.id)).toEqual([toZhao, toQian]);
    expect(section(head, 'prompts')!.items[0]!.message).toBe('请到迎宾位补位');
    expect(section(head, 'tasks')!.items.map((x) => x.id)).toEqual([mineTask.id, outletTask.id]);

    // a lobby manager without a staff record: nothing can be addressed to them, and the page says so
    const unlinked = await home(await login(ctx.t, 'lobby.a'));
    expect(unlinked.staffLinked).toBe(false);
    expect(section(unlinked, 'prompts')).toEqual({ key: 'prompts', total: 0, items: [] });
    expect(section(unlinked, 'tasks')).toEqual({ key: 'tasks', total: 0, items: [] });

    // the officer: no lobby prompts; the branch's tasks that fall due (not the one due on 11-30)
    const cpo = await home(await login(ctx.t, 'cpo'));
    expect(section(cpo, 'prompts')).toBeUndefined();
    expect(section(cpo, 'tasks')!.items.map((x) => x.title)).toEqual(['乙网点整改', '整理叫号机']);
    expect(cpo.sections.map((s) => s.key)).toEqual(['complaints', 'tasks']);

    // a done task leaves the list
    await ctx.admin.patch(`/api/v1/rectification-tasks/${mineTask.id}`, { status: 'done' });
    expect(section(await home(await login(ctx.t, 'zhao.min')), 'tasks')).toMatchObject({ total: 0 });
  });

  it('answers only a signed-in user', async () => {
    expect((await ctx.t.app.inject({ url: '/api/v1/home' })).statusCode).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { complaintBody as complaint } from '../../test/complaints';
import { type Client, login, makeUser, useCastApp } from '../../test/harness';

/**
 * The deadline reminders, driven by the injected clock: the scheduler (app.reminders) decides from
 * the clock's time what is due; the test moves the clock and ticks it as app.ts's timer would.
 */
describe('complaint reminders: handler, outlet head and branch officer, per case or as a digest', () => {
  const ctx = useCastApp();

  /** Registered `daysAgo` days before the clock's day (15-day deadline: due in 15 − daysAgo days). */
  const register = async (head: Client, receivedAt: string) => {
    const res = await head.post('/api/v1/complaints', complaint(ctx.cast.outletA, { receivedAt }));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; no: string; deadline: { dueOn: string; daysLeft: number } };
  };
  const bell = async (who: Client) =>
    (await who.get('/api/v1/notifications')).json() as {
      total: number;
      unread: number;
      items: { kind: string; entityId: string; day: string; data: Record<string, unknown> }[];
    };
  const tick = () => ctx.t.app.reminders.tick(ctx.t.clock.now());

  it('tells the handler, the outlet head and the officer of a case due in 2 days; a case due in 5 only when the clock moves; once a day', async () => {
    // the clock starts at 2026-11-02 09:00 Beijing; the app already ran the morning (nothing due)
    const handler = await makeUser(ctx.t, ctx.cast.branchId, 'lobby_manager', ctx.cast.outletA, 'handler.a');
    const otherOfficer = await makeUser(ctx.t, ctx.cast.branchId, 'cp_officer', null, 'cpo2');
    let head = await login(ctx.t, 'head.a');
    const soon = await register(head, '2026-10-21T10:00:00+08:00'); // due 11-05
    const later = await register(head, '2026-10-24T10:00:00+08:00'); // due 11-08
    expect(soon.deadline).toMatchObject({ dueOn: '2026-11-05', daysLeft: 3 });
    expect(later.deadline).toMatchObject({ dueOn: '2026-11-08', daysLeft: 6 });
    await ctx.t.database.db
      .updateTable('complaints')
      .set({ handler_id: handler.id })
      .where('id', '=', soon.id)
      .execute();

    // the morning's run is done for the day; the next tick in this hour does nothing
    expect(await tick()).toEqual({ scope: null, created: 0 });
    // at 10:00 the hour's run looks only at what falls due today: nothing
    ctx.t.clock.advanceMinutes(60);
    expect(await tick()).toEqual({ scope: 'today', created: 0 });

    // the next morning at 07:59 nothing runs; at 08:00 the morning's run
    ctx.t.clock.set('2026-11-03T07:59:00+08:00');
    expect(await tick()).toEqual({ scope: null, created: 0 });
    ctx.t.clock.set('2026-11-03T08:00:00+08:00');
    // soon (2 days left): handler, head.a, cpo, cpo2 — later (5 days left): nothing yet
    expect(await tick()).toEqual({ scope: 'window', created: 4 });
    head = await login(ctx.t, 'head.a');
    const cpo = await login(ctx.t, 'cpo');
    const cpo2 = await login(ctx.t, otherOfficer.username);
    const handlerClient = await login(ctx.t, 'handler.a');
    for (const who of [head, cpo, cpo2, handlerClient]) {
      const mine = await bell(who);
      expect(mine).toMatchObject({ total: 1, unread: 1 });
      expect(mine.items[0]).toMatchObject({
        kind: 'complaint_due_soon',
        entityId: soon.id,
        day: '2026-11-03',
        data: { no: soon.no, dueOn: '2026-11-05', daysLeft: 2 },
      });
    }
    // admins and other outlets' people are not told
    expect((await bell(await login(ctx.t, 'admin'))).total).toBe(0);
    expect((await bell(await login(ctx.t, 'lobby.a'))).total).toBe(0);

    // no repeats the same day: every later hour and a restart's run make nothing new
    ctx.t.clock.set('2026-11-03T11:00:00+08:00');
    expect(await tick()).toEqual({ scope: 'today', created: 0 });
    expect(await ctx.t.app.services.notifications.generateDueNotifications(ctx.t.clock.now())).toBe(0);

    // three days on, `later` is within 3 days (2 left) and `soon` overdue: both told
    ctx.t.clock.set('2026-11-06T08:30:00+08:00');
    expect(await tick()).toEqual({ scope: 'window', created: 7 }); // soon: 4 people; later: head, cpo, cpo2
    const officer = await bell(await login(ctx.t, 'cpo'));
    expect(officer.items.filter((n) => n.day === '2026-11-06').map((n) => [n.kind, n.entityId])).toEqual(
      expect.arrayContaining([
        ['complaint_overdue', soon.id],
        ['complaint_due_soon', later.id],
      ]),
    );
  });

  it('gives a user who chose the digest one notification a morning listing their cases', async () => {
    let cpo = await login(ctx.t, 'cpo');
    expect((await cpo.get('/api/v1/notifications/preferences')).json()).toEqual({ digest: false });
    const set = await cpo.put('/api/v1/notifications/preferences', { digest: true });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ digest: true });
    expect((await cpo.get('/api/v1/notifications/preferences')).json()).toEqual({ digest: true });
    expect((await cpo.put('/api/v1/notifications/preferences', { digest: 'yes' })).statusCode).toBe(400);
    const audit = await ctx.t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'notification_preferences')
      .execute();
    expect(audit).toHaveLength(1);

    const head = await login(ctx.t, 'head.a');
    const a = await register(head, '2026-10-19T10:00:00+08:00'); // due 11-03
    const b = await register(head, '2026-10-20T10:00:00+08:00'); // due 11-04
    const c = await register(head, '2026-10-10T10:00:00+08:00'); // due 10-25: overdue

    ctx.t.clock.set('2026-11-03T08:05:00+08:00');
    // head.a: one per case (3); cpo: one digest
    expect(await ctx.t.app.reminders.tick(ctx.t.clock.now())).toEqual({ scope: 'window', created: 4 });
    cpo = await login(ctx.t, 'cpo');
    const mine = await bell(cpo);
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'complaint_digest',
      day: '2026-11-03',
      data: { count: 3, overdue: 1 },
    });
    expect((mine.items[0]!.data.items as { id: string }[]).map((i) => i.id)).toEqual([c.id, a.id, b.id]);
    expect((await bell(await login(ctx.t, 'head.a'))).total).toBe(3);
    // the hour's run (a falls due today) leaves the digest user to the digest; no repeats
    ctx.t.clock.set('2026-11-03T09:00:00+08:00');
    expect(await ctx.t.app.reminders.tick(ctx.t.clock.now())).toEqual({ scope: 'today', created: 0 });
    expect((await bell(await login(ctx.t, 'cpo'))).total).toBe(1);
  });
});

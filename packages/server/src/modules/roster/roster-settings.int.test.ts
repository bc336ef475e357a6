import { describe, expect, it } from 'vitest';
import { login, makeStaff, useCastApp } from '../../test/harness';

/**
 * What the rules, leave and preferences pages need beyond the roster suite: the defaults in every
 * rules answer (restore defaults), a rule change kept and refused with the field named, leave
 * changed in place (audited, checked like a new record, refused to readers), and the leave of a
 * month and of one person.
 */
describe('roster settings', () => {
  const s = useCastApp();
  const url = (p: string, outlet = s.cast.outletA) => `/api/v1/outlets/${outlet}${p}`;
  const audit = (entityId: string) =>
    s.t.database.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  it('answers the defaults with the rules, before and after an outlet sets its own', async () => {
    const first = (await s.admin.get(url('/roster-rules'))).json();
    expect(first.source).toBe('default');
    expect(first.defaults).toEqual(first.rules);
    expect(first.defaults.labour).toMatchObject({ maxHoursPerDay: 8, maxHoursPerWeek: 40, minRestHours: 11 });
    expect(first.defaults.weights.underCoverage).toBe(1000);

    const changed = {
      ...first.rules,
      labour: { ...first.rules.labour, maxHoursPerDay: 7.5, minRestHours: 12 },
    };
    const put = await s.admin.put(url('/roster-rules'), changed);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ source: 'outlet', defaults: first.defaults });
    const again = (await s.admin.get(url('/roster-rules'))).json();
    expect(again.rules.labour).toMatchObject({ maxHoursPerDay: 7.5, minRestHours: 12 });
    expect(again.defaults.labour.maxHoursPerDay).toBe(8);

    // restore defaults: the page puts the defaults back as the outlet's rules
    const restored = await s.admin.put(url('/roster-rules'), again.defaults);
    expect(restored.statusCode).toBe(200);
    expect((await s.admin.get(url('/roster-rules'))).json().rules).toEqual(first.defaults);
    expect((await audit(s.cast.outletA)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('refuses a bad rule with the field named, in the reader’s language', async () => {
    const { rules } = (await s.admin.get(url('/roster-rules'))).json();
    const bad = await s.admin.put(
      url('/roster-rules'),
      { ...rules, labour: { ...rules.labour, minRestHours: 30 } },
      { 'accept-language': 'zh-CN' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'body.labour.minRestHours' });
    expect(bad.json().errors[0].message).toContain('24');
    const window = await s.admin.put(url('/roster-rules'), {
      ...rules,
      shifts: rules.shifts.map((r: { mealBreak: object }, i: number) =>
        i === 1 ? { ...r, mealBreak: { afterHours: 6, minutes: 60, window: ['14:00', '11:00'] } } : r,
      ),
    });
    expect(window.statusCode).toBe(400);
    expect(window.json().errors[0].field).toBe('body.shifts.1.mealBreak.window');
    expect((await s.admin.get(url('/roster-rules'))).json().source).toBe('default');
  });

  it('changes leave in place, audited, checked like a new record, and lists a month', async () => {
    const li = await makeStaff(s.t, s.cast.outletA, '李娜');
    const chen = await makeStaff(s.t, s.cast.outletA, '陈杰');
    const made = await s.admin.post(url('/staff-leave'), {
      staffId: li,
      kind: 'leave',
      fromDay: '2026-11-10',
      toDay: '2026-11-11',
      note: '年假',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    await s.admin.post(url('/staff-leave'), {
      staffId: chen,
      kind: 'unavailable',
      fromDay: '2026-12-01',
      toDay: '2026-12-01',
      fromTime: '09:00',
      toTime: '12:00',
    });

    const put = await s.admin.put(url(`/staff-leave/${id}`), {
      staffId: li,
      kind: 'unavailable',
      fromDay: '2026-11-30',
      toDay: '2026-12-02',
      fromTime: '13:00',
      toTime: '17:00',
      note: '培训',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      id,
      staffName: '李娜',
      kind: 'unavailable',
      fromDay: '2026-11-30',
      toDay: '2026-12-02',
      fromTime: '13:00',
      note: '培训',
    });
    const log = await audit(id);
    expect(log.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(log[1]!.before_json!)).toMatchObject({ kind: 'leave', note: '年假' });
    expect(JSON.parse(log[1]!.after_json!)).toMatchObject({ kind: 'unavailable', note: '培训' });

    // December: both (the changed one overlaps it); November alone: the changed one; by person
    const dec = (await s.admin.get(url('/staff-leave?from=2026-12-01&to=2026-12-31'))).json();
    expect(dec.total).toBe(2);
    const nov = (await s.admin.get(url('/staff-leave?from=2026-11-01&to=2026-11-29'))).json();
    expect(nov.total).toBe(0);
    const his = (await s.admin.get(url(`/staff-leave?staffId=${chen}`))).json();
    expect(his.items.map((x: { staffName: string }) => x.staffName)).toEqual(['陈杰']);

    const backwards = await s.admin.put(url(`/staff-leave/${id}`), {
      staffId: li,
      kind: 'leave',
      fromDay: '2026-12-05',
      toDay: '2026-12-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('body.toDay');
    const foreign = await makeStaff(s.t, s.cast.outletB, '外人');
    const elsewhere = await s.admin.put(url(`/staff-leave/${id}`), {
      staffId: foreign,
      kind: 'leave',
      fromDay: '2026-12-01',
      toDay: '2026-12-01',
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].field).toBe('body.staffId');
    const missing = await s.admin.put(url('/staff-leave/01J0000000000000000000000X'), {
      staffId: li,
      kind: 'leave',
      fromDay: '2026-12-01',
      toDay: '2026-12-01',
    });
    expect(missing.statusCode).toBe(404);
    // another outlet's record is not found through this outlet
    expect(
      (
        await s.admin.put(url(`/staff-leave/${id}`, s.cast.outletB), {
          staffId: foreign,
          kind: 'leave',
          fromDay: '2026-12-01',
          toDay: '2026-12-01',
        })
      ).statusCode,
    ).toBe(404);
    expect((await audit(id)).length).toBe(2);
  });

  it('lets the lobby manager read but not change rules or leave; the head changes them', async () => {
    const li = await makeStaff(s.t, s.cast.outletA, '李娜');
    const made = await s.admin.post(url('/staff-leave'), {
      staffId: li,
      kind: 'leave',
      fromDay: '2026-11-10',
      toDay: '2026-11-10',
    });
    const id = made.json().id as string;
    const lobby = await login(s.t, 'lobby.a');
    const rules = await lobby.get(url('/roster-rules'));
    expect(rules.statusCode).toBe(200);
    expect((await lobby.put(url('/roster-rules'), rules.json().rules)).statusCode).toBe(403);
    const body = { staffId: li, kind: 'leave', fromDay: '2026-11-12', toDay: '2026-11-12' };
    expect((await lobby.put(url(`/staff-leave/${id}`), body)).statusCode).toBe(403);
    expect((await lobby.get(url('/staff-leave'))).json().total).toBe(1);
    const head = await login(s.t, 'head.a');
    const ok = await head.put(url(`/staff-leave/${id}`), body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().fromDay).toBe('2026-11-12');
    // another outlet is out of the head’s scope: not found, as the app answers elsewhere
    expect((await head.put(url(`/staff-leave/${id}`, s.cast.outletB), body)).statusCode).toBe(404);
  });

  it('refuses a second preference of a person for the same time, wanted or not, with the person named', async () => {
    const li = await makeStaff(s.t, s.cast.outletA, '李娜');
    const body = { staffId: li, kind: 'unwanted', weekday: 2, fromTime: '13:00', toTime: '17:00' };
    expect((await s.admin.post(url('/staff-preferences'), body)).statusCode).toBe(201);
    const twice = await s.admin.post(url('/staff-preferences'), body, { 'accept-language': 'zh-CN' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'ROSTER_PREFERENCE_EXISTS' });
    expect(twice.json().title).toContain('李娜');
    // wanted and unwanted at once would contradict: the one kept is named
    const opposite = await s.admin.post(url('/staff-preferences'), { ...body, kind: 'wanted' });
    expect(opposite.statusCode).toBe(409);
    expect(opposite.json().title).toContain('不希望');
    // another time of the same day is a preference of its own
    expect(
      (await s.admin.post(url('/staff-preferences'), { ...body, fromTime: '09:00', toTime: '12:00' }))
        .statusCode,
    ).toBe(201);
    expect((await s.admin.get(url(`/staff-preferences?staffId=${li}`))).json().total).toBe(2);
  });
});

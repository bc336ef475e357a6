import { addDays } from '@liangdian/engine/time';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids';
import * as org from '../org/org.repository';
import {
  type Cast,
  type Client,
  login,
  makeBranchWithOutlets,
  makeStaff,
  makeTestApp,
  makeUser,
  type TestApp,
} from '../../test/harness';
import { loadExcel } from '../../lib/xlsx';

/** Every row of the first sheet, as the cells' values. */
async function readXlsx(buf: Buffer): Promise<unknown[][]> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}
import type { RosterSolver, SolveResult } from './roster.solver';

/**
 * Rosters through the API on both databases: rules (defaults, validation, the outlet's own),
 * leave and preferences, solve → draft → publish → edit → a new version, a broken rule answered
 * 422 with its name, the people × days export, permissions, and the staff member's own shifts.
 * The solver is a stand-in (the HiGHS one has its own tests): it puts every person on their post
 * Monday to Friday 09:00–17:00 with lunch 12:00–13:00, or waits for the cancel.
 */
const WEEK = '2026-11-09';

let slow = false;
const fakeSolver: RosterSolver = async (problem, opts) => {
  opts.onProgress({ progress: 0.5, gap: 0.1 });
  if (slow)
    await new Promise((resolve, reject) => {
      opts.signal.addEventListener('abort', () => reject(new Error('cancelled')));
      setTimeout(resolve, 10_000).unref();
    });
  const shifts: SolveResult['shifts'] = [];
  for (const p of problem.people) {
    const post = problem.posts.find((x) => x.skill && p.skills.includes(x.skill))?.id ?? 'welcome';
    for (let d = 0; d < 5; d++) {
      const date = addDays(problem.weekStart, d);
      if (p.unavailable?.some((u) => u.date === date)) continue;
      shifts.push({
        person: p.id,
        date,
        start: '09:00',
        end: '17:00',
        mealBreak: { start: '12:00', end: '13:00' },
        posts: [{ from: '09:00', to: '17:00', post }],
      });
    }
  }
  return {
    status: 'optimal',
    timeLimited: false,
    objective: 12,
    bound: 12,
    gap: 0,
    shifts,
    violations: [],
    conflicts: [],
  };
};

describe('rosters', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: Client;
  let staffIds: string[];
  const url = (p: string, outlet = cast.outletA) => `/api/v1/outlets/${outlet}${p}`;

  beforeEach(async () => {
    slow = false;
    t = await makeTestApp({}, { rosterSolver: fakeSolver });
    cast = await makeBranchWithOutlets(t);
    const now = t.clock.now().toISOString();
    const zone = newId();
    await org.insertZone(t.database.db, {
      id: zone,
      outlet_id: cast.outletA,
      kind: 'cash',
      name: '现金区',
      capacity: 2,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    for (const [kind, zoneId] of [
      ['welcome', null],
      ['zone', zone],
    ] as const)
      await org.insertPost(t.database.db, {
        id: newId(),
        outlet_id: cast.outletA,
        kind,
        name: kind === 'welcome' ? '迎宾位' : '现金柜台',
        zone_id: zoneId,
        active: 1,
        created_at: now,
        updated_at: now,
      });
    staffIds = [];
    for (const [name, roles, skills] of [
      ['王芳', ['lobby_manager'], []],
      ['陈杰', ['teller'], ['cash']],
      ['李娜', ['teller'], ['cash']],
    ] as const) {
      const id = await makeStaff(t, cast.outletA, name, [...roles]);
      await t.database.db
        .updateTable('staff')
        .set({ skills: JSON.stringify(skills) })
        .where('id', '=', id)
        .execute();
      staffIds.push(id);
    }
    admin = await login(t, 'admin');
  });
  afterEach(() => t.close());

  async function solved(c: Client = admin) {
    const r = await c.post(url(`/rosters/${WEEK}/solve`), {});
    expect(r.statusCode, r.body).toBe(201);
    const runId = r.json().runId as string;
    await t.app.services.rosters.settle();
    const run = await c.get(url(`/rosters/${WEEK}/solve/${runId}`));
    expect(run.statusCode).toBe(200);
    return run.json();
  }

  it('answers the default rules, validates and keeps the outlet’s own', async () => {
    const d = await admin.get(url('/roster-rules'));
    expect(d.statusCode).toBe(200);
    expect(d.json().source).toBe('default');
    expect(d.json().rules.labour).toMatchObject({
      maxHoursPerDay: 8,
      maxHoursPerWeek: 40,
      minDaysOffPerWeek: 1,
    });
    const rules = d.json().rules;
    const bad = await admin.put(url('/roster-rules'), {
      ...rules,
      hours: rules.hours.map((h: { weekday: number }) =>
        h.weekday === 2 ? { ...h, open: '18:00', close: '09:00' } : h,
      ),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.hours.2.close');
    const odd = await admin.put(url('/roster-rules'), {
      ...rules,
      labour: { ...rules.labour, maxHoursPerDay: 30 },
    });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().errors[0].field).toBe('body.labour.maxHoursPerDay');
    const ok = await admin.put(url('/roster-rules'), { ...rules, splitShiftsAllowed: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await admin.get(url('/roster-rules'));
    expect(again.json()).toMatchObject({ source: 'outlet', rules: { splitShiftsAllowed: true } });
    // the other outlet still runs on the defaults
    expect((await admin.get(url('/roster-rules', cast.outletB))).json().source).toBe('default');
  });

  it('records leave and preferences, paged and exported, and builds them into the problem', async () => {
    const bad = await admin.post(url('/staff-leave'), {
      staffId: staffIds[1],
      kind: 'leave',
      fromDay: '2026-11-12',
      toDay: '2026-11-10',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.toDay');
    const other = await admin.post(
      url('/staff-leave'),
      { staffId: staffIds[1], kind: 'leave', fromDay: WEEK, toDay: WEEK },
      {},
    );
    expect(other.statusCode).toBe(201);
    const foreign = await makeStaff(t, cast.outletB, '外人');
    const wrong = await admin.post(url('/staff-leave'), {
      staffId: foreign,
      kind: 'leave',
      fromDay: WEEK,
      toDay: WEEK,
    });
    expect(wrong.statusCode).toBe(400);
    const leave = await admin.post(url('/staff-leave'), {
      staffId: staffIds[2],
      kind: 'leave',
      fromDay: '2026-11-10',
      toDay: '2026-11-11',
      note: '年假',
    });
    expect(leave.statusCode, leave.body).toBe(201);
    const list = await admin.get(url('/staff-leave?pageSize=1'));
    expect(list.json()).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const xlsx = await admin.get(url('/staff-leave/export.xlsx'));
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(JSON.stringify(rows)).toContain('年假');
    const pref = await admin.post(url('/staff-preferences'), {
      staffId: staffIds[1],
      kind: 'unwanted',
      weekday: 5,
      fromTime: '13:00',
      toTime: '17:00',
    });
    expect(pref.statusCode, pref.body).toBe(201);
    const el = await admin.put(url(`/staff-elastic/${staffIds[0]}`), {
      elastic: true,
      windowFrom: '10:00',
      windowTo: '15:00',
    });
    expect(el.statusCode, el.body).toBe(200);
    expect(
      (await admin.get(url('/staff-elastic')))
        .json()
        .items.find((x: { staffId: string }) => x.staffId === staffIds[0]),
    ).toMatchObject({ elastic: true, windowFrom: '10:00' });

    const o = (await org.findOutlet(t.database.db, cast.outletA))!;
    const { problem } = await t.app.services.rosters.problemOf(t.database.db, o, WEEK);
    const li = problem.people.find((p) => p.id === staffIds[2])!;
    expect(li.unavailable).toEqual([{ date: '2026-11-10' }, { date: '2026-11-11' }]);
    expect(problem.people.find((p) => p.id === staffIds[1])!.avoids).toEqual([
      { weekday: 6, shift: '13:00-17:00' },
    ]);
    const wang = problem.people.find((p) => p.id === staffIds[0])!;
    expect(wang.elastic).toBe(true);
    expect(wang.unavailable).toContainEqual({ date: WEEK, from: '00:00', to: '10:00' });
    expect(problem.posts.map((p) => p.id)).toEqual(expect.arrayContaining(['welcome', 'cash']));
    // 09:00–17:00 on weekdays, 09:30–16:00 at weekends, two posts
    // (the staffing requirement's slots inside those hours)
    expect(problem.requirement.length).toBe(5 * 2 * 16 + 2 * 2 * 13);
    expect(problem.requirement.every((r) => r.people >= 0)).toBe(true);

    const del = await t.app.inject({
      method: 'DELETE',
      url: url(`/staff-leave/${leave.json().id}`),
      headers: { cookie: `ld_session=${admin.cookie}`, 'x-csrf-token': admin.csrf },
    });
    expect(del.statusCode).toBe(204);
  });

  it('solves to a draft, publishes, and an edit of the published roster is a new version', async () => {
    expect((await admin.get(url('/rosters/2026-11-10'))).statusCode).toBe(400);
    const none = await admin.get(url(`/rosters/${WEEK}`));
    expect(none.json()).toMatchObject({ current: null, publishedVersion: null });
    expect((await admin.post(url(`/rosters/${WEEK}/publish`))).json().code).toBe('ROSTER_NONE');

    const run = await solved();
    expect(run).toMatchObject({ state: 'done', solverStatus: 'optimal', gap: 0, version: 1, progress: 1 });
    const week = (await admin.get(url(`/rosters/${WEEK}`))).json();
    expect(week.current).toMatchObject({
      version: 1,
      status: 'draft',
      solverStatus: 'optimal',
      objective: 12,
    });
    expect(week.current.shifts).toHaveLength(15);
    const cov = week.current.coverage.find(
      (c: { day: string; start: string; post: string }) =>
        c.day === WEEK && c.start === '12:00' && c.post === 'cash',
    );
    // lunch: everyone on their break
    expect(cov).toMatchObject({ scheduled: 0 });
    const cov2 = week.current.coverage.find(
      (c: { day: string; start: string; post: string }) =>
        c.day === WEEK && c.start === '10:00' && c.post === 'cash',
    );
    expect(cov2).toMatchObject({ scheduled: 2 });
    expect(week.current.requirementSource).toMatch(/forecast|fixedPosts/);

    // a second solve replaces the draft
    expect((await solved()).version).toBe(1);
    const pub = await admin.post(url(`/rosters/${WEEK}/publish`));
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', version: 1, publishedBy: 'admin' });
    expect((await admin.post(url(`/rosters/${WEEK}/publish`))).json().code).toBe('ROSTER_ALREADY_PUBLISHED');

    // drag 陈杰's Monday to 李娜's Saturday
    const moved = await admin.put(url(`/rosters/${WEEK}/shifts`), {
      staffId: staffIds[2],
      day: '2026-11-14',
      shift: { start: '09:30', end: '15:30', post: 'cash' },
      from: { staffId: staffIds[1], day: WEEK },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2, status: 'draft', solverStatus: 'manual' });
    expect(moved.json().shifts).toHaveLength(15);
    expect(
      moved
        .json()
        .shifts.some((s: { staffId: string; day: string }) => s.staffId === staffIds[1] && s.day === WEEK),
    ).toBe(false);
    const versions = (await admin.get(url(`/rosters/${WEEK}/versions`))).json().items;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    // the old version is kept as it was
    const v1 = (await admin.get(url(`/rosters/${WEEK}/versions/1`))).json();
    expect(
      v1.shifts.some((s: { staffId: string; day: string }) => s.staffId === staffIds[1] && s.day === WEEK),
    ).toBe(true);
    expect((await admin.post(url(`/rosters/${WEEK}/publish`))).json().version).toBe(2);
    const after = (await admin.get(url(`/rosters/${WEEK}/versions`))).json().items;
    expect(after.map((v: { status: string }) => v.status)).toEqual(['published', 'superseded']);
  });

  it('predicts the service level per day and post from the scheduled people, and again after an edit', async () => {
    await solved();
    const current = (await admin.get(url(`/rosters/${WEEK}`))).json().current;
    expect(current.requirementSource).toBe('forecast');
    type Day = {
      day: string;
      level: number | null;
      target: number | null;
      posts: { post: string; level: number | null; slots: { start: string; level: number | null }[] }[];
    };
    const sl = current.serviceLevel as Day[];
    expect(sl.map((d) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(WEEK, i)));
    const monday = sl[0]!;
    expect(monday.target).toBeGreaterThan(0);
    expect(monday.target).toBeLessThan(1);
    expect(monday.level).not.toBeNull();
    const cash = (d: Day) => d.posts.find((p) => p.post === 'cash')!;
    expect(cash(monday).slots.find((s) => s.start === '10:00')?.level).not.toBeNull();
    expect(monday.posts.map((p) => p.post)).toContain('welcome');
    // Saturday: nobody rostered, the customers who come wait in vain
    expect(sl[5]!.level ?? 0).toBeLessThan(0.2);
    expect(monday.level!).toBeGreaterThan(sl[5]!.level ?? 0);
    // the lunch hour, everyone on their break: worse than the opening half hour
    const at = (d: Day, start: string) => cash(d).slots.find((s) => s.start === start)!.level!;
    expect(at(monday, '09:00')).toBeGreaterThan(at(monday, '12:00'));

    // one of the two tellers off on Tuesday: Tuesday's cash level falls, Wednesday stays as it was
    const cleared = await admin.put(url(`/rosters/${WEEK}/shifts`), {
      staffId: staffIds[1],
      day: '2026-11-10',
      shift: null,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const after = cleared.json().serviceLevel as Day[];
    expect(cash(after[1]!).level!).toBeLessThan(cash(sl[1]!).level!);
    expect(after[2]).toEqual(sl[2]);

    // a drag of a shift with its meal break (Monday to the free Tuesday): accepted, nobody holds
    // the post on the break, and both days predicted again
    const moved = await admin.put(url(`/rosters/${WEEK}/shifts`), {
      staffId: staffIds[1],
      day: '2026-11-10',
      shift: { start: '09:00', end: '17:00', post: 'cash', breakStart: '12:00', breakEnd: '13:00' },
      from: { staffId: staffIds[1], day: WEEK },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const cov = (day: string, start: string) =>
      moved
        .json()
        .coverage.find(
          (c: { day: string; start: string; post: string }) =>
            c.day === day && c.start === start && c.post === 'cash',
        ).scheduled;
    expect([cov('2026-11-10', '10:00'), cov('2026-11-10', '12:00'), cov(WEEK, '10:00')]).toEqual([2, 0, 1]);
    const third = moved.json().serviceLevel as Day[];
    expect(cash(third[0]!).level!).toBeLessThan(cash(sl[0]!).level!);
    expect(cash(third[1]!).level).toBeCloseTo(cash(sl[1]!).level!, 5);
  });

  it('refuses an edit that breaks a rule, naming it in both languages', async () => {
    await solved();
    const long = {
      staffId: staffIds[1],
      day: '2026-11-10',
      shift: { start: '07:00', end: '22:00', post: 'cash' },
    };
    const zh = await admin.put(url(`/rosters/${WEEK}/shifts`), long);
    expect(zh.statusCode, zh.body).toBe(422);
    expect(zh.json().code).toBe('ROSTER_RULE_BROKEN');
    expect(zh.json().title).toContain('违反排班规则');
    // the rule in words: the person, the day and what is wrong
    expect(zh.json().title).toContain('陈杰');
    expect(zh.json().title).toContain('营业时间');
    // the roster did not change
    const week = (await admin.get(url(`/rosters/${WEEK}`))).json();
    expect(
      week.current.shifts.find(
        (s: { staffId: string; day: string }) => s.staffId === staffIds[1] && s.day === '2026-11-10',
      ).start,
    ).toBe('09:00');
    // a person without the skill cannot hold the cash post
    const skill = await admin.put(url(`/rosters/${WEEK}/shifts`), {
      staffId: staffIds[0],
      day: '2026-11-10',
      shift: { start: '09:00', end: '17:00', post: 'cash', breakStart: '12:00', breakEnd: '13:00' },
    });
    expect(skill.statusCode, skill.body).toBe(422);
  });

  it('cancels a running solve; one solve per week at a time', async () => {
    slow = true;
    const r = await admin.post(url(`/rosters/${WEEK}/solve`), {});
    const runId = r.json().runId;
    expect((await admin.post(url(`/rosters/${WEEK}/solve`), {})).json().code).toBe('ROSTER_SOLVE_RUNNING');
    const running = await admin.get(url(`/rosters/${WEEK}/solve/${runId}`));
    expect(running.json()).toMatchObject({ state: 'running', progress: 0.5, gap: 0.1 });
    const c = await t.app.inject({
      method: 'DELETE',
      url: url(`/rosters/${WEEK}/solve/${runId}`),
      headers: { cookie: `ld_session=${admin.cookie}`, 'x-csrf-token': admin.csrf },
    });
    expect(c.statusCode).toBe(200);
    expect(c.json().state).toBe('cancelled');
    expect((await admin.get(url(`/rosters/${WEEK}`))).json().current).toBeNull();
  });

  it('exports the roster people × days', async () => {
    await solved();
    const x = await admin.get(url(`/rosters/${WEEK}/export.xlsx`));
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const rows = (await readXlsx(x.rawPayload)) as unknown[][];
    const text = JSON.stringify(rows);
    expect(text).toContain('周一 11-09');
    expect(text).toContain('09:00–17:00 现金区');
    expect(text).toContain('休');
    const chen = rows.find((r) => JSON.stringify(r).includes('陈杰'))!;
    expect(chen[chen.length - 1]).toBe(35);
  });

  it('keeps rosters to the roles and the outlets that may see them', async () => {
    const lobby = await login(t, 'lobby.a');
    expect((await lobby.get(url(`/rosters/${WEEK}`))).statusCode).toBe(200);
    expect((await lobby.post(url(`/rosters/${WEEK}/solve`), {})).statusCode).toBe(403);
    expect((await lobby.put(url('/roster-rules'), {})).statusCode).toBe(400);
    const head = await login(t, 'head.a');
    expect((await head.get(url(`/rosters/${WEEK}`, cast.outletB))).statusCode).toBe(404);
    const consultant = await login(t, 'consultant');
    expect((await consultant.get(url(`/rosters/${WEEK}`))).statusCode).toBe(403);
    await solved(head);
  });

  it('shows a staff member their own published shifts', async () => {
    const u = await makeUser(t, cast.branchId, 'staff', cast.outletA, 'staff.a');
    await t.database.db.updateTable('users').set({ staff_id: staffIds[1] }).where('id', '=', u.id).execute();
    const me = await login(t, 'staff.a');
    expect((await me.get('/api/v1/roster/my-shifts')).json().items).toEqual([]);
    await solved();
    // a draft is not shown
    expect((await me.get(`/api/v1/roster/my-shifts?from=${WEEK}`)).json().items).toEqual([]);
    await admin.post(url(`/rosters/${WEEK}/publish`));
    const mine = (await me.get(`/api/v1/roster/my-shifts?from=${WEEK}&days=7`)).json().items;
    expect(mine).toHaveLength(5);
    expect(mine[0]).toMatchObject({
      day: WEEK,
      start: '09:00',
      end: '17:00',
      post: 'cash',
      outletName: '甲支行',
    });
    const on = await t.app.services.rosters.onShift(cast.outletA, WEEK, '10:30');
    expect(on.map((x) => x.name).sort()).toEqual(['李娜', '王芳', '陈杰'].sort());
    expect(await t.app.services.rosters.onShift(cast.outletA, WEEK, '12:30')).toEqual([]);
  });
});

describe('rosters on the real solver', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('solves an outlet’s week with HiGHS in its worker and saves the draft with its status and gap', async () => {
    t = await makeTestApp();
    const cast = await makeBranchWithOutlets(t);
    const now = t.clock.now().toISOString();
    await org.insertPost(t.database.db, {
      id: newId(),
      outlet_id: cast.outletA,
      kind: 'welcome',
      name: '迎宾位',
      zone_id: null,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    for (const name of ['甲', '乙', '丙']) await makeStaff(t, cast.outletA, name, ['lobby_manager']);
    const admin = await login(t, 'admin');
    const r = await admin.post(`/api/v1/outlets/${cast.outletA}/rosters/${WEEK}/solve`, {
      timeLimitSeconds: 20,
    });
    expect(r.statusCode, r.body).toBe(201);
    await t.app.services.rosters.settle();
    const run = (
      await admin.get(`/api/v1/outlets/${cast.outletA}/rosters/${WEEK}/solve/${r.json().runId}`)
    ).json();
    expect(run.error).toBeNull();
    expect(run.state).toBe('done');
    expect(['optimal', 'feasible', 'time_limit']).toContain(run.solverStatus);
    const week = (await admin.get(`/api/v1/outlets/${cast.outletA}/rosters/${WEEK}`)).json();
    expect(week.current.shifts.length).toBeGreaterThan(0);
    // nobody works all seven days (a weekly day off), and the week's coverage is reported
    for (const p of week.current.staff)
      expect(
        new Set(
          week.current.shifts
            .filter((s: { staffId: string }) => s.staffId === p.id)
            .map((s: { day: string }) => s.day),
        ).size,
      ).toBeLessThanOrEqual(6);
    expect(week.current.coverage.length).toBeGreaterThan(0);
  }, 60_000);
});

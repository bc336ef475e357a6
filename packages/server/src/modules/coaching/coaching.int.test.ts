import { beijingWallDate } from '@liangdian/engine/time';
import { describe, expect, it } from 'vitest';
import { login, makeStaff, makeUser, useCastApp } from '../../test/harness';
import { readSheet, expectSheetHead } from '../../test/xlsx';

describe('coaching: scripts, drills, ten questions and quizzes', () => {
  const ctx = useCastApp();

  it('versions scripts and finds them by Chinese substrings', async () => {
    const s = (
      await ctx.admin.post('/api/v1/complaint-scripts', {
        stage: 'acknowledge',
        scenario: '客户排队等候过久',
        title: '安抚情绪',
        body: '非常抱歉让您久等了，我马上为您安排。',
      })
    ).json();
    expect(s.version).toBe(1);
    const edited = (
      await ctx.admin.patch(`/api/v1/complaint-scripts/${s.id}`, {
        body: '非常抱歉让您久等了，我先为您倒杯水。',
      })
    ).json();
    expect(edited.version).toBe(2);
    const versions = (await ctx.admin.get(`/api/v1/complaint-scripts/${s.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await ctx.admin.get(`/api/v1/complaint-scripts/${s.id}/versions/1`)).json().body).toContain(
      '马上为您安排',
    );
    expect(
      (await ctx.admin.get(`/api/v1/complaint-scripts?q=${encodeURIComponent('倒杯水')}`)).json().total,
    ).toBe(1);
    expect(
      (await ctx.admin.get(`/api/v1/complaint-scripts?q=${encodeURIComponent('马上')}`)).json().total,
    ).toBe(0);
    expect(
      (
        await ctx.admin.get(`/api/v1/complaint-scripts?q=${encodeURIComponent('排队')}&stage=acknowledge`)
      ).json().total,
    ).toBe(1);
    await ctx.admin.post('/api/v1/complaint-scripts', {
      stage: 'inform',
      scenario: '告知处理结果',
      title: '告知',
      body: '您好，您反映的问题处理结果如下。',
    });
    await ctx.admin.post('/api/v1/complaint-scripts', {
      stage: 'receive',
      scenario: '客户排队等候过久',
      title: '接待',
      body: '您好，请问有什么可以帮您？',
    });
    const scenarios = (await ctx.admin.get('/api/v1/complaint-scripts/scenarios')).json().items as string[];
    expect(scenarios).toHaveLength(2);
    expect([...scenarios].sort()).toEqual(scenarios);
    expect(new Set(scenarios)).toEqual(new Set(['客户排队等候过久', '告知处理结果']));
    // the library as .xlsx: stages by name, the version a number, the update time a Date
    const x = await readSheet(
      await ctx.admin.get(`/api/v1/complaint-scripts/export.xlsx?stage=acknowledge&active=true`),
    );
    expect(x.title).toBe('话术库');
    expect(x.filterLine).toContain('环节：致歉安抚');
    expect(x.filterLine).toContain('状态：启用');
    expect(x.headers).toEqual(['环节', '场景', '标题', '话术', '版本', '状态', '更新时间']);
    expect(x.rows).toEqual([
      [
        '致歉安抚',
        '客户排队等候过久',
        '安抚情绪',
        '非常抱歉让您久等了，我先为您倒杯水。',
        2,
        '启用',
        beijingWallDate(edited.updatedAt),
      ],
    ]);
    expect(x.formats[6]).toBe('yyyy-mm-dd hh:mm');
    // every change is in the audit log with the change (one transaction)
    const log = (await ctx.admin.get('/api/v1/audit?entityType=complaint_script')).json().items;
    expect(
      log.filter((a: { entityId: string }) => a.entityId === s.id).map((a: { action: string }) => a.action),
    ).toEqual(['update', 'create']);
    const lobby = await login(ctx.t, 'lobby.a');
    expect((await lobby.patch(`/api/v1/complaint-scripts/${s.id}`, { active: false })).statusCode).toBe(403);
    expect(
      (
        await lobby.post('/api/v1/complaint-scripts', {
          stage: 'receive',
          scenario: 'x',
          title: 'x',
          body: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('records drills with rubric scores and shows a staff member’s history', async () => {
    const s1 = await makeStaff(ctx.t, ctx.cast.outletA, '刘一');
    const s2 = await makeStaff(ctx.t, ctx.cast.outletA, '陈二');
    const other = await makeStaff(ctx.t, ctx.cast.outletB, '外人');
    const body = {
      outletId: ctx.cast.outletA,
      heldOn: '2026-11-01',
      scenario: '客户因理财亏损情绪激动',
      evaluator: '顾问 周老师',
      participants: [s1, s2],
      rubric: [
        { item: '情绪安抚', score: 8, max: 10 },
        { item: '话术规范', score: 7, max: 10 },
      ],
      comments: '安抚及时，解释略显生硬',
    };
    const consultant = await login(ctx.t, 'consultant');
    const d = await consultant.post('/api/v1/complaint-drills', body);
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({
      score: 15,
      maxScore: 20,
      participants: [{ name: '刘一' }, { name: '陈二' }],
    });
    const bad = await ctx.admin.post('/api/v1/complaint-drills', {
      ...body,
      participants: [other],
      rubric: [{ item: 'x', score: 11, max: 10 }],
    });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.rubric.0.score',
      'body.participants.0',
    ]);
    await ctx.admin.post('/api/v1/complaint-drills', { ...body, participants: [s2], heldOn: '2026-11-02' });
    const history = (await ctx.admin.get(`/api/v1/complaint-drills?staffId=${s1}`)).json();
    expect(history.total).toBe(1);
    expect((await ctx.admin.get(`/api/v1/complaint-drills?staffId=${s2}`)).json().total).toBe(2);
    // the drills as .xlsx: the day a Date, scores as numbers, the share rounded, the filter named
    const x = await readSheet(await ctx.admin.get(`/api/v1/complaint-drills/export.xlsx?staffId=${s2}`));
    expectSheetHead(x, {
      title: '投诉带教',
      filter: '参演人员：陈二',
      headers: ['日期', '网点', '场景', '参演人员', '评估人', '得分', '满分', '得分率', '点评'],
    });
    expect(x.rows).toEqual([
      [
        new Date('2026-11-02T00:00:00Z'),
        '甲支行',
        '客户因理财亏损情绪激动',
        '陈二',
        '顾问 周老师',
        15,
        20,
        0.75,
        '安抚及时，解释略显生硬',
      ],
      [
        new Date('2026-11-01T00:00:00Z'),
        '甲支行',
        '客户因理财亏损情绪激动',
        '刘一、陈二',
        '顾问 周老师',
        15,
        20,
        0.75,
        '安抚及时，解释略显生硬',
      ],
    ]);
    expect(x.formats.slice(0, 1)).toEqual(['yyyy-mm-dd']);
    expect(x.formats[7]).toBe('0%');
    // an outlet head sees their outlet's drills and no other outlet; a lobby manager may not record one
    const head = await login(ctx.t, 'head.a');
    expect((await head.get('/api/v1/complaint-drills')).json().total).toBe(2);
    expect(
      (await head.post('/api/v1/complaint-drills', { ...body, outletId: ctx.cast.outletB })).statusCode,
    ).toBe(404);
    const lobby = await login(ctx.t, 'lobby.a');
    expect((await lobby.post('/api/v1/complaint-drills', body)).statusCode).toBe(403);
  });

  it('keeps up to ten questions per outlet and line, draws a quiz and records the result', async () => {
    const s1 = await makeStaff(ctx.t, ctx.cast.outletA, '刘一');
    const url = `/api/v1/outlets/${ctx.cast.outletA}/ten-questions/wealth`;
    const list = Array.from({ length: 10 }, (_, i) => ({ question: `问题${i + 1}`, answer: `答案${i + 1}` }));
    const head = await login(ctx.t, 'head.a');
    const saved = (await head.put(url, { questions: list })).json().items;
    expect(saved.map((q: { position: number }) => q.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const eleven = await head.put(url, { questions: [...list, { question: 'x', answer: 'y' }] });
    expect(eleven.statusCode).toBe(400);
    const lobby = await login(ctx.t, 'lobby.a');
    expect((await lobby.put(url, { questions: [] })).statusCode).toBe(403);
    const quiz = (await head.get(`${url}/quiz?staffId=${s1}&count=3`)).json();
    expect(quiz.questions).toHaveLength(3);
    expect(new Set(quiz.questions.map((q: { id: string }) => q.id)).size).toBe(3);
    const ids = quiz.questions.map((q: { id: string }) => q.id);
    const rec = await lobby.post(`${url}/quiz-results`, {
      staffId: s1,
      questionIds: ids,
      correctIds: ids.slice(0, 2),
    });
    expect(rec.statusCode).toBe(201);
    expect(rec.json()).toMatchObject({ correct: 2, total: 3, staffName: '刘一' });
    const audited = (await ctx.admin.get('/api/v1/audit?pageSize=50')).json().items as {
      entityType: string;
      outletId: string | null;
    }[];
    expect(audited.filter((a) => a.entityType === 'quiz_result' || a.entityType === 'ten_questions')).toEqual(
      [
        expect.objectContaining({ entityType: 'quiz_result', outletId: ctx.cast.outletA }),
        expect.objectContaining({ entityType: 'ten_questions', outletId: ctx.cast.outletA }),
      ],
    );
    expect((await head.get(`/api/v1/quiz-results?staffId=${s1}`)).json().items[0]).toMatchObject({
      correct: 2,
      total: 3,
      outletName: '甲支行',
    });
    // the results as .xlsx: the time a Date (Beijing), the business line by its name, the share rounded
    const wealth = (await ctx.admin.get('/api/v1/business-types'))
      .json()
      .items.find((b: { code: string }) => b.code === 'wealth');
    await ctx.admin.patch(`/api/v1/business-types/${wealth.id}`, {
      nameZh: '理财业务',
      nameEn: 'Wealth management',
    });
    const x = await readSheet(await head.get(`/api/v1/quiz-results/export.xlsx?staffId=${s1}`));
    expectSheetHead(x, {
      title: '客户十问测验',
      filter: '员工：刘一',
      headers: ['时间', '网点', '员工', '业务线', '答对', '题数', '正确率'],
    });
    expect(x.rows).toEqual([[beijingWallDate(rec.json().takenAt), '甲支行', '刘一', '理财业务', 2, 3, 0.67]]);
    expect(x.formats[0]).toBe('yyyy-mm-dd hh:mm');
    // a staff member of the outlet may draw a quiz but not record one
    const staffUser = await makeUser(ctx.t, ctx.cast.branchId, 'staff', ctx.cast.outletA, 'staff.a');
    expect(staffUser.username).toBe('staff.a');
    const staff = await login(ctx.t, 'staff.a');
    expect((await staff.get(`${url}/quiz?staffId=${s1}&count=2`)).statusCode).toBe(200);
    expect(
      (await staff.post(`${url}/quiz-results`, { staffId: s1, questionIds: ids, correctIds: [] })).statusCode,
    ).toBe(403);
    expect(
      (await head.get(`/api/v1/outlets/${ctx.cast.outletA}/ten-questions/loan/quiz?staffId=${s1}`)).json()
        .code,
    ).toBe('QUIZ_NO_QUESTIONS');
    expect((await head.get(`/api/v1/outlets/${ctx.cast.outletB}/ten-questions/wealth`)).statusCode).toBe(404);
  });
});

import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../lib/xlsx';
import {
  type Client,
  login,
  makeBranchWithOutlets,
  makeTestApp,
  type TestApp,
  makeStaff,
} from '../../test/harness';

type Cast = Awaited<ReturnType<typeof makeBranchWithOutlets>>;

const complaint = (outletId: string, over: Record<string, unknown> = {}) => ({
  outletId,
  receivedAt: '2026-10-28T10:00:00+08:00',
  channel: 'branch_premises',
  category: 'debit_card',
  cause: 'service_quality',
  source: 'walk_in',
  complainantName: '王五',
  complainantPhone: '13900001111',
  claim: '要求退还手续费',
  ...over,
});
const decision = { factsVerified: '属实', basis: '第十九条', reasons: '收费未公示', result: '退还手续费' };

describe('complaints: statistics, report, prevention and accountability', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: Client;
  beforeEach(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
    admin = await login(t, 'admin');
  });
  afterEach(() => t.close());

  async function decideNow(id: string) {
    for (const step of ['acknowledge', 'investigate'])
      await admin.post(`/api/v1/complaints/${id}/${step}`, {});
    return admin.post(`/api/v1/complaints/${id}/decide`, decision);
  }

  it('counts by dimension and month, with the on-time rate and mean days to decision', async () => {
    const a = (await admin.post('/api/v1/complaints', complaint(cast.outletA))).json();
    await admin.post(
      '/api/v1/complaints',
      complaint(cast.outletA, { category: 'credit_card', cause: 'pricing_fees' }),
    );
    await admin.post(
      '/api/v1/complaints',
      complaint(cast.outletB, {
        category: 'credit_card',
        cause: 'pricing_fees',
        channel: 'mobile_banking',
        receivedAt: '2026-09-30T10:00:00+08:00',
      }),
    );
    await decideNow(a.id); // received 10-28, decided 11-02: 5 days, on time
    const s = (await admin.get('/api/v1/complaints/stats')).json();
    expect(s).toMatchObject({ total: 3, decided: 1, onTime: 1, onTimeRate: 1, meanDaysToDecision: 5 });
    expect(s.byCategory[0]).toEqual({
      key: 'credit_card',
      nameZh: '信用卡',
      nameEn: 'Credit cards',
      count: 2,
    });
    expect(s.byMonth).toEqual([
      { key: '2026-09', nameZh: '2026-09', nameEn: '2026-09', count: 1 },
      { key: '2026-10', nameZh: '2026-10', nameEn: '2026-10', count: 2 },
    ]);
    expect(s.byOutlet.map((o: { nameZh: string; count: number }) => [o.nameZh, o.count])).toEqual([
      ['甲支行', 2],
      ['乙支行', 1],
    ]);
    const october = (await admin.get('/api/v1/complaints/stats?from=2026-10-01&to=2026-10-31')).json();
    expect(october.total).toBe(2);
    const head = await login(t, 'head.a');
    expect((await head.get('/api/v1/complaints/stats')).json().total).toBe(2);

    const report = (await admin.get('/api/v1/complaints/report')).json().items;
    expect(report).toContainEqual(
      expect.objectContaining({
        category: 'credit_card',
        cause: 'pricing_fees',
        channel: 'branch_premises',
        count: 1,
      }),
    );
    const xlsx = await admin.get('/api/v1/complaints/report/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '业务类别', '投诉原因', '业务办理渠道', '投诉量']);
    expect(ws.rowCount).toBe(4);
    const stats = await admin.get('/api/v1/complaints/stats/export.xlsx');
    expect(stats.statusCode).toBe(200);
    expect(stats.headers['content-type']).toContain('spreadsheetml');
  });

  it('ranks high-risk scenarios over 90 days and keeps their controls', async () => {
    for (let i = 0; i < 3; i++)
      await admin.post(
        '/api/v1/complaints',
        complaint(cast.outletA, { category: 'credit_card', cause: 'pricing_fees' }),
      );
    await admin.post('/api/v1/complaints', complaint(cast.outletA));
    await admin.post(
      '/api/v1/complaints',
      complaint(cast.outletA, { category: 'loan', receivedAt: '2026-06-01T10:00:00+08:00' }),
    );
    const saved = await admin.put('/api/v1/complaints/risk-controls', {
      category: 'credit_card',
      cause: 'pricing_fees',
      controls: ['收费项目逐项公示', '办理前口头提示费用'],
    });
    expect(saved.statusCode).toBe(200);
    const risks = (await admin.get('/api/v1/complaints/risks')).json();
    expect(risks.total).toBe(2); // the June loan complaint is older than 90 days
    expect(risks.items[0]).toMatchObject({
      rank: 1,
      category: 'credit_card',
      cause: 'pricing_fees',
      count: 3,
      controls: ['收费项目逐项公示', '办理前口头提示费用'],
    });
    const head = await login(t, 'head.a');
    expect(
      (
        await head.put('/api/v1/complaints/risk-controls', {
          category: 'loan',
          cause: 'other',
          controls: [],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('gives points by responsibility and severity and ranks outlets and people monthly', async () => {
    const zhang = await makeStaff(t, cast.outletA, '张敏');
    const a = (await admin.post('/api/v1/complaints', complaint(cast.outletA, { staffId: zhang }))).json();
    const b = (await admin.post('/api/v1/complaints', complaint(cast.outletB))).json();
    await decideNow(a.id);
    await decideNow(b.id);
    const head = await login(t, 'head.a');
    expect(
      (await head.post(`/api/v1/complaints/${a.id}/assess`, { responsibility: 'full', severity: 'serious' }))
        .statusCode,
    ).toBe(403);
    const assessed = (
      await admin.post(`/api/v1/complaints/${a.id}/assess`, { responsibility: 'full', severity: 'serious' })
    ).json();
    expect(assessed).toMatchObject({ points: 6, responsibleStaffId: zhang, responsibleStaffName: '张敏' });
    const rules = await admin.put('/api/v1/complaints/accountability/rules', {
      rules: [{ responsibility: 'partial', severity: 'general', points: 2 }],
    });
    expect(
      rules
        .json()
        .items.find(
          (r: { responsibility: string; severity: string }) =>
            r.responsibility === 'partial' && r.severity === 'general',
        ).points,
    ).toBe(2);
    expect(
      (
        await admin.post(`/api/v1/complaints/${b.id}/assess`, {
          responsibility: 'partial',
          severity: 'general',
        })
      ).json().points,
    ).toBe(2);
    const outlets = (
      await admin.get('/api/v1/complaints/accountability/scorecards?month=2026-11&by=outlet')
    ).json();
    expect(
      outlets.items.map((r: { name: string; points: number; rank: number }) => [r.rank, r.name, r.points]),
    ).toEqual([
      [1, '乙支行', 2],
      [2, '甲支行', 6],
    ]);
    const people = (
      await admin.get('/api/v1/complaints/accountability/scorecards?month=2026-11&by=staff')
    ).json();
    expect(people.items).toEqual([
      expect.objectContaining({ name: '张敏', points: 6, complaints: 1, outletName: '甲支行' }),
    ]);
    expect((await admin.get('/api/v1/complaints/accountability/scorecards?month=2026-10')).json().total).toBe(
      0,
    );
  });
});

describe('complaints: scripts, drills, ten questions and import', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: Client;
  beforeEach(async () => {
    t = await makeTestApp();
    cast = await makeBranchWithOutlets(t);
    admin = await login(t, 'admin');
  });
  afterEach(() => t.close());

  it('versions scripts and finds them by Chinese substrings', async () => {
    const s = (
      await admin.post('/api/v1/complaint-scripts', {
        stage: 'acknowledge',
        scenario: '客户排队等候过久',
        title: '安抚情绪',
        body: '非常抱歉让您久等了，我马上为您安排。',
      })
    ).json();
    expect(s.version).toBe(1);
    const edited = (
      await admin.patch(`/api/v1/complaint-scripts/${s.id}`, { body: '非常抱歉让您久等了，我先为您倒杯水。' })
    ).json();
    expect(edited.version).toBe(2);
    const versions = (await admin.get(`/api/v1/complaint-scripts/${s.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await admin.get(`/api/v1/complaint-scripts/${s.id}/versions/1`)).json().body).toContain(
      '马上为您安排',
    );
    expect(
      (await admin.get(`/api/v1/complaint-scripts?q=${encodeURIComponent('倒杯水')}`)).json().total,
    ).toBe(1);
    expect((await admin.get(`/api/v1/complaint-scripts?q=${encodeURIComponent('马上')}`)).json().total).toBe(
      0,
    );
    expect(
      (await admin.get(`/api/v1/complaint-scripts?q=${encodeURIComponent('排队')}&stage=acknowledge`)).json()
        .total,
    ).toBe(1);
    await admin.post('/api/v1/complaint-scripts', {
      stage: 'inform',
      scenario: '告知处理结果',
      title: '告知',
      body: '您好，您反映的问题处理结果如下。',
    });
    await admin.post('/api/v1/complaint-scripts', {
      stage: 'receive',
      scenario: '客户排队等候过久',
      title: '接待',
      body: '您好，请问有什么可以帮您？',
    });
    const scenarios = (await admin.get('/api/v1/complaint-scripts/scenarios')).json().items as string[];
    expect(scenarios).toHaveLength(2);
    expect([...scenarios].sort()).toEqual(scenarios);
    expect(new Set(scenarios)).toEqual(new Set(['客户排队等候过久', '告知处理结果']));
    const lobby = await login(t, 'lobby.a');
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
    const s1 = await makeStaff(t, cast.outletA, '刘一');
    const s2 = await makeStaff(t, cast.outletA, '陈二');
    const other = await makeStaff(t, cast.outletB, '外人');
    const body = {
      outletId: cast.outletA,
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
    const consultant = await login(t, 'consultant');
    const d = await consultant.post('/api/v1/complaint-drills', body);
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({
      score: 15,
      maxScore: 20,
      participants: [{ name: '刘一' }, { name: '陈二' }],
    });
    const bad = await admin.post('/api/v1/complaint-drills', {
      ...body,
      participants: [other],
      rubric: [{ item: 'x', score: 11, max: 10 }],
    });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.rubric.0.score',
      'body.participants.0',
    ]);
    await admin.post('/api/v1/complaint-drills', { ...body, participants: [s2], heldOn: '2026-11-02' });
    const history = (await admin.get(`/api/v1/complaint-drills?staffId=${s1}`)).json();
    expect(history.total).toBe(1);
    expect((await admin.get(`/api/v1/complaint-drills?staffId=${s2}`)).json().total).toBe(2);
    expect((await admin.get('/api/v1/complaint-drills/export.xlsx')).statusCode).toBe(200);
  });

  it('keeps up to ten questions per outlet and line, draws a quiz and records the result', async () => {
    const s1 = await makeStaff(t, cast.outletA, '刘一');
    const url = `/api/v1/outlets/${cast.outletA}/ten-questions/wealth`;
    const list = Array.from({ length: 10 }, (_, i) => ({ question: `问题${i + 1}`, answer: `答案${i + 1}` }));
    const head = await login(t, 'head.a');
    const saved = (await head.put(url, { questions: list })).json().items;
    expect(saved.map((q: { position: number }) => q.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const eleven = await head.put(url, { questions: [...list, { question: 'x', answer: 'y' }] });
    expect(eleven.statusCode).toBe(400);
    const lobby = await login(t, 'lobby.a');
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
    expect((await head.get(`/api/v1/quiz-results?staffId=${s1}`)).json().items[0]).toMatchObject({
      correct: 2,
      total: 3,
    });
    expect(
      (await head.get(`/api/v1/outlets/${cast.outletA}/ten-questions/loan/quiz?staffId=${s1}`)).json().code,
    ).toBe('QUIZ_NO_QUESTIONS');
    expect((await head.get(`/api/v1/outlets/${cast.outletB}/ten-questions/wealth`)).statusCode).toBe(404);
  });

  async function sheet(rows: (string | number | Date)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('投诉');
    ws.addRow([
      '受理时间',
      '网点编号',
      '渠道',
      '业务类别',
      '投诉原因',
      '来源',
      '转办日期',
      '投诉人姓名',
      '投诉人电话',
      '人数',
      '诉求',
    ]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const upload = (c: Client, body: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/complaints/import',
      headers: { cookie: `ld_session=${c.cookie}`, 'x-csrf-token': c.csrf, 'content-type': XLSX_MIME },
      payload: body,
    });

  it('imports all rows or none, reporting every bad row with its number', async () => {
    const bad = await sheet([
      [
        '2026-10-01 09:30',
        'A1',
        '营业现场',
        '借记卡',
        '服务态度及服务质量',
        '现场',
        '',
        '赵六',
        '13700001111',
        1,
        '态度差',
      ],
      [
        '2026-10-02 09:30',
        'ZZ',
        '营业现场',
        '借记卡',
        '服务态度及服务质量',
        '现场',
        '',
        '孙七',
        '',
        1,
        '等候久',
      ],
      ['not a time', 'A1', '火星渠道', 'debit_card', 'service_quality', 'regulator', '', '周八', '', 1, ''],
    ]);
    const res = await upload(admin, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_FAILED');
    expect(res.json().title).toContain('2 行');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'rows.3.outletCode',
        'rows.4.receivedAt',
        'rows.4.channel',
        'rows.4.forwardedOn',
        'rows.4.claim',
      ]),
    );
    expect(fields.some((f: string) => f.startsWith('rows.2.'))).toBe(false);
    expect((await admin.get('/api/v1/complaints')).json().total).toBe(0);

    const good = await sheet([
      [
        '2026-10-01 23:30',
        'A1',
        '营业现场',
        '借记卡',
        '服务态度及服务质量',
        '现场',
        '',
        '赵六',
        '13700001111',
        1,
        '态度差',
      ],
      [
        '2026-10-02 09:30',
        'B1',
        'mobile_banking',
        'credit_card',
        'pricing_fees',
        '监管转办',
        '2026-10-02',
        '孙七',
        '',
        25,
        '年费争议',
      ],
    ]);
    const ok = await upload(admin, good);
    expect(ok.json()).toEqual({ imported: 2 });
    const list = (await admin.get('/api/v1/complaints?sort=receivedAt')).json();
    expect(list.items.map((c: { receivedOn: string; major: boolean }) => [c.receivedOn, c.major])).toEqual([
      ['2026-10-01', false],
      ['2026-10-02', true],
    ]);
    expect(list.items[0].complainantPhone).toBe('137****1111');
    const head = await login(t, 'head.a');
    expect((await upload(head, good)).statusCode).toBe(403);
  });
});

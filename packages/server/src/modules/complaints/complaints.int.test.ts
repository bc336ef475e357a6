import { describe, expect, it } from 'vitest';
import { login, makeUser, makeStaff, useCastApp } from '../../test/harness';
import { complaintBody as complaint, decisionBody as decision } from '../../test/complaints';
import { readSheet } from '../../test/xlsx';

describe('complaints: registration, personal data and access', () => {
  const ctx = useCastApp();

  it('registers a complaint with a 15-day deadline, encrypts and masks the complainant', async () => {
    const lobby = await login(ctx.t, 'lobby.a');
    const res = await lobby.post('/api/v1/complaints', complaint(ctx.cast.outletA));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      status: 'registered',
      receivedOn: '2026-11-02',
      complainantName: '张*丰',
      complainantPhone: '138****1234',
      complainantIdNumber: '530102********1234',
      personalData: 'masked',
      major: false,
      emergencyChecklist: null,
      outletName: '甲支行',
      deadline: { decisionDueOn: '2026-11-17', dueOn: '2026-11-17', daysLeft: 15, extensionLevel: 0 },
    });
    expect(c.no).toMatch(/^TS20261102[0-9A-F]{6}$/);
    const stored = await ctx.t.database.db
      .selectFrom('complaints')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(stored.complainant_phone_enc).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain('13812341234');
    // the audit log holds the masked view only
    const audit = await ctx.t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', c.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('138****1234');
    expect(audit[0]!.after_json).not.toContain('13812341234');
  });

  it('counts from the Beijing date: 23:30 Beijing on Nov 1 is due Nov 16', async () => {
    const res = await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletA, { receivedAt: '2026-11-01T15:30:00Z' }),
    );
    expect(res.json()).toMatchObject({ receivedOn: '2026-11-01', deadline: { decisionDueOn: '2026-11-16' } });
  });

  it('hides personal data from consultants and unmasks only for admin and cp_officer, with an audit entry', async () => {
    const c = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.get(`/api/v1/complaints/${c.id}`)).json()).toMatchObject({
      personalData: 'hidden',
      complainantName: null,
      complainantPhone: null,
      complainantIdNumber: null,
    });
    const list = (await consultant.get('/api/v1/complaints')).json();
    expect(list.items[0].complainantPhone).toBeNull();
    expect((await consultant.post(`/api/v1/complaints/${c.id}/unmask`, {})).statusCode).toBe(403);
    const head = await login(ctx.t, 'head.a');
    expect((await head.post(`/api/v1/complaints/${c.id}/unmask`, {})).statusCode).toBe(403);
    const cpo = await login(ctx.t, 'cpo');
    const clear = await cpo.post(`/api/v1/complaints/${c.id}/unmask`, { reason: '回访核实' });
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toMatchObject({
      personalData: 'clear',
      complainantName: '张三丰',
      complainantPhone: '13812341234',
      complainantIdNumber: '530102199001011234',
    });
    const entry = await ctx.t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'unmask')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_id: c.id, actor_name: 'cpo' });
    expect(entry.after_json).toContain('回访核实');
    expect(entry.after_json).not.toContain('13812341234');
  });

  it('answers 404 for another outlet’s complaint and keeps lists to the outlet', async () => {
    const b = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletB))).json();
    await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA));
    const head = await login(ctx.t, 'head.a');
    expect((await head.get(`/api/v1/complaints/${b.id}`)).statusCode).toBe(404);
    expect((await head.post(`/api/v1/complaints/${b.id}/acknowledge`, {})).statusCode).toBe(404);
    expect((await head.post('/api/v1/complaints', complaint(ctx.cast.outletB))).statusCode).toBe(404);
    const mine = (await head.get('/api/v1/complaints')).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0].outletId).toBe(ctx.cast.outletA);
    expect((await ctx.admin.get('/api/v1/complaints')).json().total).toBe(2);
  });

  it('validates codes, the regulator’s forwarding date and times, naming each field', async () => {
    const res = await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletA, { channel: 'nope', cause: 'nope2', source: 'regulator' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'body.channel:UNKNOWN_CODE',
      'body.cause:UNKNOWN_CODE',
    ]);
    const noFwd = await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletA, { source: 'regulator' }),
    );
    expect(noFwd.json().errors[0]).toMatchObject({
      field: 'body.forwardedOn',
      code: 'FORWARDED_ON_REQUIRED',
    });
    const future = await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletA, { receivedAt: '2027-01-01T00:00:00+08:00' }),
    );
    expect(future.json().errors[0]).toMatchObject({ field: 'body.receivedAt', code: 'IN_THE_FUTURE' });
    const fwd = await ctx.admin.post(
      '/api/v1/complaints',
      complaint(ctx.cast.outletA, {
        source: 'regulator',
        regulatorReceivedOn: '2026-10-20',
        forwardedOn: '2026-10-28',
      }),
    );
    expect(fwd.statusCode).toBe(201);
  });

  it('marks 20 or more people as a major complaint with the emergency checklist', async () => {
    const c = (
      await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA, { peopleCount: 20 }))
    ).json();
    expect(c.major).toBe(true);
    expect(c.emergencyChecklist).toHaveLength(7);
    expect(c.emergencyChecklist[0]).toMatchObject({ key: 'report_branch', done: false });
    const ticked = await ctx.admin.patch(`/api/v1/complaints/${c.id}/emergency`, {
      items: { report_branch: true },
    });
    expect(ticked.json().emergencyChecklist[0].done).toBe(true);
    const majors = (await ctx.admin.get('/api/v1/complaints?major=true')).json();
    expect(majors.total).toBe(1);
  });

  it('exports the filtered list as .xlsx: names for codes, Excel dates in Beijing time, masked data', async () => {
    await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA));
    await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA, { category: 'credit_card' }));
    const res = await ctx.admin.get(
      `/api/v1/complaints/export.xlsx?category=debit_card&status=registered,acknowledged&outletId=${ctx.cast.outletA}`,
    );
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res);
    expect(sheet.title).toBe('投诉台账');
    expect(sheet.filterLine).toContain('网点：甲支行');
    expect(sheet.filterLine).toContain('状态：已登记、已安抚');
    expect(sheet.filterLine).toContain('业务类别：借记卡');
    expect(sheet.rows).toHaveLength(1);
    const cell = (header: string) => sheet.rows[0]![sheet.headers.indexOf(header)];
    expect(sheet.headers[0]).toBe('投诉编号');
    // the code tables' names, never the raw codes
    expect(cell('渠道')).toBe('营业现场');
    expect(cell('业务类别')).toBe('借记卡');
    expect(cell('投诉原因')).toBe('服务态度及服务质量');
    expect(cell('来源')).toBe('现场');
    expect(cell('状态')).toBe('已登记');
    expect(cell('重大投诉')).toBe('否');
    expect(cell('人数')).toBe(1);
    // receipt and deadline as real dates: 08:30 Beijing reads 08:30 in the cell
    expect(cell('受理时间')).toEqual(new Date('2026-11-02T08:30:00Z'));
    expect(cell('处理期限')).toEqual(new Date('2026-11-17T00:00:00Z'));
    expect(sheet.formats[sheet.headers.indexOf('受理时间')]).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.formats[sheet.headers.indexOf('处理期限')]).toBe('yyyy-mm-dd');
    // masked exactly as on screen
    const onScreen = (await ctx.admin.get('/api/v1/complaints?category=debit_card')).json().items[0];
    expect(cell('投诉人')).toBe(onScreen.complainantName);
    expect(cell('电话')).toBe('138****1234');
    expect(JSON.stringify(sheet.rows)).not.toContain('13812341234');
  });

  it('exports nothing personal to consultants, and speaks English to an English reader', async () => {
    await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA, { source: 'phone' }));
    const consultant = await login(ctx.t, 'consultant');
    const hidden = await readSheet(await consultant.get('/api/v1/complaints/export.xlsx'));
    const at = (header: string) => hidden.headers.indexOf(header);
    expect(hidden.rows).toHaveLength(1);
    expect(hidden.rows[0]![at('投诉人')]).toBeNull();
    expect(hidden.rows[0]![at('电话')]).toBeNull();
    expect(JSON.stringify(hidden.rows)).not.toContain('1234');

    await ctx.admin.patch('/api/v1/auth/me', { locale: 'en-US' });
    const en = await readSheet(
      await (await login(ctx.t, 'admin')).get('/api/v1/complaints/export.xlsx?source=phone'),
    );
    expect(en.title).toBe('Complaints');
    expect(en.filterLine).toContain('Source: Phone');
    const row = en.rows[0]!;
    expect(row[en.headers.indexOf('Channel')]).toBe('Branch premises');
    expect(row[en.headers.indexOf('Category')]).toBe('Debit cards');
    expect(row[en.headers.indexOf('Status')]).toBe('Registered');
    expect(row[en.headers.indexOf('Source')]).toBe('Phone');
    expect(row[en.headers.indexOf('Received at')]).toBeInstanceOf(Date);
  });
});

describe('complaints: the process state machine', () => {
  const ctx = useCastApp();

  it('runs the standard process with each role taking only its steps, recording every transition', async () => {
    let lobby = await login(ctx.t, 'lobby.a');
    let head = await login(ctx.t, 'head.a');
    const consultant = await login(ctx.t, 'consultant');
    const c = (await lobby.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const url = `/api/v1/complaints/${c.id}`;

    const early = await head.post(`${url}/decide`, decision);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'COMPLAINT_TRANSITION_NOT_ALLOWED' });
    expect((await consultant.post(`${url}/acknowledge`, {})).statusCode).toBe(403);

    expect((await lobby.post(`${url}/acknowledge`, { comment: '已安抚客户情绪' })).json().status).toBe(
      'acknowledged',
    );
    expect((await lobby.post(`${url}/investigate`, {})).statusCode).toBe(403);
    const inv = (await head.post(`${url}/investigate`, { comment: '调取监控' })).json();
    expect(inv).toMatchObject({
      status: 'investigating',
      handlerId: ctx.cast.headA.id,
      handlerName: 'head.a',
    });
    expect((await lobby.post(`${url}/decide`, decision)).statusCode).toBe(403);

    ctx.t.clock.advanceMinutes(60 * 24 * 3);
    ({ head, lobby } = { head: await login(ctx.t, 'head.a'), lobby: await login(ctx.t, 'lobby.a') });
    ctx.admin = await login(ctx.t, 'admin');
    const decided = (
      await head.post(`${url}/decide`, { ...decision, at: '2026-11-05T08:00:00+08:00' })
    ).json();
    // Art. 18: decided in time, but the deadline runs on until the complainant is told
    expect(decided).toMatchObject({
      status: 'decided',
      decidedAt: '2026-11-05T00:00:00.000Z',
      decisionOnTime: true,
      onTime: null,
      daysToDecision: 3,
      deadline: { dueOn: '2026-11-17', decisionDueOn: '2026-11-17' },
      reviewRequestBy: null,
    });
    const notice = (await head.get(`${url}/decision-notice`)).json();
    expect(notice.decision).toMatchObject({
      ...decision,
      remedies: ['review', 'mediation', 'arbitration', 'litigation'],
    });
    expect(notice.remedies.map((r: { code: string }) => r.code)).toEqual([
      'review',
      'mediation',
      'arbitration',
      'litigation',
    ]);
    expect(notice.remedies[0].zh).toContain('30日内');

    const badInform = await lobby.post(`${url}/inform`, {
      method: 'phone',
      informedAt: '2026-11-05T10:00:00+08:00',
    });
    expect(badInform.json().errors[0].field).toBe('body.proof');
    const informed = await lobby.post(`${url}/inform`, {
      method: 'sms',
      informedAt: '2026-11-05T08:30:00+08:00',
      proof: '短信发送回执 #8812',
    });
    // Art. 20: the review window runs from the complainant's receipt of the decision
    expect(informed.json()).toMatchObject({
      status: 'informed',
      informedAt: '2026-11-05T00:30:00.000Z',
      onTime: true,
      informOnTime: true,
      deadline: { dueOn: null },
      reviewRequestBy: '2026-12-05',
    });
    expect(
      (await lobby.post(`${url}/follow-up`, { satisfaction: 'satisfied', comment: '客户满意' })).json()
        .status,
    ).toBe('follow_up');
    expect((await lobby.post(`${url}/close`, {})).statusCode).toBe(403);
    const closed = (await head.post(`${url}/close`, { rootCause: '柜员服务规范培训不足' })).json();
    expect(closed).toMatchObject({ status: 'closed', rootCause: '柜员服务规范培训不足' });
    expect((await head.post(`${url}/withdraw`, { comment: 'x' })).json().code).toBe(
      'COMPLAINT_TRANSITION_NOT_ALLOWED',
    );

    const events = (await ctx.admin.get(`${url}/events`)).json().items;
    // the steps of the standard process, after the registration
    const steps = ['acknowledge', 'investigate', 'decide', 'inform', 'follow_up', 'close'];
    expect(events.map((e: { action: string }) => e.action)).toEqual(['register', ...steps]);
    expect(events[1]).toMatchObject({
      actorName: 'lobby.a',
      fromStatus: 'registered',
      toStatus: 'acknowledged',
      comment: '已安抚客户情绪',
    });
    const notices = (await ctx.admin.get(`${url}/decision-notice`)).json().notices;
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'decision', method: 'sms', proof: '短信发送回执 #8812' }),
    ]);
    const audit = await ctx.t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', c.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', ...steps]);
  });

  it('recuses the staff member complained about by identity, not by name (Art. 17)', async () => {
    const staffId = await makeStaff(ctx.t, ctx.cast.outletA, '李四');
    // the login linked to that staff record, under a name written another way
    const li = await makeUser(ctx.t, ctx.cast.branchId, 'outlet_head', ctx.cast.outletA, 'li.si');
    await ctx.t.database.db
      .updateTable('users')
      .set({ display_name: '李 四', staff_id: staffId })
      .where('id', '=', li.id)
      .execute();
    // a namesake who is someone else
    const namesake = await makeUser(ctx.t, ctx.cast.branchId, 'outlet_head', ctx.cast.outletA, 'li.si.2');
    await ctx.t.database.db
      .updateTable('users')
      .set({ display_name: '李四' })
      .where('id', '=', namesake.id)
      .execute();
    const c = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA, { staffId }))).json();
    expect(c.staffName).toBe('李四');
    await ctx.admin.post(`/api/v1/complaints/${c.id}/acknowledge`, {});
    const res = await ctx.admin.post(`/api/v1/complaints/${c.id}/investigate`, { handlerId: li.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('COMPLAINT_HANDLER_RECUSED');
    const self = await login(ctx.t, 'li.si');
    // the person complained about takes no step on their own case at all
    const steps: [string, object][] = [
      ['investigate', {}],
      ['extend', { reason: '案情复杂' }],
      ['pause', { kind: 'mediation', reason: '调解' }],
      ['withdraw', { comment: '客户撤诉' }],
    ];
    for (const [step, body] of steps) {
      const r = await self.post(`/api/v1/complaints/${c.id}/${step}`, body);
      expect([step, r.statusCode, r.json().code]).toEqual([step, 403, 'COMPLAINT_RECUSED']);
    }
    const edit = await self.patch(`/api/v1/complaints/${c.id}`, { facts: '改写事实' });
    expect([edit.statusCode, edit.json().code]).toEqual([403, 'COMPLAINT_RECUSED']);
    const task = await self.post(`/api/v1/complaints/${c.id}/tasks`, {
      title: '整改',
      owner: '李四',
      dueOn: '2026-11-30',
    });
    expect([task.statusCode, task.json().code]).toEqual([403, 'COMPLAINT_RECUSED']);
    const byNamesake = await ctx.admin.post(`/api/v1/complaints/${c.id}/investigate`, {
      handlerId: namesake.id,
    });
    expect(byNamesake.statusCode).toBe(200);
  });

  it('withdraws and merges repeats into an open complaint', async () => {
    const a = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const b = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const other = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletB))).json();
    const bad = await ctx.admin.post(`/api/v1/complaints/${b.id}/merge`, { intoId: other.id });
    expect(bad.json().code).toBe('MERGE_TARGET_INVALID');
    const merged = (await ctx.admin.post(`/api/v1/complaints/${b.id}/merge`, { intoId: a.id })).json();
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: a.id, deadline: { dueOn: null } });
    const w = (await ctx.admin.post(`/api/v1/complaints/${a.id}/withdraw`, { comment: '客户撤诉' })).json();
    expect(w).toMatchObject({ status: 'withdrawn', deadline: { dueOn: null } });
    expect(w.withdrawnAt).toBe(ctx.t.clock.now().toISOString());
    expect((await ctx.admin.get('/api/v1/complaints?status=withdrawn,merged')).json().total).toBe(2);
  });

  it('allows a review within 30 days of receiving the decision, due 30 days after the request', async () => {
    const head = await login(ctx.t, 'head.a');
    const c = (await head.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const url = `/api/v1/complaints/${c.id}`;
    await head.post(`${url}/acknowledge`, {});
    await head.post(`${url}/investigate`, {});
    await head.post(`${url}/decide`, decision);
    const told = await head.post(`${url}/inform`, { method: 'letter', proof: '挂号信 #1' });
    expect(told.json().reviewRequestBy).toBe('2026-12-02');
    expect((await head.post(`${url}/request-review`, { comment: '不服' })).statusCode).toBe(403);
    ctx.t.clock.advanceMinutes(60 * 24 * 31);
    const cpo = await login(ctx.t, 'cpo');
    const late = await cpo.post(`${url}/request-review`, { comment: '客户不服' });
    expect(late.json()).toMatchObject({ code: 'REVIEW_WINDOW_CLOSED', status: 409 });
    const inTime = await cpo.post(`${url}/request-review`, {
      comment: '客户不服',
      requestedAt: '2026-11-20T10:00:00+08:00',
    });
    expect(inTime.json()).toMatchObject({
      status: 'review',
      reviewDueOn: '2026-12-20',
      deadline: { dueOn: '2026-12-20' },
    });
    const reviewed = (
      await cpo.post(`${url}/decide-review`, { ...decision, result: '维持原处理决定' })
    ).json();
    expect(reviewed).toMatchObject({ status: 'decided', review: { result: '维持原处理决定' } });
    await cpo.post(`${url}/inform`, { method: 'letter', proof: '挂号信 #2' });
    expect((await cpo.post(`${url}/request-review`, { comment: '再次' })).json().code).toBe(
      'REVIEW_ALREADY_REQUESTED',
    );
  });
});

describe('complaints: deadlines, extensions, pauses and notifications', () => {
  const ctx = useCastApp();

  it('extends to 30 days with a reason and to 60 with approval and a notice record', async () => {
    const c = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const url = `/api/v1/complaints/${c.id}/extend`;
    const noReason = await ctx.admin.post(url, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({
      code: 'EXTENSION_REASON_REQUIRED',
      errors: [{ field: 'body.reason' }],
    });
    const first = (await ctx.admin.post(url, { reason: '需调取多网点监控' })).json();
    expect(first.deadline).toMatchObject({
      extensionLevel: 1,
      dueOn: '2026-12-02',
      extensionReason: '需调取多网点监控',
    });
    const noApproval = await ctx.admin.post(url, { reason: '案情特别复杂' });
    expect(noApproval.statusCode).toBe(400);
    expect(noApproval.json().code).toBe('EXTENSION_APPROVAL_REQUIRED');
    const noNotice = await ctx.admin.post(url, { reason: '案情特别复杂', approvedBy: '分行消保部 王经理' });
    expect(noNotice.json().code).toBe('EXTENSION_NOTICE_REQUIRED');
    const second = await ctx.admin.post(url, {
      reason: '案情特别复杂',
      approvedBy: '分行消保部 王经理',
      complainantInformedAt: '2026-11-02T08:50:00+08:00',
      informMethod: 'phone',
      proof: '电话录音 20261102-01',
    });
    expect(second.json().deadline).toMatchObject({ extensionLevel: 2, dueOn: '2027-01-01' });
    expect((await ctx.admin.post(url, { reason: 'x' })).json().code).toBe('EXTENSION_LIMIT_REACHED');
    const events = (await ctx.admin.get(`/api/v1/complaints/${c.id}/events`)).json().items;
    expect(events.at(-1)).toMatchObject({
      action: 'extend',
      data: { level: 2, approvedBy: '分行消保部 王经理' },
    });
  });

  it('refuses to extend after the deadline passed', async () => {
    const c = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    ctx.t.clock.set('2026-11-17T16:00:00Z'); // 11-18 00:00 Beijing
    ctx.admin = await login(ctx.t, 'admin');
    const res = await ctx.admin.post(`/api/v1/complaints/${c.id}/extend`, { reason: '迟到的延期' });
    expect(res.json()).toMatchObject({ code: 'COMPLAINT_DEADLINE_PASSED', status: 409 });
  });

  it('pauses the clock for mediation, resumes it, and restarts it on new facts', async () => {
    const c = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const url = `/api/v1/complaints/${c.id}`;
    ctx.t.clock.set('2026-11-05T02:00:00Z');
    ctx.admin = await login(ctx.t, 'admin');
    const paused = (
      await ctx.admin.post(`${url}/pause`, { kind: 'mediation', reason: '提交调解组织' })
    ).json();
    expect(paused.deadline).toMatchObject({ dueOn: null, pausedSince: '2026-11-05T02:00:00.000Z' });
    expect((await ctx.admin.post(`${url}/pause`, { kind: 'appraisal', reason: 'x' })).json().code).toBe(
      'COMPLAINT_PAUSE_RUNNING',
    );
    ctx.t.clock.set('2026-11-12T02:00:00Z');
    ctx.admin = await login(ctx.t, 'admin');
    const resumed = (await ctx.admin.post(`${url}/resume`, {})).json();
    expect(resumed.deadline).toMatchObject({ pausedDays: 7, dueOn: '2026-11-24', pausedSince: null });
    expect((await ctx.admin.post(`${url}/resume`, {})).json().code).toBe('COMPLAINT_NOT_PAUSED');
    const restarted = (await ctx.admin.post(`${url}/new-facts`, { comment: '客户补充新证据' })).json();
    expect(restarted.deadline).toMatchObject({ dueOn: '2026-11-27', pausedDays: 0 });
  });

  it('lists due-soon and overdue complaints and notifies the handler, outlet head and officer once a day', async () => {
    let head = await login(ctx.t, 'head.a');
    const soon = (
      await head.post(
        '/api/v1/complaints',
        complaint(ctx.cast.outletA, { receivedAt: '2026-10-20T10:00:00+08:00' }),
      )
    ).json();
    const late = (
      await head.post(
        '/api/v1/complaints',
        complaint(ctx.cast.outletA, { receivedAt: '2026-10-10T10:00:00+08:00' }),
      )
    ).json();
    const fresh = (await head.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    await head.post(`/api/v1/complaints/${late.id}/acknowledge`, {});
    await head.post(`/api/v1/complaints/${late.id}/investigate`, {});
    expect(soon.deadline).toMatchObject({ dueOn: '2026-11-04', daysLeft: 2, dueSoon: true });
    expect(late.deadline).toMatchObject({ dueOn: '2026-10-25', overdue: true });
    const dueSoon = (await ctx.admin.get('/api/v1/complaints?due=soon')).json();
    expect(dueSoon.items.map((c: { id: string }) => c.id)).toEqual([soon.id]);
    const overdue = (await ctx.admin.get('/api/v1/complaints?due=overdue')).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toEqual([late.id]);
    const byDue = (await ctx.admin.get('/api/v1/complaints?sort=dueOn')).json();
    expect(byDue.items.map((c: { id: string }) => c.id)).toEqual([late.id, soon.id, fresh.id]);

    const svc = ctx.t.app.services.notifications;
    // the timer already ran at start (nothing was due then); now two complaints fall due
    // head.a for both (handler = head.a too) and the branch's officer (cpo) for both
    expect(await svc.generateDueNotifications(ctx.t.clock.now())).toBe(4);
    expect(await svc.generateDueNotifications(ctx.t.clock.now())).toBe(0); // idempotent for the day
    const mine = (await head.get('/api/v1/notifications')).json();
    expect(mine).toMatchObject({ total: 2, unread: 2 });
    expect(mine.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'complaint_due_soon',
      'complaint_overdue',
    ]);
    expect((await ctx.admin.get('/api/v1/notifications')).json().total).toBe(0);
    ctx.t.clock.advanceMinutes(60 * 24);
    ctx.admin = await login(ctx.t, 'admin');
    head = await login(ctx.t, 'head.a');
    expect(await svc.generateDueNotifications(ctx.t.clock.now())).toBe(4); // a new day
    const first = mine.items[0].id;
    expect((await ctx.admin.post(`/api/v1/notifications/${first}/read`)).statusCode).toBe(404);
    expect((await head.post(`/api/v1/notifications/${first}/read`)).json()).toEqual({ updated: 1 });
    expect((await head.get('/api/v1/notifications?unread=true')).json().total).toBe(3);
    expect((await head.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 3 });
  });
});

describe('complaints: code tables, holidays and rectification tasks', () => {
  const ctx = useCastApp();

  it('seeds the JR/T 0169 code tables and lets admins edit them', async () => {
    const cats = (await ctx.admin.get('/api/v1/complaint-codes?kind=category')).json().items;
    expect(cats.map((c: { nameZh: string }) => c.nameZh)).toEqual(
      expect.arrayContaining([
        '借记卡',
        '信用卡',
        '贷款',
        '支付结算',
        '债务催收',
        '外汇',
        '人民币储蓄',
        '银行代理业务',
        '自营理财',
        '个人金融信息',
      ]),
    );
    const cpo = await login(ctx.t, 'cpo');
    expect(
      (await cpo.post('/api/v1/complaint-codes', { kind: 'cause', code: 'x', nameZh: 'x', nameEn: 'x' }))
        .statusCode,
    ).toBe(403);
    const made = await ctx.admin.post('/api/v1/complaint-codes', {
      kind: 'channel',
      code: 'video',
      nameZh: '视频银行',
      nameEn: 'Video banking',
    });
    expect(made.statusCode).toBe(201);
    const dup = await ctx.admin.post('/api/v1/complaint-codes', {
      kind: 'channel',
      code: 'video',
      nameZh: 'x',
      nameEn: 'x',
    });
    expect(dup.json().code).toBe('COMPLAINT_CODE_TAKEN');
    await ctx.admin.patch(`/api/v1/complaint-codes/${made.json().id}`, { active: false });
    const res = await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA, { channel: 'video' }));
    expect(res.json().errors[0]).toMatchObject({ field: 'body.channel', code: 'UNKNOWN_CODE' });
  });

  it('seeds the 2025 and 2026 holiday calendars and lets admins replace a year', async () => {
    const y2026 = (await ctx.admin.get('/api/v1/holiday-calendar?year=2026')).json().items;
    expect(y2026.find((d: { day: string }) => d.day === '2026-02-14')).toMatchObject({ kind: 'workday' });
    expect(y2026.filter((d: { kind: string }) => d.kind === 'holiday')).toHaveLength(33);
    const y2025 = (await ctx.admin.get('/api/v1/holiday-calendar?year=2025')).json().items;
    expect(y2025.filter((d: { kind: string }) => d.kind === 'holiday')).toHaveLength(28);
    const replaced = await ctx.admin.put('/api/v1/holiday-calendar', {
      year: 2027,
      days: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-02-20', kind: 'workday', name: '春节调休' },
      ],
    });
    expect(replaced.json().items).toHaveLength(2);
    const bad = await ctx.admin.put('/api/v1/holiday-calendar', {
      year: 2027,
      days: [{ day: '2028-01-01', kind: 'holiday', name: 'x' }],
    });
    expect(bad.json().errors[0].field).toBe('body.days.0.day');
    const head = await login(ctx.t, 'head.a');
    expect((await head.put('/api/v1/holiday-calendar', { year: 2027, days: [] })).statusCode).toBe(403);
  });

  it('keeps root-cause rectification tasks with owner and due date', async () => {
    const c = (await ctx.admin.post('/api/v1/complaints', complaint(ctx.cast.outletA))).json();
    const task = await ctx.admin.post(`/api/v1/complaints/${c.id}/tasks`, {
      title: '开展服务规范培训',
      owner: '王经理',
      dueOn: '2026-11-30',
    });
    expect(task.statusCode).toBe(201);
    expect(task.json()).toMatchObject({ status: 'open', outletName: '甲支行', complaintId: c.id });
    const lobby = await login(ctx.t, 'lobby.a');
    expect(
      (await lobby.post(`/api/v1/complaints/${c.id}/tasks`, { title: 'x', owner: 'y', dueOn: '2026-11-30' }))
        .statusCode,
    ).toBe(403);
    ctx.t.clock.set('2026-12-02T02:00:00Z');
    ctx.admin = await login(ctx.t, 'admin');
    expect((await ctx.admin.get('/api/v1/rectification-tasks?overdue=true')).json().total).toBe(1);
    const done = (
      await ctx.admin.patch(`/api/v1/rectification-tasks/${task.json().id}`, {
        status: 'done',
        note: '已培训',
      })
    ).json();
    expect(done).toMatchObject({ status: 'done', doneAt: '2026-12-02T02:00:00.000Z' });
    expect((await ctx.admin.get('/api/v1/rectification-tasks?overdue=true')).json().total).toBe(0);
    const sheet = await readSheet(
      await ctx.admin.get(`/api/v1/rectification-tasks/export.xlsx?status=done&outletId=${ctx.cast.outletA}`),
    );
    expect(sheet.title).toBe('整改任务');
    expect(sheet.filterLine).toContain('网点：甲支行');
    expect(sheet.filterLine).toContain('状态：已完成');
    expect(sheet.rows).toHaveLength(1);
    const cell = (header: string) => sheet.rows[0]![sheet.headers.indexOf(header)];
    expect(cell('任务')).toBe('开展服务规范培训');
    expect(cell('状态')).toBe('已完成');
    expect(cell('完成期限')).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(cell('完成时间')).toEqual(new Date('2026-12-02T10:00:00Z')); // 02:00Z is 10:00 in Beijing
    const headB = await makeUser(ctx.t, ctx.cast.branchId, 'outlet_head', ctx.cast.outletB, 'head.b');
    const b = await login(ctx.t, headB.username);
    expect((await b.get('/api/v1/rectification-tasks')).json().total).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { type Client, login, useCastApp } from '../../test/harness';
import { complaintBody as complaint, decisionBody as decision } from '../../test/complaints';

/**
 * Every step records when it happened, and no sequence of calls makes a case show an impossible
 * timeline or hide that it is late. The harness's clock stands at 2026-11-02 09:00 Beijing.
 */
const bj = (local: string) => `${local}:00+08:00`;
/** Received 2026-10-25 09:00: due 11-09 (15 days). */
const RECEIVED = bj('2026-10-25T09:00');

type Step = [path: string, body?: Record<string, unknown>];
const ACK: Step = ['acknowledge', { at: bj('2026-10-25T10:00') }];
const INVESTIGATE: Step = ['investigate', { at: bj('2026-10-26T10:00') }];
const DECIDE: Step = ['decide', { ...decision, at: bj('2026-10-28T10:00') }];
const INFORM: Step = ['inform', { method: 'phone', proof: '电话录音 #1', at: bj('2026-10-28T15:00') }];

interface Refusal {
  name: string;
  received?: string;
  before?: Step[];
  step: Step;
  status: number;
  code: string;
  field?: string;
}

const refusals: Refusal[] = [
  {
    name: 'a decision dated before the receipt',
    before: [ACK, INVESTIGATE],
    step: ['decide', { ...decision, at: bj('2026-10-24T10:00') }],
    status: 400,
    code: 'BEFORE_RECEIPT',
    field: 'body.at',
  },
  {
    name: 'a decision dated before the investigation it follows',
    before: [ACK, INVESTIGATE],
    step: ['decide', { ...decision, at: bj('2026-10-26T09:59') }],
    status: 400,
    code: 'BEFORE_PREVIOUS_STEP',
    field: 'body.at',
  },
  {
    name: 'a decision in the future (beyond 5 minutes of clock skew)',
    before: [ACK, INVESTIGATE],
    step: ['decide', { ...decision, at: bj('2026-11-02T09:06') }],
    status: 400,
    code: 'IN_THE_FUTURE',
    field: 'body.at',
  },
  {
    name: 'an inform time before the decision',
    before: [ACK, INVESTIGATE, DECIDE],
    step: ['inform', { method: 'phone', proof: 'x', informedAt: bj('2026-10-28T09:00') }],
    status: 400,
    code: 'BEFORE_PREVIOUS_STEP',
    field: 'body.informedAt',
  },
  {
    name: 'an inform time years before the complaint',
    before: [ACK, INVESTIGATE, DECIDE],
    step: ['inform', { method: 'phone', proof: 'x', informedAt: bj('2019-01-01T09:00') }],
    status: 400,
    code: 'BEFORE_RECEIPT',
    field: 'body.informedAt',
  },
  {
    name: 'two times for one step that disagree',
    before: [ACK, INVESTIGATE, DECIDE],
    step: [
      'inform',
      { method: 'phone', proof: 'x', informedAt: bj('2026-10-29T09:00'), at: bj('2026-10-30T09:00') },
    ],
    status: 400,
    code: 'TIMES_DISAGREE',
    field: 'body.informedAt',
  },
  {
    name: 'a review requested with a date before the decision was told',
    before: [ACK, INVESTIGATE, DECIDE, INFORM],
    step: ['request-review', { comment: '客户不服', requestedAt: bj('2026-10-27T09:00') }],
    status: 400,
    code: 'BEFORE_PREVIOUS_STEP',
    field: 'body.requestedAt',
  },
  {
    name: 'a review requested before the complainant was told of the decision',
    before: [ACK, INVESTIGATE, DECIDE],
    step: ['request-review', { comment: '客户不服' }],
    status: 409,
    code: 'COMPLAINT_TRANSITION_NOT_ALLOWED',
  },
  {
    name: 'a second extension told to the complainant years before the complaint',
    before: [ACK, ['extend', { reason: '案情复杂', at: bj('2026-10-26T09:00') }]],
    step: [
      'extend',
      { reason: '需外部鉴定', approvedBy: '分行消保部', complainantInformedAt: bj('2020-05-01T09:00') },
    ],
    status: 400,
    code: 'BEFORE_RECEIPT',
    field: 'body.complainantInformedAt',
  },
  {
    name: 'a step while the clock is paused',
    before: [ACK, ['pause', { kind: 'appraisal', reason: '外部鉴定', at: bj('2026-10-27T09:00') }]],
    step: ['investigate', {}],
    status: 400,
    code: 'INSIDE_PAUSE',
    field: 'body.at',
  },
  {
    name: 'a pause dated inside an earlier pause',
    before: [
      ACK,
      ['pause', { kind: 'appraisal', reason: '外部鉴定', at: bj('2026-10-27T09:00') }],
      ['resume', { at: bj('2026-10-30T09:00') }],
    ],
    step: ['pause', { kind: 'mediation', reason: '调解', at: bj('2026-10-29T09:00') }],
    status: 400,
    code: 'BEFORE_PREVIOUS_STEP',
    field: 'body.at',
  },
  {
    name: 'a resume dated before its pause began',
    before: [ACK, ['pause', { kind: 'appraisal', reason: '外部鉴定', at: bj('2026-10-27T09:00') }]],
    step: ['resume', { at: bj('2026-10-26T09:00') }],
    status: 400,
    code: 'BEFORE_PREVIOUS_STEP',
    field: 'body.at',
  },
  {
    name: 'new facts dated before the current clock start',
    before: [ACK, ['new-facts', { comment: '补充材料', at: bj('2026-10-30T09:00') }]],
    step: ['new-facts', { comment: '更早的材料', receivedAt: bj('2026-10-28T09:00') }],
    status: 400,
    code: 'BEFORE_PREVIOUS_STEP',
    field: 'body.receivedAt',
  },
  {
    name: 'pausing a complaint already overdue',
    received: bj('2026-10-10T09:00'),
    before: [ACK],
    step: ['pause', { kind: 'mediation', reason: '调解' }],
    status: 409,
    code: 'COMPLAINT_DEADLINE_PASSED',
    field: 'body.at',
  },
  {
    name: 'extending a complaint already overdue',
    received: bj('2026-10-10T09:00'),
    step: ['extend', { reason: '案情复杂' }],
    status: 409,
    code: 'COMPLAINT_DEADLINE_PASSED',
  },
  {
    name: 'restarting the clock of a complaint already overdue with new facts',
    received: bj('2026-10-10T09:00'),
    step: ['new-facts', { comment: '补充材料' }],
    status: 409,
    code: 'COMPLAINT_DEADLINE_PASSED',
  },
];

describe('complaints: every step as it happened, checked against the case', () => {
  const ctx = useCastApp();

  async function caseWith(client: Client, received: string, steps: Step[]) {
    const c = (
      await client.post('/api/v1/complaints', complaint(ctx.cast.outletA, { receivedAt: received }))
    ).json();
    for (const [path, body] of steps) {
      const r = await client.post(`/api/v1/complaints/${c.id}/${path}`, body ?? {});
      expect([path, r.statusCode]).toEqual([path, 200]);
    }
    return c.id as string;
  }

  it.each(refusals)('refuses $name', async (r) => {
    const id = await caseWith(ctx.admin, r.received ?? RECEIVED, r.before ?? []);
    const [path, body] = r.step;
    const res = await ctx.admin.post(`/api/v1/complaints/${id}/${path}`, body ?? {});
    expect(res.statusCode).toBe(r.status);
    const problem = res.json();
    if (r.status === 400) {
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors).toEqual([expect.objectContaining({ field: r.field, code: r.code })]);
      expect(problem.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    } else {
      expect(problem.code).toBe(r.code);
      if (r.field)
        expect(problem.errors).toEqual([expect.objectContaining({ field: r.field, code: r.code })]);
    }
    // nothing of the refused step was kept
    const events = (await ctx.admin.get(`/api/v1/complaints/${id}/events`)).json().items;
    expect(events).toHaveLength(1 + (r.before ?? []).length);
  });

  it('says what is wrong in words a clerk reads, with the Beijing time the step may not precede', async () => {
    const id = await caseWith(ctx.admin, RECEIVED, [ACK, INVESTIGATE]);
    const res = await ctx.admin.post(`/api/v1/complaints/${id}/decide`, {
      ...decision,
      at: bj('2026-10-26T08:00'),
    });
    expect(res.json().errors[0].message).toBe('时间：不能早于上一步骤的时间（2026-10-26 10:00）');
  });

  it('tolerates 5 minutes of clock skew', async () => {
    const id = await caseWith(ctx.admin, RECEIVED, [ACK]);
    const res = await ctx.admin.post(`/api/v1/complaints/${id}/investigate`, { at: bj('2026-11-02T09:04') });
    expect(res.statusCode).toBe(200);
  });

  it('records a decision dated three days ago: the on-time figure and the review window follow it', async () => {
    const id = await caseWith(ctx.admin, RECEIVED, [ACK, INVESTIGATE]);
    const decided = (
      await ctx.admin.post(`/api/v1/complaints/${id}/decide`, { ...decision, at: bj('2026-10-30T16:00') })
    ).json();
    expect(decided).toMatchObject({
      decidedAt: '2026-10-30T08:00:00.000Z',
      decisionOnTime: true,
      daysToDecision: 5,
      decision: { decidedAt: '2026-10-30T08:00:00.000Z' },
    });
    const told = (
      await ctx.admin.post(`/api/v1/complaints/${id}/inform`, {
        method: 'letter',
        proof: '挂号信 XA123',
        at: bj('2026-10-31T10:00'),
      })
    ).json();
    expect(told).toMatchObject({
      onTime: true,
      informedAt: '2026-10-31T02:00:00.000Z',
      reviewRequestBy: '2026-11-30',
    });
    const notice = (await ctx.admin.get(`/api/v1/complaints/${id}/decision-notice`)).json();
    expect(notice.reviewRequestBy).toBe('2026-11-30');
    const events = (await ctx.admin.get(`/api/v1/complaints/${id}/events`)).json().items;
    const decide = events.find((e: { action: string }) => e.action === 'decide');
    expect(decide).toMatchObject({ at: '2026-10-30T08:00:00.000Z', recordedAt: '2026-11-02T01:00:00.000Z' });
    // the review window closes 30 days after the telling, not after the decision
    ctx.t.clock.set(bj('2026-11-30T20:00'));
    const cpo = await login(ctx.t, 'cpo');
    expect(
      (await cpo.post(`/api/v1/complaints/${id}/request-review`, { comment: '客户不服' })).json().status,
    ).toBe('review');
  });

  it('judges Art. 18 on deciding and informing: decided in time but told late is late', async () => {
    // received 10-10 → due 10-25; decided 10-24, told 10-27
    const id = await caseWith(ctx.admin, bj('2026-10-10T09:00'), [
      ['acknowledge', { at: bj('2026-10-10T10:00') }],
      ['investigate', { at: bj('2026-10-11T10:00') }],
      ['decide', { ...decision, at: bj('2026-10-24T17:00') }],
    ]);
    const waiting = (await ctx.admin.get(`/api/v1/complaints/${id}`)).json();
    // the deadline to tell has passed: the case is overdue although decided in time
    expect(waiting).toMatchObject({
      decisionOnTime: true,
      onTime: null,
      deadline: { dueOn: '2026-10-25', overdue: true },
    });
    const told = (
      await ctx.admin.post(`/api/v1/complaints/${id}/inform`, {
        method: 'phone',
        proof: '电话录音',
        at: bj('2026-10-27T10:00'),
      })
    ).json();
    expect(told).toMatchObject({ decisionOnTime: true, informOnTime: false, onTime: false });
    const other = await caseWith(ctx.admin, bj('2026-10-10T09:00'), [
      ['acknowledge', { at: bj('2026-10-10T10:00') }],
      ['investigate', { at: bj('2026-10-11T10:00') }],
      ['decide', { ...decision, at: bj('2026-10-28T17:00') }],
    ]);
    expect((await ctx.admin.get(`/api/v1/complaints/${other}`)).json()).toMatchObject({
      decisionOnTime: false,
      onTime: false,
    });
    const s = (await ctx.admin.get('/api/v1/complaints/stats')).json();
    expect(s).toMatchObject({ decided: 2, onTime: 0, lateDecision: 1, lateInform: 1, onTimeRate: 0 });
  });

  it('counts a case withdrawn after its deadline as late, not as decided', async () => {
    const id = await caseWith(ctx.admin, bj('2026-10-10T09:00'), [
      ['acknowledge', { at: bj('2026-10-10T10:00') }],
    ]);
    const withdrawn = (
      await ctx.admin.post(`/api/v1/complaints/${id}/withdraw`, {
        comment: '客户撤诉',
        at: bj('2026-10-30T10:00'),
      })
    ).json();
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      decisionOnTime: false,
      onTime: false,
      deadline: { dueOn: null },
    });
    const inTime = await caseWith(ctx.admin, RECEIVED, [
      ACK,
      ['withdraw', { comment: '客户撤诉', at: bj('2026-10-26T10:00') }],
    ]);
    expect((await ctx.admin.get(`/api/v1/complaints/${inTime}`)).json()).toMatchObject({ onTime: null });
    const s = (await ctx.admin.get('/api/v1/complaints/stats')).json();
    expect(s).toMatchObject({ decided: 0, lateDecision: 1, lateInform: 0, onTimeRate: 0 });
  });

  it('merges pauses that overlap and keeps a case that went overdue overdue', async () => {
    // a pause begun in time moves the deadline by its days, even when it ends after the old due date
    const id = await caseWith(ctx.admin, RECEIVED, [
      ACK,
      ['pause', { kind: 'appraisal', reason: '外部鉴定', at: bj('2026-11-01T09:00') }],
    ]);
    const resumed = (
      await ctx.admin.post(`/api/v1/complaints/${id}/resume`, { at: bj('2026-11-02T08:00') })
    ).json();
    expect(resumed.deadline).toMatchObject({ pausedDays: 1, dueOn: '2026-11-10' });
    // new facts dated now restart the clock forward only
    const restarted = (
      await ctx.admin.post(`/api/v1/complaints/${id}/new-facts`, { comment: '补充材料' })
    ).json();
    expect(restarted.deadline).toMatchObject({
      clockStartAt: '2026-11-02T01:00:00.000Z',
      dueOn: '2026-11-17',
    });
  });
});

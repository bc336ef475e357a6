import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  holidayCalendar,
  isoDate,
  isWorkingDay,
  shanghaiDate,
  shanghaiStartOfDay,
} from './calendar';
import {
  canRequestReview,
  checkExtension,
  type DeadlineInput,
  deadlineStatus,
  decisionDeadline,
  forwardingDueDate,
  reviewDueDate,
  reviewRequestBy,
} from './deadlines';

/** Beijing wall-clock time → ISO UTC instant. */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

interface DeadlineCase {
  name: string;
  input: DeadlineInput;
  due: string | null;
  paused?: number;
  start?: string;
}
/** A case received at Beijing time `local`: its other inputs, and the paused days and start date expected. */
const received = (
  name: string,
  local: string,
  due: string | null,
  more: { input?: Omit<DeadlineInput, 'receivedAt'>; paused?: number; start?: string } = {},
): DeadlineCase => ({
  name,
  input: { receivedAt: bj(local), ...more.input },
  due,
  paused: more.paused,
  start: more.start,
});

describe('decision deadline (Art. 18, 43)', () => {
  const cases: DeadlineCase[] = [
    received('plain 15 days', '2025-03-01T10:00', '2025-03-16'),
    received('month end: Jan 31', '2025-01-31T09:00', '2025-02-15'),
    received('across Feb in a common year', '2025-02-20T09:00', '2025-03-07'),
    received('leap day: received 2028-02-14', '2028-02-14T09:00', '2028-02-29'),
    received('after a leap day', '2028-02-20T09:00', '2028-03-06'),
    received('year end', '2025-12-20T09:00', '2026-01-04'),
    received('time zone: 23:30 Beijing counts from that Beijing date', '2025-03-01T23:30', '2025-03-16', {
      start: '2025-03-01',
    }),
    received(
      'time zone: 00:30 Beijing is the next date although UTC is still the day before',
      '2025-03-02T00:30',
      '2025-03-17',
      { start: '2025-03-02' },
    ),
    received('first extension: 30 days', '2025-03-01T10:00', '2025-03-31', { input: { extensionLevel: 1 } }),
    received('second extension: 60 days, across a leap February', '2028-01-10T10:00', '2028-03-10', {
      input: { extensionLevel: 2 },
    }),
    received('pause across a month end (appraisal 01-28 → 02-03: 6 days)', '2025-01-20T10:00', '2025-02-10', {
      input: { pauses: [{ kind: 'appraisal', from: bj('2025-01-28T15:00'), to: bj('2025-02-03T09:00') }] },
      paused: 6,
    }),
    received('two pauses (appraisal and mediation) add up', '2025-03-01T10:00', '2025-03-21', {
      input: {
        pauses: [
          { kind: 'appraisal', from: bj('2025-03-03T10:00'), to: bj('2025-03-05T10:00') },
          { kind: 'mediation', from: bj('2025-03-10T10:00'), to: bj('2025-03-13T10:00') },
        ],
      },
      paused: 5,
    }),
    received('a running pause stops the clock: no due date', '2025-03-01T10:00', null, {
      input: { pauses: [{ kind: 'mediation', from: bj('2025-03-05T10:00'), to: null }] },
    }),
    received('new facts restart the clock from their receipt', '2025-03-01T10:00', '2025-03-25', {
      input: { restarts: [bj('2025-03-10T23:10')] },
      start: '2025-03-10',
    }),
    received('a pause before the restart no longer counts', '2025-03-01T10:00', '2025-03-23', {
      input: {
        pauses: [{ kind: 'appraisal', from: bj('2025-03-02T10:00'), to: bj('2025-03-04T10:00') }],
        restarts: [bj('2025-03-08T10:00'), bj('2025-03-06T10:00')],
      },
      paused: 0,
      start: '2025-03-08',
    }),
    received('restart with extension keeps the extended limit', '2025-03-01T10:00', '2025-04-19', {
      input: { extensionLevel: 1, restarts: [bj('2025-03-20T10:00')] },
    }),
    received('a withdrawal ends the case', '2025-03-01T10:00', null, {
      input: { withdrawnAt: bj('2025-03-02T10:00') },
    }),
  ];
  it.each(cases)('$name', ({ input, due, paused, start }) => {
    const d = decisionDeadline(input);
    expect(d.dueDate).toBe(due);
    if (paused !== undefined) expect(d.pausedDays).toBe(paused);
    if (start !== undefined) expect(d.startDate).toBe(start);
  });

  it('reports a running pause and a withdrawal', () => {
    const running = decisionDeadline({
      receivedAt: bj('2025-03-01T10:00'),
      pauses: [{ kind: 'mediation', from: bj('2025-03-05T10:00'), to: null }],
    });
    expect(running).toMatchObject({ paused: true, ended: false });
    const withdrawn = decisionDeadline({
      receivedAt: bj('2025-03-01T10:00'),
      withdrawnAt: bj('2025-03-02T10:00'),
    });
    expect(withdrawn).toMatchObject({ ended: true, paused: false });
  });

  it('judges a decision on time up to the last day, in Beijing time', () => {
    const r = bj('2025-03-01T10:00');
    expect(decisionDeadline({ receivedAt: r, decidedAt: bj('2025-03-16T23:59') }).decisionOnTime).toBe(true);
    expect(decisionDeadline({ receivedAt: r, decidedAt: bj('2025-03-17T00:01') }).decisionOnTime).toBe(false);
    const paused = decisionDeadline({
      receivedAt: r,
      decidedAt: bj('2025-03-18T10:00'),
      pauses: [{ kind: 'appraisal', from: bj('2025-03-02T10:00'), to: bj('2025-03-05T10:00') }],
    });
    expect(paused).toMatchObject({ decisionOnTime: true, daysToDecision: 14, dueDate: '2025-03-19' });
  });

  it('sets the deadline for deciding and informing (Art. 18): a decision told late is late', () => {
    const r = bj('2025-03-01T10:00');
    const decided = bj('2025-03-14T10:00');
    const open = decisionDeadline({ receivedAt: r, decidedAt: decided });
    expect(open).toMatchObject({
      decisionOnTime: true,
      informOnTime: null,
      onTime: null,
      dueDate: '2025-03-16',
    });
    const toldInTime = decisionDeadline({
      receivedAt: r,
      decidedAt: decided,
      informedAt: bj('2025-03-16T18:00'),
    });
    expect(toldInTime).toMatchObject({ onTime: true, missed: null, informedDate: '2025-03-16' });
    const toldLate = decisionDeadline({
      receivedAt: r,
      decidedAt: decided,
      informedAt: bj('2025-03-17T09:00'),
    });
    expect(toldLate).toMatchObject({
      decisionOnTime: true,
      informOnTime: false,
      onTime: false,
      missed: 'inform',
    });
    const decidedLate = decisionDeadline({ receivedAt: r, decidedAt: bj('2025-03-18T09:00') });
    expect(decidedLate).toMatchObject({ onTime: false, missed: 'decision' });
  });

  it('merges overlapping and repeated pauses instead of counting their days twice', () => {
    const r = bj('2025-03-01T10:00');
    const a = { kind: 'appraisal' as const, from: bj('2025-03-03T10:00'), to: bj('2025-03-06T10:00') };
    const b = { kind: 'mediation' as const, from: bj('2025-03-05T10:00'), to: bj('2025-03-08T10:00') };
    expect(decisionDeadline({ receivedAt: r, pauses: [a, b] })).toMatchObject({
      pausedDays: 5,
      dueDate: '2025-03-21',
    });
    expect(decisionDeadline({ receivedAt: r, pauses: [a, a, a] })).toMatchObject({ pausedDays: 3 });
    expect(decisionDeadline({ receivedAt: r, pauses: [b, a] }).pausedDays).toBe(5);
    const running = { kind: 'mediation' as const, from: bj('2025-03-04T10:00'), to: null };
    expect(decisionDeadline({ receivedAt: r, pauses: [a, running] })).toMatchObject({
      paused: true,
      dueDate: null,
    });
  });

  it('does not let a pause begun after the deadline hide that the case is late', () => {
    const r = bj('2025-03-01T10:00');
    const after = { kind: 'appraisal' as const, from: bj('2025-03-18T10:00'), to: bj('2025-03-28T10:00') };
    expect(decisionDeadline({ receivedAt: r, pauses: [after] })).toMatchObject({
      pausedDays: 0,
      dueDate: '2025-03-16',
    });
    const runningAfter = { ...after, to: null };
    expect(decisionDeadline({ receivedAt: r, pauses: [runningAfter] })).toMatchObject({
      paused: false,
      dueDate: '2025-03-16',
    });
    const decided = decisionDeadline({ receivedAt: r, pauses: [after], decidedAt: bj('2025-03-29T10:00') });
    expect(decided).toMatchObject({ decisionOnTime: false, missed: 'decision' });
    // a pause begun on the last day still counts
    const onDue = { kind: 'appraisal' as const, from: bj('2025-03-16T10:00'), to: bj('2025-03-18T10:00') };
    expect(decisionDeadline({ receivedAt: r, pauses: [onDue] }).dueDate).toBe('2025-03-18');
  });

  it('keeps a case withdrawn after its deadline late, and one withdrawn in time without a verdict', () => {
    const r = bj('2025-03-01T10:00');
    expect(decisionDeadline({ receivedAt: r, withdrawnAt: bj('2025-03-20T10:00') })).toMatchObject({
      ended: true,
      dueDate: null,
      decisionOnTime: false,
      onTime: false,
      missed: 'decision',
    });
    expect(decisionDeadline({ receivedAt: r, withdrawnAt: bj('2025-03-16T20:00') })).toMatchObject({
      ended: true,
      decisionOnTime: null,
      onTime: null,
    });
  });

  it('ends a running pause at the decision and ignores pauses after it', () => {
    const r = bj('2025-03-01T10:00');
    const d = decisionDeadline({
      receivedAt: r,
      decidedAt: bj('2025-03-10T10:00'),
      pauses: [
        { kind: 'appraisal', from: bj('2025-03-05T10:00'), to: null },
        { kind: 'mediation', from: bj('2025-03-12T10:00'), to: bj('2025-03-14T10:00') },
      ],
    });
    expect(d).toMatchObject({ paused: false, pausedDays: 5, dueDate: '2025-03-21', daysToDecision: 4 });
  });

  it('never moves the start back: new facts dated before the receipt do not count', () => {
    const d = decisionDeadline({ receivedAt: bj('2025-03-10T10:00'), restarts: [bj('2025-03-02T10:00')] });
    expect(d).toMatchObject({ startDate: '2025-03-10', dueDate: '2025-03-25' });
  });

  it('refuses a pause that ends before it starts and instants without a zone', () => {
    const r = bj('2025-03-01T10:00');
    const backwards = {
      kind: 'appraisal' as const,
      from: bj('2025-03-06T10:00'),
      to: bj('2025-03-05T10:00'),
    };
    expect(() => decisionDeadline({ receivedAt: r, pauses: [backwards] })).toThrow(RangeError);
    expect(() => decisionDeadline({ receivedAt: '2025-03-01T10:00:00' })).toThrow(/zone/);
    expect(() => decisionDeadline({ receivedAt: r, decidedAt: '2025-03-05 10:00' })).toThrow(RangeError);
    const zoneless = { kind: 'appraisal' as const, from: '2025-03-03T10:00', to: null };
    expect(() => decisionDeadline({ receivedAt: r, pauses: [zoneless] })).toThrow(RangeError);
  });
});

describe('deadline status (due soon ≤ 3 days, overdue)', () => {
  it.each([
    ['2025-03-12T10:00', 4, false, false],
    ['2025-03-13T10:00', 3, false, true],
    ['2025-03-16T23:59', 0, false, true],
    ['2025-03-17T00:00', -1, true, false],
  ])('at %s', (local, daysLeft, overdue, dueSoon) => {
    expect(deadlineStatus('2025-03-16', bj(local))).toEqual({ daysLeft, overdue, dueSoon });
  });
  it('has no status without a due date', () => {
    expect(deadlineStatus(null, new Date())).toEqual({ daysLeft: null, overdue: false, dueSoon: false });
  });
});

describe('extensions (Art. 18)', () => {
  it.each([
    [0, {}, 'EXTENSION_REASON_REQUIRED'],
    [0, { reason: '   ' }, 'EXTENSION_REASON_REQUIRED'],
    [1, { reason: '案情特别复杂' }, 'EXTENSION_APPROVAL_REQUIRED'],
    [1, { reason: '案情特别复杂', approvedBy: '分行消保部 张三' }, 'EXTENSION_NOTICE_REQUIRED'],
    [
      2,
      { reason: 'x', approvedBy: 'y', complainantInformedAt: bj('2025-03-02T10:00') },
      'EXTENSION_LIMIT_REACHED',
    ],
  ] as const)('level %i + %o → %s', (level, req, problem) => {
    expect(checkExtension(level, req)).toEqual({ ok: false, problem });
  });
  it('grants the first with a reason and the second with approval and notice', () => {
    expect(checkExtension(0, { reason: '需调取监控' })).toEqual({ ok: true, level: 1 });
    expect(
      checkExtension(1, {
        reason: '需外部鉴定',
        approvedBy: 'u1',
        complainantInformedAt: bj('2025-03-02T10:00'),
      }),
    ).toEqual({ ok: true, level: 2 });
  });
});

describe('review (Art. 20)', () => {
  it('may be requested within 30 days of receiving the decision and is due 30 days after the request', () => {
    const told = bj('2025-01-31T22:00');
    expect(reviewRequestBy(told)).toBe('2025-03-02');
    expect(canRequestReview(told, bj('2025-03-02T23:59'))).toBe(true);
    expect(canRequestReview(told, bj('2025-03-03T00:00'))).toBe(false);
    expect(reviewDueDate(bj('2028-02-01T08:00'))).toBe('2028-03-02');
  });
});

describe('official calendar and working days (Art. 33)', () => {
  const cal = holidayCalendar([
    ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'].map((date) => ({
      date,
      kind: 'holiday' as const,
    })),
    { date: '2025-09-28', kind: 'workday' as const },
    { date: '2025-10-11', kind: 'workday' as const },
  ]);
  it('knows holidays and make-up working days', () => {
    expect(isWorkingDay(isoDate('2025-10-08'), cal)).toBe(false);
    expect(isWorkingDay(isoDate('2025-10-11'), cal)).toBe(true); // Saturday, 调休
    expect(isWorkingDay(isoDate('2025-10-12'), cal)).toBe(false); // Sunday
    expect(isWorkingDay(isoDate('2025-10-09'), cal)).toBe(true);
  });
  it('counts 7 working days over the National Day holiday', () => {
    // 09-26 (Fri) → 09-28 (Sun, make-up), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat, make-up), 10-13
    expect(forwardingDueDate('2025-09-26', cal)).toBe('2025-10-13');
    expect(addWorkingDays(isoDate('2025-09-30'), 1, cal)).toBe('2025-10-09');
  });
  it('converts instants to Beijing dates and back', () => {
    expect(shanghaiDate('2025-03-01T15:30:00Z')).toBe('2025-03-01');
    expect(shanghaiDate('2025-03-01T16:00:00Z')).toBe('2025-03-02');
    expect(shanghaiStartOfDay(isoDate('2025-03-02'))).toBe('2025-03-01T16:00:00.000Z');
    expect(() => isoDate('2025-02-29')).toThrow();
  });
});

import { dayType, holidayCalendar } from '@liangdian/engine';
import { beijingWallClock } from '@liangdian/engine/time';
import { describe, expect, it } from 'vitest';
import { DEMO_ZONES } from './demo.data';
import { generateOutletHistory, type HistoryEvent } from './demo.history';

// 2026: 中秋 09-25…27, 国庆 10-01…07, make-up days 09-20 and 10-10
const range = (d: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );
const calendar = holidayCalendar([
  ...range('2026-09-25', 3).map((date) => ({ date, kind: 'holiday' as const })),
  ...range('2026-10-01', 7).map((date) => ({ date, kind: 'holiday' as const })),
  { date: '2026-09-20', kind: 'workday' as const },
  { date: '2026-10-10', kind: 'workday' as const },
]);
const zones = DEMO_ZONES.map((z) => ({ kind: z.kind, capacity: z.capacity }));
const lsw = generateOutletHistory({
  code: 'LSW',
  from: '2026-09-21',
  to: '2026-11-29',
  calendar,
  seed: 11,
  zones,
});

const perDay = (ev: HistoryEvent[], pred: (e: HistoryEvent) => boolean) => {
  const m = new Map<string, number>();
  for (const e of ev) if (pred(e)) m.set(e.day, (m.get(e.day) ?? 0) + 1);
  return m;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const minuteOf = (at: string) => {
  const w = beijingWallClock(at);
  return w.hour * 60 + w.minute;
};

describe('the demo ticket history', () => {
  it('is deterministic, ordered, with unique event ids and every ticket ended one way', () => {
    const again = generateOutletHistory({
      code: 'LSW',
      from: '2026-11-02',
      to: '2026-11-03',
      calendar,
      seed: 11,
      zones,
    });
    expect(again).toEqual(
      generateOutletHistory({ code: 'LSW', from: '2026-11-02', to: '2026-11-03', calendar, seed: 11, zones }),
    );
    expect(new Set(lsw.map((e) => e.event_id)).size).toBe(lsw.length);
    for (let i = 1; i < lsw.length; i++) expect(lsw[i - 1]!.at <= lsw[i]!.at).toBe(true);
    const ends = new Map<string, number>();
    for (const e of lsw)
      if (e.kind === 'ended' || e.kind === 'no_show' || e.kind === 'abandoned')
        ends.set(`${e.day}|${e.ticket}`, (ends.get(`${e.day}|${e.ticket}`) ?? 0) + 1);
    const issued = lsw.filter((e) => e.kind === 'issued');
    expect(ends.size).toBe(issued.length);
    expect([...ends.values()].every((n) => n === 1)).toBe(true);
    // tickets are numbered per zone in the order they are taken
    const a = issued.filter((e) => e.day === '2026-11-02' && e.ticket.startsWith('A'));
    expect(a.map((e) => e.ticket)).toEqual(a.map((_, i) => `A${String(i + 1).padStart(3, '0')}`));
  });

  it('closes on holidays, halves at weekends and surges before a holiday and on paydays', () => {
    const tickets = perDay(lsw, (e) => e.kind === 'issued');
    for (const d of [...range('2026-10-01', 7), ...range('2026-09-25', 3)])
      expect(tickets.get(d)).toBeUndefined();
    const kind = (pred: (d: string) => boolean) =>
      mean([...tickets].filter(([d]) => pred(d)).map(([, n]) => n));
    const plain = (d: string) => {
      const t = dayType(d, calendar);
      return t.kind === 'workday' && !t.payday && !t.pension && !t.preHoliday && !t.postHoliday;
    };
    const weekend = kind((d) => dayType(d, calendar).kind === 'weekend');
    expect(weekend / kind(plain)).toBeGreaterThan(0.35);
    expect(weekend / kind(plain)).toBeLessThan(0.65);
    expect(tickets.get('2026-09-30')! / kind(plain)).toBeGreaterThan(1.15); // before 国庆
    expect(
      kind((d) => dayType(d, calendar).payday && dayType(d, calendar).kind === 'workday') / kind(plain),
    ).toBeGreaterThan(1.05);
  });

  it('brings pension customers at the month start, mostly in the morning', () => {
    const pension = perDay(lsw, (e) => e.kind === 'issued' && e.business_type === 'pension');
    const pensionDay = mean(['2026-11-02', '2026-11-03', '2026-11-04'].map((d) => pension.get(d)!));
    const ordinary = mean(['2026-11-16', '2026-11-17', '2026-11-18'].map((d) => pension.get(d)!));
    expect(pensionDay / ordinary).toBeGreaterThan(2.5);
    const nov2 = lsw.filter(
      (e) => e.day === '2026-11-02' && e.kind === 'issued' && e.business_type === 'pension',
    );
    // the morning (09:00–12:00) has under half of an ordinary day's arrivals, but most of a pension day's
    expect(nov2.filter((e) => minuteOf(e.at) < 12 * 60).length / nov2.length).toBeGreaterThan(0.55);
  });

  it('has counters closing for lunch, and customers who leave, mostly as no-shows', () => {
    // the cash zone's counters (1, 2): fewer calls at 12:00–13:00 than at 10:00–11:00 per arrival
    const calls = (from: number, to: number) =>
      lsw.filter(
        (e) => e.kind === 'called' && minuteOf(e.at) >= from && minuteOf(e.at) < to && e.counter === '1',
      ).length;
    expect(calls(11 * 60 + 45, 12 * 60 + 10)).toBeLessThan(calls(10 * 60, 10 * 60 + 25));
    const noShow = lsw.filter((e) => e.kind === 'no_show').length;
    const abandoned = lsw.filter((e) => e.kind === 'abandoned').length;
    expect(noShow).toBeGreaterThan(abandoned);
    const issued = lsw.filter((e) => e.kind === 'issued').length;
    expect((noShow + abandoned) / issued).toBeGreaterThan(0.02);
    expect((noShow + abandoned) / issued).toBeLessThan(0.2);
    expect(lsw.some((e) => e.kind === 'transferred' && e.to_business_type === 'wealth')).toBe(true);
  });

  it('opens 金江支行 at 08:30 and the others at 09:00', () => {
    const jj = generateOutletHistory({
      code: 'JJ',
      from: '2026-11-02',
      to: '2026-11-06',
      calendar,
      seed: 3,
      zones,
    });
    const first = (ev: HistoryEvent[]) =>
      Math.min(...ev.filter((e) => e.kind === 'issued').map((e) => minuteOf(e.at)));
    expect(first(jj)).toBeLessThan(9 * 60);
    expect(first(jj)).toBeGreaterThanOrEqual(8 * 60 + 30);
    expect(first(lsw)).toBeGreaterThanOrEqual(9 * 60);
  });
});

import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../complaints/calendar';
import { simulate } from '../run';
import { parseScenario } from '../scenario/validate';
import { backtest } from './backtest';
import { calibrate, counterSpells, dayKey, ksStatistic } from './fit';
import { scenarioForDay } from './scenario';
import { survivalAt } from './survival';
import { syntheticHistory } from './synthetic';
import { type TicketEvent, visitsFromEvents } from './tickets';
import { dayType } from '../time/daytypes';

const history = syntheticHistory({ from: '2026-09-07', to: '2026-10-11', seed: 3 });
const fit = calibrate(history, { to: '2026-10-04' });
const weekdayArrivals = (key: string, type: string) =>
  fit.arrivals.find((a) => a.key === key)!.perType[type]!;
const total = (r: number[]) => r.reduce((a, b) => a + b, 0) / 2;

describe('calibrate on a synthetic history with known shapes', () => {
  it('finds the opening hours of the day classes', () => {
    const weekday = fit.hours.find((h) => h.dayClass === 'weekday')!;
    expect(weekday.open).toBe('09:00');
    expect(['17:00', '17:30']).toContain(weekday.close);
  });

  it('fits arrivals per half hour, type and day type: pension days busier for cash only', () => {
    const plain = weekdayArrivals('weekday', 'cash');
    expect(plain[18]! + plain[19]!).toBeGreaterThan(40); // 20 + 30 an hour from 09:00
    expect(plain[18]! + plain[19]!).toBeLessThan(60);
    expect(plain[10]).toBe(0);
    const pension = weekdayArrivals('weekday:pension', 'cash');
    expect(total(pension) / total(plain)).toBeGreaterThan(1.3);
    const nonCash =
      total(weekdayArrivals('weekday:pension', 'non_cash')) / total(weekdayArrivals('weekday', 'non_cash'));
    expect(nonCash).toBeGreaterThan(0.8);
    expect(nonCash).toBeLessThan(1.2);
  });

  it('fits the service time per type, and finds no time-of-day effect where there is none', () => {
    const cash = fit.service.find((s) => s.businessType === 'cash')!;
    expect(cash.mean).toBeGreaterThan(4.9); // lognormal mean 5 + 0.3 walking to the counter
    expect(cash.mean).toBeLessThan(5.7);
    expect(cash.byPeriod).toEqual([]);
    expect(cash.tested.length).toBeGreaterThan(2);
  });

  it('fits a patience that is impatient at first and patient after', () => {
    const est = fit.patience.pooled.estimate;
    const trueS = (t: number) => 0.3 * Math.exp(-t / 1.5) + 0.7 * Math.exp(-t / 45);
    for (const t of [1, 3, 10]) expect(Math.abs(survivalAt(est, t) - trueS(t))).toBeLessThan(0.05);
    expect(fit.patience.pooled.left).toBeGreaterThan(fit.patience.pooled.exact); // no-shows dominate
  });

  it('sees the counters closing for lunch', () => {
    const cash = fit.counters.zones.find((z) => z.zone === 'cash')!;
    expect(cash.counters).toEqual(['1', '2', '3']);
    const w = cash.byClass.weekday!;
    expect(w[20]).toBeGreaterThan(2.8); // 10:00: all three
    expect(w[25]).toBeLessThan(1.6); // 12:30: only counter 1
    expect(w[28]).toBeGreaterThan(2.8); // 14:00
  });
});

describe('service by time of day', () => {
  it('uses a period of its own where a test says the service differs', () => {
    const events: TicketEvent[] = [];
    for (let d = 2; d <= 20; d++)
      for (let i = 0; i < 40; i++) {
        const day = `2026-11-${String(d).padStart(2, '0')}`;
        const minute = 9 * 60 + i * 10;
        const hh = (m: number) =>
          `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(Math.floor(m % 60)).padStart(2, '0')}:${String(Math.round((m % 1) * 60)).padStart(2, '0')}`;
        const service = (minute < 12 * 60 ? 4 : 8) + ((i * 7) % 5) * 0.3;
        const ticket = `A${i}`;
        const base = { ticket, businessType: 'cash', counter: '1' };
        events.push({ ...base, kind: 'issued', at: `${day}T${hh(minute)}+08:00` });
        events.push({ ...base, kind: 'called', at: `${day}T${hh(minute + 1)}+08:00` });
        events.push({ ...base, kind: 'ended', at: `${day}T${hh(minute + 1 + service)}+08:00` });
      }
    const f = calibrate(events);
    const cash = f.service[0]!;
    expect(cash.byPeriod.map((p) => p.from)).toContain('08:00');
    expect(cash.byPeriod.map((p) => p.from)).toContain('14:00');
    expect(cash.byPeriod.find((p) => p.from === '08:00')!.mean).toBeLessThan(5);
  });

  it('computes the KS statistic', () => {
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic([1, 2], [3, 4])).toBe(1);
  });
});

describe('day types and spells', () => {
  it('keys a day by class and its strongest flag', () => {
    const cal = holidayCalendar([
      { date: '2026-10-01', kind: 'holiday' },
      { date: '2026-10-02', kind: 'holiday' },
    ]);
    expect(dayKey(dayType('2026-09-30', cal))).toBe('weekday:preHoliday');
    expect(dayKey(dayType('2026-11-02', cal))).toBe('weekday:pension');
    expect(dayKey(dayType('2026-11-07', cal))).toBe('weekend');
  });

  it('splits a spell at a gap only when customers waited through it', () => {
    const at = (m: number) => Date.parse('2026-11-02T09:00:00+08:00') + m * 60_000;
    const visit = (ticket: string, start: number, call: number, end: number, counter: string | null) => ({
      day: '2026-11-02',
      ticket,
      businessType: 'cash',
      startAt: at(start),
      calledAt: call < 0 ? null : at(call),
      servingAt: null,
      endedAt: end < 0 ? null : at(end),
      leftAt: end < 0 ? at(-end) : null,
      outcome: (end < 0 ? 'abandoned' : 'served') as 'served' | 'abandoned',
      counter,
      viaTransfer: false,
    });
    const idle = counterSpells([visit('A1', 0, 0, 5, '1'), visit('A2', 40, 40, 45, '1')], (t) => t);
    expect(idle.get('2026-11-02\u00001')!.spells).toHaveLength(1);
    const closed = counterSpells(
      [visit('A1', 0, 0, 5, '1'), visit('A2', 10, 40, 45, '1'), visit('A3', 12, -1, -30, null)],
      (t) => t,
    );
    expect(closed.get('2026-11-02\u00001')!.spells).toHaveLength(2);
  });
});

describe('a scenario for a day, and the backtest', () => {
  it('builds a valid engine scenario from the fit with the counters as staffing', () => {
    const sc = scenarioForDay(fit, '2026-10-05', { targetWaitMinutes: 10 })!;
    const parsed = parseScenario(sc);
    expect(parsed.ok).toBe(true);
    expect(sc.zones.find((z) => z.id === 'cash')!.staffing).toContain(3);
    const report = simulate(sc, { replications: 2, seed: 1 });
    expect(report.perSlot.length).toBeGreaterThan(10);
  });

  it('predicts a held-out week within the goal with the arrivals that came', () => {
    const bt = backtest(history, { arrivals: 'observed', replications: 10 })!;
    expect(bt.test).toEqual({ from: '2026-10-05', to: '2026-10-10', days: 6 });
    expect(bt.fit.days).toBe(24);
    expect(Math.abs(bt.overall.error.meanWait!)).toBeLessThan(0.2);
    expect(Math.abs(bt.overall.error.abandonment!)).toBeLessThan(0.2);
    expect(bt.meetsGoal).toBe(true);
    expect(bt.slots[0]!.start).toBe('09:00');
  });

  it('predicts longer waits when fewer counters were open than the fit saw', () => {
    const visits = visitsFromEvents(history);
    expect(visits.length).toBeGreaterThan(1000);
    const sc = scenarioForDay(fit, '2026-10-05')!;
    const fewer = {
      ...sc,
      zones: sc.zones.map((z) => ({
        ...z,
        staffing: (z.staffing as number[]).map((c) => Math.max(1, c - 1)),
      })),
    };
    const a = simulate(sc, { replications: 5, seed: 1 });
    const b = simulate(fewer, { replications: 5, seed: 1 });
    expect(b.byBusinessType[0]!.waitMinutes.mean).toBeGreaterThan(a.byBusinessType[0]!.waitMinutes.mean);
  });
});

import { describe, expect, it } from 'vitest';
import { deriveLobbyState, LobbyFold, replaySeries, type TicketEvent, type TicketKind } from './lobby.state';

const T0 = Date.parse('2026-11-02T01:00:00Z'); // 09:00 in Shanghai
const min = (m: number) => T0 + m * 60_000;
let seq = 0;
const ev = (
  ticket: string,
  kind: TicketKind,
  atMin: number,
  over: Partial<TicketEvent> = {},
): TicketEvent => ({
  eventId: `e${++seq}`,
  ticket,
  businessType: 'cash',
  kind,
  at: min(atMin),
  counter: null,
  staffId: null,
  toBusinessType: null,
  ...over,
});
const targets = { serviceLevelTarget: 0.8, targetWaitMinutes: 10 };

describe('lobby state derivation', () => {
  it('counts arrivals, waiting, served, waits and the service level', () => {
    const events = [
      ev('A001', 'issued', 0),
      ev('A002', 'issued', 1),
      ev('A003', 'issued', 2, { businessType: 'wealth' }),
      ev('A001', 'called', 4, { counter: '1', staffId: 's1' }),
      ev('A001', 'serving', 5, { counter: '1' }),
      ev('A001', 'ended', 9, { counter: '1' }),
      ev('A002', 'called', 16, { counter: '2' }), // waited 15 min: misses the 10-minute target
      ev('A004', 'issued', 17),
      ev('A004', 'abandoned', 20),
    ];
    const s = deriveLobbyState(events, targets, min(20));
    expect(s.arrivals).toBe(4);
    expect(s.served).toBe(1);
    expect(s.called).toBe(2);
    expect(s.abandoned).toBe(1);
    expect(s.waiting).toBe(1);
    expect(s.waitingByType).toEqual([{ businessType: 'wealth', waiting: 1, oldestWaitMinutes: 18 }]);
    expect(s.longestWaitMinutes).toBe(18);
    expect(s.meanWaitMinutes).toBe(9.5);
    // 1 of (2 called + 1 abandoned) within 10 minutes
    expect(s.serviceLevel).toBeCloseTo(0.333, 3);
    expect(s.meetsTarget).toBe(false);
    expect(s.countersServing).toEqual([
      {
        counter: '2',
        ticket: 'A002',
        businessType: 'cash',
        staffId: null,
        since: new Date(min(16)).toISOString(),
        status: 'called',
      },
    ]);
  });

  it('places late events by their time: any order gives the same state', () => {
    const events = [
      ev('A001', 'issued', 0),
      ev('A001', 'called', 3, { counter: '1' }),
      ev('A002', 'issued', 4),
      ev('A001', 'ended', 8, { counter: '1' }),
      ev('A002', 'called', 9, { counter: '1' }),
      ev('A002', 'no_show', 11, { counter: '1' }),
      ev('A003', 'issued', 12, { businessType: 'non_cash' }),
      ev('A003', 'transferred', 20, { toBusinessType: 'wealth' }),
    ];
    const inOrder = deriveLobbyState(events, targets, min(30));
    const reversed = deriveLobbyState([...events].reverse(), targets, min(30));
    expect(reversed).toEqual(inOrder);
    const fold = new LobbyFold(targets);
    for (const i of [3, 0, 5, 1, 7, 2, 6, 4]) fold.addAll([events[i]!]);
    expect(fold.snapshot(min(30))).toEqual(inOrder);
    expect(inOrder.noShow).toBe(1);
    expect(inOrder.transferred).toBe(1);
    expect(inOrder.waitingByType).toEqual([{ businessType: 'wealth', waiting: 1, oldestWaitMinutes: 10 }]);
  });

  it('an empty day has no waits and no service level', () => {
    const s = deriveLobbyState([], targets, min(0));
    expect(s).toMatchObject({
      arrivals: 0,
      waiting: 0,
      meanWaitMinutes: null,
      serviceLevel: null,
      meetsTarget: null,
    });
  });

  it('folds events in time order one by one without starting over; a late one starts over once', () => {
    const fold = new LobbyFold(targets);
    for (let i = 0; i < 25_000; i++) {
      const t = `T${i}`;
      fold.addAll([ev(t, 'issued', i / 100)]);
      fold.addAll([ev(t, 'called', i / 100 + 0.001, { counter: '1' })]);
      fold.addAll([ev(t, 'serving', i / 100 + 0.002, { counter: '1' })]);
      fold.addAll([ev(t, 'ended', i / 100 + 0.003, { counter: '1' })]);
    }
    expect(fold.snapshot(min(300)).served).toBe(25_000);
    expect(fold.refolds).toBe(0);
    fold.addAll([ev('LATE', 'issued', 1)]);
    expect(fold.refolds).toBe(1);
    expect(fold.snapshot(min(300))).toMatchObject({ served: 25_000, arrivals: 25_001, waiting: 1 });
  });

  it("a transferred customer's second wait adds to their wait; they count once", () => {
    const s = deriveLobbyState(
      [
        ev('A1', 'issued', 0, { businessType: 'non_cash' }),
        ev('A1', 'called', 4, { counter: '1' }),
        ev('A1', 'transferred', 6, { toBusinessType: 'wealth' }),
        ev('A1', 'called', 12, { counter: '2', businessType: 'wealth' }),
        ev('A1', 'ended', 20, { counter: '2', businessType: 'wealth' }),
        ev('B1', 'issued', 0),
        ev('B1', 'called', 2, { counter: '3' }),
        ev('B1', 'ended', 5, { counter: '3' }),
      ],
      targets,
      min(30),
    );
    // A1 waited 4 + 6 = 10 minutes, B1 2: two customers, mean 6.
    expect(s).toMatchObject({ called: 2, served: 2, transferred: 1, meanWaitMinutes: 6 });
  });
});

describe('replay series', () => {
  it('buckets arrivals, waiting and mean wait per step', () => {
    const events = [
      ev('A1', 'issued', 0),
      ev('A2', 'issued', 2),
      ev('A1', 'called', 6),
      ev('A2', 'called', 12),
    ];
    const s = replaySeries(events, min(0), min(15), 5);
    expect(s.map((p) => p.arrivals)).toEqual([2, 0, 0]);
    expect(s.map((p) => p.waiting)).toEqual([2, 1, 0]);
    expect(s.map((p) => p.meanWaitMinutes)).toEqual([null, 6, 10]);
  });
});

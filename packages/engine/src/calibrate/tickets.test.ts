import { describe, expect, it } from 'vitest';
import { serviceMinutes, type TicketEvent, visitsFromEvents, waitMinutes } from './tickets';

const at = (hhmm: string) => `2026-11-02T${hhmm}:00+08:00`;
const ev = (ticket: string, kind: string, hhmm: string, extra: Partial<TicketEvent> = {}): TicketEvent => ({
  ticket,
  businessType: 'cash',
  kind,
  at: at(hhmm),
  ...extra,
});

describe('visitsFromEvents', () => {
  it('follows a ticket from issue to end', () => {
    const [v] = visitsFromEvents([
      ev('A1', 'issued', '09:00'),
      ev('A1', 'called', '09:10', { counter: '3' }),
      ev('A1', 'serving', '09:11', { counter: '3' }),
      ev('A1', 'ended', '09:16', { counter: '3' }),
    ]);
    expect(v!.outcome).toBe('served');
    expect(v!.day).toBe('2026-11-02');
    expect(v!.counter).toBe('3');
    expect(waitMinutes(v!)).toBe(10);
    expect(serviceMinutes(v!)).toBe(6);
  });

  it('places out-of-order events by time and ignores duplicates and events after the end', () => {
    const [v, ...rest] = visitsFromEvents([
      ev('A1', 'ended', '09:16', { counter: '3' }),
      ev('A1', 'called', '09:10', { counter: '3' }),
      ev('A1', 'issued', '09:00'),
      ev('A1', 'issued', '09:00'),
      ev('A1', 'no_show', '09:20', { counter: '3' }),
    ]);
    expect(rest).toHaveLength(0);
    expect(v!.outcome).toBe('served');
    expect(waitMinutes(v!)).toBe(10);
  });

  it('starts a new wait for the other business at a transfer', () => {
    const vs = visitsFromEvents([
      ev('A1', 'issued', '09:00'),
      ev('A1', 'called', '09:05', { counter: '1' }),
      ev('A1', 'transferred', '09:08', { counter: '1', toBusinessType: 'wealth' }),
      ev('A1', 'called', '09:20', { businessType: 'wealth', counter: '8' }),
      ev('A1', 'ended', '09:40', { businessType: 'wealth', counter: '8' }),
    ]);
    expect(vs.map((v) => [v.businessType, v.outcome, v.viaTransfer])).toEqual([
      ['cash', 'transferred', false],
      ['wealth', 'served', true],
    ]);
    expect(serviceMinutes(vs[0]!)).toBe(3);
    expect(waitMinutes(vs[1]!)).toBe(12);
  });

  it('keeps a ticket whose issue was never seen, without a wait', () => {
    const [v] = visitsFromEvents([ev('A2', 'called', '10:00', { counter: '2' }), ev('A2', 'ended', '10:04')]);
    expect(v!.startAt).toBeNull();
    expect(waitMinutes(v!)).toBeNull();
    expect(serviceMinutes(v!)).toBe(4);
  });

  it('tells no-shows from abandons, and the same ticket number on two days apart', () => {
    const vs = visitsFromEvents([
      ev('A1', 'issued', '09:00'),
      ev('A1', 'no_show', '09:30', { counter: '1' }),
      { ...ev('A1', 'issued', '09:00'), at: '2026-11-03T09:00:00+08:00' },
      { ...ev('A1', 'abandoned', '09:00'), at: '2026-11-03T09:07:00+08:00' },
      ev('B1', 'issued', 'xx:yy'),
      ev('B1', 'weird', '09:00'),
    ]);
    expect(vs.map((v) => [v.day, v.outcome])).toEqual([
      ['2026-11-02', 'noShow'],
      ['2026-11-03', 'abandoned'],
    ]);
    expect(waitMinutes(vs[0]!)).toBe(30);
  });
});

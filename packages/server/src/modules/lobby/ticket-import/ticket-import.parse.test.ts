import { describe, expect, it } from 'vitest';
import { checkRow, columnIndexes, parseTime, type Refs, suggestMapping } from './ticket-import.parse';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('parseTime', () => {
  it('takes a time with an offset as it is and one without as Beijing time', () => {
    expect(iso(parseTime('2026-10-08T09:15:04+08:00'))).toBe('2026-10-08T01:15:04.000Z');
    expect(iso(parseTime('2026-10-08 09:15:04Z'))).toBe('2026-10-08T09:15:04.000Z');
    expect(iso(parseTime('2026-10-08T09:15:04.25-0500'))).toBe('2026-10-08T14:15:04.250Z');
    expect(iso(parseTime('2026-10-08 09:15:04'))).toBe('2026-10-08T01:15:04.000Z');
    expect(iso(parseTime('2026/10/8 9:15'))).toBe('2026-10-08T01:15:00.000Z');
    expect(iso(parseTime('2026-10-08  09:15'))).toBe('2026-10-08T01:15:00.000Z');
  });

  it('reads sheet cells: a Date holds the wall clock, a number is an Excel serial', () => {
    expect(iso(parseTime(new Date(Date.UTC(2026, 9, 8, 9, 15, 4))))).toBe('2026-10-08T01:15:04.000Z');
    // 2026-10-08 09:15 as an Excel serial day number
    const serial = Date.UTC(2026, 9, 8, 9, 15) / 86_400_000 + 25_569;
    expect(iso(parseTime(serial))).toBe('2026-10-08T01:15:00.000Z');
  });

  it('joins a separate date column with a time of day', () => {
    expect(iso(parseTime('09:05', '2026-10-27'))).toBe('2026-10-27T01:05:00.000Z');
    expect(iso(parseTime('9:05:30', '20261027'))).toBe('2026-10-27T01:05:30.000Z');
    expect(iso(parseTime(0.5, new Date(Date.UTC(2026, 9, 27))))).toBe('2026-10-27T04:00:00.000Z');
    expect(parseTime('09:05', '2026-02-30')).toBeNull();
    expect(parseTime('25:00', '2026-10-27')).toBeNull();
  });

  it('refuses what is not a time', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01 09:00',
      '2026-02-29 09:00',
      '2026-10-08 24:00',
      '1999-12-31 23:59',
      '2026-10-08',
    ])
      expect(parseTime(bad), bad).toBeNull();
  });
});

describe('suggestMapping', () => {
  it('recognises Chinese and English headers, each column once', () => {
    expect(suggestMapping(['票号', '业务类型', '事件', '时间', '窗口', '柜员号'])).toMatchObject({
      ticket: '票号',
      businessType: '业务类型',
      kind: '事件',
      at: '时间',
      counter: '窗口',
      staffId: '柜员号',
      date: null,
    });
    expect(suggestMapping(['Ticket No', 'Business_Type', 'Event Type', 'Date', 'Time'])).toMatchObject({
      ticket: 'Ticket No',
      businessType: 'Business_Type',
      kind: 'Event Type',
      at: 'Time',
      date: 'Date',
    });
    expect(suggestMapping(['a', 'b']).ticket).toBeNull();
  });
});

describe('checkRow', () => {
  const headers = ['票号', '业务', '事件', '时间', '转入'];
  const mapping = suggestMapping(headers);
  mapping.toBusinessType = '转入';
  const cols = columnIndexes(headers, mapping);
  const refs: Refs = {
    businessTypes: new Map([
      ['cash', 'cash'],
      ['现金业务', 'cash'],
      ['noncash', 'non_cash'],
    ]),
    staff: new Map(),
    beforeMs: Date.parse('2026-11-02T00:00:00+08:00'),
  };
  const row = (...cells: string[]) => checkRow({ line: 7, cells }, headers, mapping, cols, refs);

  it('makes an event with a stable id from what the row says', () => {
    const a = row('A1', '现金业务', '转移', '2026-10-26 09:00', 'non_cash');
    const b = row('A1', 'cash', 'transferred', '2026-10-26T09:00:00+08:00', 'Non-Cash');
    expect('event' in a && a.event).toMatchObject({
      kind: 'transferred',
      businessType: 'cash',
      toBusinessType: 'non_cash',
    });
    expect('event' in a && 'event' in b && a.event.eventId === b.event.eventId).toBe(true);
    const c = row('A1', 'cash', 'transferred', '2026-10-26 09:00:01', 'non_cash');
    expect('event' in c && 'event' in a && c.event.eventId !== a.event.eventId).toBe(true);
  });

  it('lists every problem of a row with its line', () => {
    const r = row('', '黄金', '飞走', '2026-11-02 00:00', '');
    expect('problems' in r && r.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [7, 'ticket', 'REQUIRED'],
      [7, 'businessType', 'UNKNOWN_BUSINESS_TYPE'],
      [7, 'kind', 'UNKNOWN_KIND'],
      [7, 'at', 'NOT_PAST'],
    ]);
  });
});

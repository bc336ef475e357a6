import type { LobbyCounter } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import { rowsThatFit, servingOrder } from './boardRows';

describe('the rows of the serving table that fit', () => {
  it('shows only whole rows under the header, and all when they fit', () => {
    expect(rowsThatFit(400, 30, 60, 10)).toBe(6); // 370 / 60 = 6.2
    expect(rowsThatFit(400, 30, 60, 4)).toBe(4);
    expect(rowsThatFit(389.6, 30, 60, 10)).toBe(6); // a sub-pixel short still fits
    expect(rowsThatFit(20, 30, 60, 3)).toBe(0);
    expect(rowsThatFit(400, 30, 0, 9)).toBe(9);
  });
  it('puts the newest call first, then counters in their natural order', () => {
    const c = (counter: string, ticket: string, since: string): LobbyCounter => ({
      counter,
      ticket,
      businessType: 'cash',
      staffId: null,
      since,
      status: 'serving',
    });
    const rows = servingOrder([
      c('10', 'A1', '2026-11-02T01:00:00Z'),
      c('2', 'A2', '2026-11-02T01:00:00Z'),
      c('1', 'A3', '2026-11-02T01:05:00Z'),
    ]);
    expect(rows.map((r) => r.counter)).toEqual(['1', '2', '10']);
  });
});

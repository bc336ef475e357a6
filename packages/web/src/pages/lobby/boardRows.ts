import type { LobbyCounter } from '@liangdian/shared/api';

/**
 * How many rows of the board's "now serving" table fit in `available` px under a header of
 * `head` px, rows `row` px high: every row shown lies wholly inside the panel, and the rest is
 * counted ("另有 N 项"). Before a row has been measured (`row` 0) every row is tried.
 */
export function rowsThatFit(available: number, head: number, row: number, total: number): number {
  if (row <= 0) return total;
  return Math.max(0, Math.min(total, Math.floor((available - head + 0.5) / row)));
}

/** The counters in the order the board shows them: the newest call first (it must be seen). */
export function servingOrder(counters: readonly LobbyCounter[]): LobbyCounter[] {
  return [...counters].sort(
    (a, b) =>
      Date.parse(b.since) - Date.parse(a.since) ||
      a.counter.localeCompare(b.counter, 'zh-CN', { numeric: true }) ||
      a.ticket.localeCompare(b.ticket),
  );
}

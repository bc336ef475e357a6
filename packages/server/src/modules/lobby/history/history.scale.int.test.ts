import { describe, expect, it } from 'vitest';
import { useCastApp } from '../../../test/harness';
import * as repo from '../lobby.repository';

/**
 * Replay at the largest day a ticket machine or an import can produce: one token may post batches
 * of MAX_TICKET_BATCH without end, and one import holds up to 200,000 rows (DEFAULT_IMPORT_LIMITS).
 */
const DAY = '2026-11-02';
const TICKETS = 50_000;
const KINDS = ['issued', 'called', 'serving', 'ended'] as const;

/** TICKETS tickets of four events each (200,000 events) from 08:00 to 20:00, inserted in bulk. */
async function seedDay(db: Parameters<typeof repo.insertEvents>[0], outletId: string) {
  const start = Date.parse(`${DAY}T08:00:00+08:00`);
  const spacing = (12 * 3_600_000) / TICKETS;
  const rows: repo.EventRow[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const issued = start + Math.floor(i * spacing);
    KINDS.forEach((kind, k) => {
      const at = new Date(issued + k * 120_000).toISOString();
      rows.push({
        outlet_id: outletId,
        event_id: `e${i}-${k}`,
        ticket: `A${i}`,
        business_type: 'cash',
        kind,
        at,
        day: DAY,
        counter: k ? '1' : null,
        staff_id: null,
        to_business_type: null,
        received_at: at,
      });
    });
  }
  await repo.insertEvents(db, rows, 2_000);
  return rows.length;
}

describe('lobby replay at the largest day', () => {
  const ctx = useCastApp();

  it('answers a day of 200,000 ticket events, every arrival counted', { timeout: 120_000 }, async () => {
    const n = await seedDay(ctx.t.database.db, ctx.cast.outletA);
    expect(n).toBe(200_000);
    for (const step of [1, 5]) {
      const res = await ctx.admin.get(
        `/api/v1/outlets/${ctx.cast.outletA}/lobby/replay?date=${DAY}&step=${step}`,
      );
      expect(res.statusCode).toBe(200);
      const { points } = res.json() as { points: { at: string; arrivals: number; waiting: number }[] };
      // 08:00 to 20:06 (the last ticket's events end 6 minutes after its issue)
      expect(points[0]!.at).toBe(new Date(`${DAY}T08:00:00+08:00`).toISOString());
      expect(points.length).toBe(Math.ceil((12 * 60 + 6) / step));
      expect(points.reduce((a, p) => a + p.arrivals, 0)).toBe(TICKETS);
      expect(points.at(-1)!.waiting).toBe(0);
    }
  });
});

import { sql } from 'kysely';
import type { Q } from '../../../db/types';

/** Tickets issued at an outlet on a day from an instant on (ISO), by business type. */
export const issuedSince = (q: Q, outletId: string, day: string, fromIso: string) =>
  q
    .selectFrom('ticket_events')
    .select(['business_type', sql<number>`count(distinct ticket)`.as('n')])
    .where('outlet_id', '=', outletId)
    .where('day', '=', day)
    .where('at', '>=', fromIso)
    .where('kind', '=', 'issued')
    .groupBy('business_type')
    .execute();

/** Outlets with a prompt chain open (its time-out is checked on the tick even without a set-up). */
export const outletsWithOpenPrompts = (q: Q) =>
  q
    .selectFrom('backfill_prompts')
    .select('outlet_id')
    .distinct()
    .where('open_key', 'is not', null)
    .execute()
    .then((rows) => rows.map((r) => r.outlet_id));

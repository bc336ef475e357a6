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

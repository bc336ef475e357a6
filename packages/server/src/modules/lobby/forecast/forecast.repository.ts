import type { Q } from '../../../db/types';

/** The SQL of the arrivals forecast: issued tickets (arrivals), their first day, the holiday calendar. */

/** Issued tickets of an outlet on the Beijing days from…to inclusive. */
export const arrivalsBetween = (q: Q, outletId: string, fromDay: string, toDay: string) =>
  q
    .selectFrom('ticket_events')
    .select(['at', 'day', 'business_type'])
    .where('outlet_id', '=', outletId)
    .where('kind', '=', 'issued')
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();

/** The first Beijing day with an issued ticket on or after `fromDay` (null: none). */
export async function firstArrivalDay(q: Q, outletId: string, fromDay: string): Promise<string | null> {
  const r = await q
    .selectFrom('ticket_events')
    .select((eb) => eb.fn.min('day').as('first'))
    .where('outlet_id', '=', outletId)
    .where('kind', '=', 'issued')
    .where('day', '>=', fromDay)
    .executeTakeFirst();
  return (r?.first as string | null | undefined) ?? null;
}

/** The official calendar's entries (holidays and make-up working days) between two days. */
export const calendarBetween = (q: Q, fromDay: string, toDay: string) =>
  q
    .selectFrom('holiday_calendar')
    .select(['day', 'kind'])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();

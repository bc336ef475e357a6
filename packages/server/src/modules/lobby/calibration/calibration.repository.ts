import type { Q } from '../../../db/types';

// The SQL the calibration reads: an outlet's ticket events of a window of days, the official
// holiday calendar (day types), and the floor it maps business types onto.

/** Ticket events of days from…to (Beijing dates, inclusive), in time order. */
export const eventsBetween = (q: Q, outletId: string, fromDay: string, toDay: string) =>
  q
    .selectFrom('ticket_events')
    .select(['ticket', 'business_type', 'kind', 'at', 'day', 'counter', 'to_business_type'])
    .where('outlet_id', '=', outletId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .orderBy('day')
    .orderBy('at')
    .execute();

export const calendarBetween = (q: Q, fromDay: string, toDay: string) =>
  q
    .selectFrom('holiday_calendar')
    .select(['day', 'kind'])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();

export const zonesOf = (q: Q, outletId: string) =>
  q
    .selectFrom('zones')
    .select(['id', 'name', 'kind', 'capacity'])
    .where('outlet_id', '=', outletId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();

export const businessTypes = (q: Q) =>
  q.selectFrom('business_types').select(['code', 'default_zone_kind']).where('active', '=', 1).execute();

export const targetWait = (q: Q, outletId: string) =>
  q
    .selectFrom('lobby_settings')
    .select(['target_wait_minutes'])
    .where('outlet_id', '=', outletId)
    .executeTakeFirst();

import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types';
import { publishedShiftsOn } from '../../roster/roster.repository';
import type { RosterService } from '../../roster/roster.service';
import type { OnShiftSource } from './elastic.service';

/**
 * The elastic prompt's OnShiftSource on the published roster: RosterService.onShift at the time;
 * when nobody is on shift then, whether the published roster has any shift that day (none: no
 * roster for today, so the prompt says it cannot name anyone).
 */
export const rosterOnShift = (db: Kysely<DB>, roster: Pick<RosterService, 'onShift'>): OnShiftSource => ({
  async onShift(outletId, day, hhmm) {
    const people = await roster.onShift(outletId, day, hhmm);
    if (people.length) return people.map((p) => ({ staffId: p.staffId, name: p.name }));
    return (await publishedShiftsOn(db, outletId, day)).length ? [] : null;
  },
});

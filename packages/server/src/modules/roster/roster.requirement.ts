import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { DomainError } from '../../lib/errors';
import { requirementRows, type StaffingService } from '../staffing/staffing.service';
import type { RequirementSource } from './roster.problem';
import type { ServiceLevelModel } from './roster.service-level';

/**
 * The roster's requirement from the staffing requirement (docs/staffing.md): the simulated fewest
 * people per half hour of each zone and the two fixed posts, on the roster's posts (a zone by its
 * kind, 迎宾位 `welcome`, 超柜位 `super_counter`). A domain refusal (too little history, no zones)
 * answers null: the roster then holds every post with one person (roster.problem.ts).
 */
export function staffingRequirement(
  _db: Kysely<DB>,
  staffing: Pick<StaffingService, 'requirementFor'>,
): RequirementSource {
  return async (outletId, week) => {
    try {
      const days: ServiceLevelModel['days'] = [];
      const r = await staffing.requirementFor(outletId, week, 7, (day, job) =>
        days.push({
          day,
          scenario: job.scenario,
          modes: [...(job.options.modes ?? [])],
          target: job.options.serviceLevel,
        }),
      );
      const kindOf = new Map(r.zones.map((z) => [z.id, z.kind]));
      const postOfZone: ServiceLevelModel['postOfZone'] = Object.fromEntries(
        r.zones.map((z) => [z.id, z.kind]),
      );
      if (r.superCounterZone) postOfZone[r.superCounterZone.id] = 'super_counter';
      const people = new Map<string, number>();
      for (const row of requirementRows(r)) {
        const post =
          row.kind === 'welcome'
            ? 'welcome'
            : row.kind === 'super-counter'
              ? 'super_counter'
              : (kindOf.get(row.post) ?? row.post);
        const k = `${row.date}|${row.start}|${post}`;
        people.set(k, (people.get(k) ?? 0) + row.people);
      }
      const rows = [...people].map(([k, n]) => {
        const [date, start, post] = k.split('|') as [string, string, string];
        return { date, start, post, people: n };
      });
      return { source: 'forecast', rows, serviceLevelModel: { days, postOfZone } };
    } catch (e) {
      if (e instanceof DomainError) return null;
      throw e;
    }
  };
}

import type { Q } from '../../db/types';
import { type StatsFilterRow, statsBase } from './complaints.repository';

// The SQL the regulator's forwarding reads (forwarding.ts); it writes through
// complaints.repository's updateComplaint, as every write to complaints does.

export const listCalendar = (q: Q) =>
  q.selectFrom('holiday_calendar').select(['day', 'kind']).orderBy('day').execute();

/** The regulator cases with the regulator's receipt date (only those without a due date yet). */
export function regulatorCases(q: Q, missingOnly: boolean) {
  let query = q
    .selectFrom('complaints')
    .select(['id', 'source', 'regulator_received_on', 'forwarded_on', 'forwarding_due_on', 'forwarding_late'])
    .where('source', '=', 'regulator')
    .where('regulator_received_on', 'is not', null);
  if (missingOnly) query = query.where('forwarding_due_on', 'is', null);
  return query.orderBy('id').execute();
}

/** The years of the complaints received (for the calendar's "year missing" warning). */
export async function complaintYears(q: Q): Promise<number[]> {
  const first = await q
    .selectFrom('complaints')
    .select('received_on')
    .orderBy('received_on')
    .limit(1)
    .executeTakeFirst();
  const last = await q
    .selectFrom('complaints')
    .select('received_on')
    .orderBy('received_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!first || !last) return [];
  const from = Number(first.received_on.slice(0, 4));
  const to = Number(last.received_on.slice(0, 4));
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Art. 33 in the statistics: regulator cases received in the range, and of them those forwarded
 * late or, not forwarded, past the due date on `today`.
 */
export async function forwardingCounts(
  q: Q,
  f: StatsFilterRow,
  today: string,
): Promise<{ regulatorCases: number; late: number }> {
  const query = statsBase(q, f).where('source', '=', 'regulator');
  const r = await query
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.or([
                eb('forwarding_late', '=', 1),
                eb.and([eb('forwarded_on', 'is', null), eb('forwarding_due_on', '<', today)]),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('late'),
    ])
    .executeTakeFirstOrThrow();
  return { regulatorCases: Number(r.n), late: Number(r.late ?? 0) };
}

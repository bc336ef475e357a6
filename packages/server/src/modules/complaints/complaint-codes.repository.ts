import { insertRow, updateById } from '../../db/query';
import type { DB, Q } from '../../db/types';

export type CodeRow = DB['complaint_codes'];
export type HolidayRow = DB['holiday_calendar'];

export function listCodes(q: Q, kind?: string, active?: boolean) {
  let query = q.selectFrom('complaint_codes').selectAll();
  if (kind) query = query.where('kind', '=', kind);
  if (active !== undefined) query = query.where('active', '=', active ? 1 : 0);
  return query.orderBy('kind').orderBy('sort_order').orderBy('code').execute();
}
export const findCode = (q: Q, kind: string, code: string) =>
  q
    .selectFrom('complaint_codes')
    .selectAll()
    .where('kind', '=', kind)
    .where('code', '=', code)
    .executeTakeFirst();
export const findCodeById = (q: Q, id: string) =>
  q.selectFrom('complaint_codes').selectAll().where('id', '=', id).executeTakeFirst();
export const insertCode = insertRow('complaint_codes');
export const updateCode = updateById('complaint_codes');

// ---------------------------------------------------------------- the holiday calendar
function holidaysOf(q: Q, year?: number) {
  let query = q.selectFrom('holiday_calendar');
  if (year) query = query.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  return query;
}
export const listHolidays = (q: Q, year?: number, offset?: number, limit?: number) => {
  const query = holidaysOf(q, year).selectAll().orderBy('day');
  return (limit === undefined ? query : query.limit(limit).offset(offset ?? 0)).execute();
};
export async function countHolidays(q: Q, year?: number) {
  const r = await holidaysOf(q, year)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function replaceHolidayYear(q: Q, year: number, rows: DB['holiday_calendar'][]) {
  await q
    .deleteFrom('holiday_calendar')
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .execute();
  if (rows.length) await q.insertInto('holiday_calendar').values(rows).execute();
}

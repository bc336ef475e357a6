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
export function listHolidays(q: Q, year?: number) {
  let query = q.selectFrom('holiday_calendar').selectAll();
  if (year) query = query.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  return query.orderBy('day').execute();
}
export async function replaceHolidayYear(q: Q, year: number, rows: DB['holiday_calendar'][]) {
  await q
    .deleteFrom('holiday_calendar')
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .execute();
  if (rows.length) await q.insertInto('holiday_calendar').values(rows).execute();
}

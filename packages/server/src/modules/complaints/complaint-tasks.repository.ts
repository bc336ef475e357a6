import { pageWithTotal, insertRow, updateById } from '../../db/query';
import type { DB, Q } from '../../db/types';

export type TaskRow = DB['rectification_tasks'];

export interface TaskFilter {
  branchId: string;
  onlyOutletId?: string | null;
  outletId?: string;
  complaintId?: string;
  status?: string;
  overdueBefore?: string;
}
function filteredTasks(q: Q, f: TaskFilter) {
  let query = q
    .selectFrom('rectification_tasks as t')
    .innerJoin('outlets as o', 'o.id', 't.outlet_id')
    .where('o.branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('t.outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('t.outlet_id', '=', f.outletId);
  if (f.complaintId) query = query.where('t.complaint_id', '=', f.complaintId);
  if (f.status) query = query.where('t.status', '=', f.status);
  if (f.overdueBefore) query = query.where('t.status', '=', 'open').where('t.due_on', '<', f.overdueBefore);
  return query;
}
export async function listTasks(q: Q, f: TaskFilter, offset: number, limit: number) {
  return pageWithTotal(
    filteredTasks(q, f),
    (base) => base.selectAll('t').select('o.name as outlet_name').orderBy('t.due_on').orderBy('t.id'),
    offset,
    limit,
  );
}
export const findTask = (q: Q, id: string) =>
  q
    .selectFrom('rectification_tasks as t')
    .innerJoin('outlets as o', 'o.id', 't.outlet_id')
    .selectAll('t')
    .select(['o.name as outlet_name', 'o.branch_id'])
    .where('t.id', '=', id)
    .executeTakeFirst();
export const insertTask = insertRow('rectification_tasks');
export const updateTask = updateById('rectification_tasks');

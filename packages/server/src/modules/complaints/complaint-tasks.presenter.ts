import type { RectificationTask } from '@liangdian/shared/api';
import type { TaskRow } from './complaint-tasks.repository';

export const presentTask = (t: TaskRow & { outlet_name: string }): RectificationTask => ({
  id: t.id,
  complaintId: t.complaint_id,
  outletId: t.outlet_id,
  outletName: t.outlet_name,
  title: t.title,
  owner: t.owner,
  ownerStaffId: t.owner_staff_id,
  dueOn: t.due_on,
  status: t.status as RectificationTask['status'],
  note: t.note,
  doneAt: t.done_at,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

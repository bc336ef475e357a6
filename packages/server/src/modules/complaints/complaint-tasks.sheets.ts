import type { RectificationTask } from '@liangdian/shared/api';
import { label, sheet, codeColumn } from '../../http/sheet';
import { type FilterNames, namedFilter } from './complaints.sheets';

/** Rectification tasks as .xlsx: the status by name, due date and completion as Excel dates (Beijing). */
export function taskSheet(ids: FilterNames = {}) {
  return sheet<RectificationTask>({
    title: label('整改任务', 'Rectification tasks'),
    filters: {
      outletId: namedFilter('网点', 'Outlet', ids.outlet),
      complaintId: namedFilter('投诉编号', 'Complaint', ids.complaint),
      status: { label: label('状态', 'Status'), codes: 'taskStatus' },
      overdue: { label: label('已逾期', 'Overdue') },
    },
    columns: [
      { header: label('网点', 'Outlet'), value: (t) => t.outletName, width: 16 },
      { header: label('任务', 'Task'), value: (t) => t.title, width: 40 },
      { header: label('责任人', 'Owner'), value: (t) => t.owner, width: 12 },
      { header: label('完成期限', 'Due on'), value: (t) => t.dueOn, kind: 'date' },
      codeColumn(label('状态', 'Status'), (t) => t.status, 'taskStatus', 10),
      { header: label('完成时间', 'Done at'), value: (t) => t.doneAt, kind: 'datetime' },
      { header: label('备注', 'Note'), value: (t) => t.note, width: 30 },
    ],
  });
}

import { daysBetween } from '@liangdian/engine/time';
import type { ComplaintStatus } from '@liangdian/shared';
import type { HomeComplaint, HomePrompt, HomeTask } from '@liangdian/shared/api';
import type { Locale } from '../../lib/messages';
import type { DueComplaintRow, PromptRow, TaskRow } from './home.repository';

/** Rows → the home page's items (packages/shared/src/api/home.ts), deadlines from today in Beijing. */
const due = (today: string, dueOn: string) => {
  const daysLeft = daysBetween(today, dueOn);
  return { dueOn, daysLeft, overdue: daysLeft < 0 };
};

export const presentComplaint = (r: DueComplaintRow, today: string, userId: string): HomeComplaint => ({
  id: r.id,
  no: r.no,
  outletId: r.outlet_id,
  outletName: r.outlet_name,
  status: r.status as ComplaintStatus,
  ...due(today, r.due_on!),
  handlerName: r.handler_name,
  mine: r.handler_id === userId,
});

export const presentPrompt = (r: PromptRow, locale: Locale, staffId: string | null): HomePrompt => ({
  id: r.id,
  outletId: r.outlet_id,
  outletName: r.outlet_name,
  kind: r.kind === 'return' || r.kind === 'elastic' ? r.kind : 'backfill',
  message: locale === 'en-US' ? r.message_en : r.message_zh,
  staffName: r.staff_name ?? '',
  postName: r.post_name ?? '',
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  mine: staffId !== null && r.staff_id === staffId,
});

export const presentTask = (r: TaskRow, today: string, staffId: string | null): HomeTask => ({
  id: r.id,
  title: r.title,
  outletId: r.outlet_id,
  outletName: r.outlet_name,
  complaintId: r.complaint_id,
  complaintNo: r.complaint_no,
  owner: r.owner,
  ...due(today, r.due_on),
  mine: staffId !== null && r.owner_staff_id === staffId,
});

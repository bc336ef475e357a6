import { z } from 'zod';
import { BoolQuery, PageQuery, pageOf } from './common';
import { endpoints } from './endpoint';
import { RecordParams } from './fields';

/**
 * In-app notifications of the signed-in user: deadline reminders of complaints (due within 3 days,
 * overdue), made once a Beijing day by the server.
 */
export const NOTIFICATION_KINDS = ['complaint_due_soon', 'complaint_overdue'] as const;

export const AppNotification = z.object({
  id: z.string(),
  kind: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** the Beijing day it was made for */
  day: z.string(),
  /** what the text needs: for complaints the number, status, due date and days left */
  data: z.looseObject({
    no: z.string().optional(),
    outletId: z.string().optional(),
    status: z.string().optional(),
    dueOn: z.string().optional(),
    daysLeft: z.number().optional(),
  }),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AppNotification = z.infer<typeof AppNotification>;

export const NotificationListQuery = PageQuery.extend({ unread: BoolQuery.optional() });
const Updated = z.object({ updated: z.number().int() });

const e = endpoints(['notifications']);

export const notificationsApi = {
  listNotifications: e.get('/notifications', 'My notifications, newest first', {
    query: NotificationListQuery,
    response: pageOf(AppNotification).extend({ unread: z.number().int() }),
  }),
  markNotificationRead: e.post('/notifications/:id/read', 'Mark one notification read', {
    params: RecordParams,
    response: Updated,
  }),
  markAllNotificationsRead: e.post('/notifications/read-all', 'Mark all my notifications read', {
    response: Updated,
  }),
} as const;

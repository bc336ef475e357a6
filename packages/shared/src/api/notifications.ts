import { z } from 'zod';
import { BoolQuery, PageQuery, pageOf } from './common';
import { endpoints } from './endpoint';
import { RecordParams } from './fields';

/**
 * In-app notifications of the signed-in user: deadline reminders of complaints (due within 3 days,
 * overdue), made once a Beijing day by the server — one per complaint, or for a user who chose it
 * one daily digest (`complaint_digest`, entity the user) listing them.
 */
export const NOTIFICATION_KINDS = ['complaint_due_soon', 'complaint_overdue', 'complaint_digest'] as const;

/** One complaint of a daily digest. */
export const DigestItem = z.object({
  id: z.string(),
  no: z.string(),
  dueOn: z.string(),
  daysLeft: z.number().int(),
});

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
    /** digest: how many complaints are due within 3 days or overdue, how many of them overdue */
    count: z.number().int().optional(),
    overdue: z.number().int().optional(),
    /** digest: the most pressing of them, soonest first (at most DIGEST_ITEMS) */
    items: z.array(DigestItem).optional(),
  }),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AppNotification = z.infer<typeof AppNotification>;

/** A digest lists at most this many complaints (its `count` says how many there are). */
export const DIGEST_ITEMS = 20;

/** How the signed-in user wants the deadline reminders. */
export const NotificationPreferences = z.object({
  /** true: one digest each morning instead of one notification per complaint */
  digest: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

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
  getNotificationPreferences: e.get('/notifications/preferences', 'How I want deadline reminders', {
    response: NotificationPreferences,
  }),
  setNotificationPreferences: e.put(
    '/notifications/preferences',
    'Choose one reminder per complaint or one daily digest',
    { body: NotificationPreferences.strict(), response: NotificationPreferences },
  ),
} as const;

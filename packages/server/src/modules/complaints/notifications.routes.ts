import { notificationsApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { NotificationsService } from './notifications.service';

export function mountNotifications(app: FastifyInstance, notifications: NotificationsService) {
  mount(app, notificationsApi, {
    listNotifications: ({ actor, query }) => notifications.list(actor, query),
    markNotificationRead: ({ actor, params }) => notifications.markRead(actor, [params.id]),
    markAllNotificationsRead: ({ actor }) => notifications.markRead(actor, 'all'),
    getNotificationPreferences: ({ actor }) => notifications.preferences(actor),
    setNotificationPreferences: ({ actor, body }) => notifications.setPreferences(actor, body),
  });
}

import type { AppNotification } from '@liangdian/shared/api';
import type { NotificationRow } from './notifications.repository';

export const presentNotification = (n: NotificationRow): AppNotification => ({
  id: n.id,
  kind: n.kind,
  entityType: n.entity_type,
  entityId: n.entity_id,
  day: n.day,
  data: JSON.parse(n.data_json),
  read: n.read_at !== null,
  readAt: n.read_at,
  createdAt: n.created_at,
});

import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Empty, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AppNotification } from '@liangdian/shared/api';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useApiErrorMessage } from './useApiErrorMessage';

/** The header bell: deadline reminders of complaints (due within 3 days, overdue), unread count. */
export function NotificationBell() {
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useApiErrorMessage();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get('/notifications', { query: { pageSize: 20 } }),
    refetchInterval: 120_000,
    staleTime: 60_000,
  });
  const unread = list.data?.unread ?? 0;

  const read = async (n: AppNotification) => {
    setOpen(false);
    if (!n.read) {
      try {
        await api.post('/notifications/:id/read', { params: { id: n.id } });
        queryClient.invalidateQueries({ queryKey: ['notifications'] });
      } catch (e) {
        showError(e);
      }
    }
    if (n.entityType === 'complaint') navigate(`/complaints/${n.entityId}`);
  };
  const readAll = async () => {
    try {
      await api.post('/notifications/read-all');
      queryClient.invalidateQueries({ queryKey: ['notifications'] });
    } catch (e) {
      showError(e);
    }
  };

  const text = (n: AppNotification) => {
    const left = n.data.daysLeft ?? 0;
    return n.kind === 'complaint_overdue' || left < 0
      ? t('notifications.overdue', { no: n.data.no ?? '', n: Math.abs(left) })
      : t('notifications.dueSoon', { no: n.data.no ?? '', n: left });
  };

  const panel = (
    <div className="ld-bell-panel" data-testid="notifications-panel">
      <div className="ld-bell-head">
        <strong>{t('notifications.title')}</strong>
        <Button
          type="link"
          size="small"
          disabled={!unread}
          onClick={readAll}
          data-testid="notifications-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </div>
      {list.isLoading ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <ul className="ld-bell-list">
          {list.data?.items.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={n.read ? 'ld-bell-item' : 'ld-bell-item ld-bell-unread'}
                onClick={() => read(n)}
              >
                <span
                  className={n.kind === 'complaint_overdue' ? 'ld-bell-dot ld-bell-dot-red' : 'ld-bell-dot'}
                />
                <span className="ld-bell-text">
                  <span>{text(n)}</span>
                  <span className="ld-muted" style={{ fontSize: 12 }}>
                    {formatDate(`${n.day}T12:00:00+08:00`)}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <Dropdown
      open={open}
      onOpenChange={setOpen}
      trigger={['click']}
      popupRender={() => panel}
      placement="bottomRight"
    >
      <Button
        type="text"
        aria-label={t('notifications.title')}
        data-testid="notifications-bell"
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Dropdown>
  );
}

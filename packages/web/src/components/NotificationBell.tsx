import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Empty, Spin } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AppNotification } from '@liangdian/shared/api';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useUser } from '../auth/AuthContext';
import { useApiErrorMessage } from './useApiErrorMessage';

/**
 * The header bell: deadline reminders of complaints (due within 3 days, overdue; or one daily
 * digest), unread count. Opening it asks the server again (the reminders are made on the hour,
 * not when the page was loaded); a failed load says so instead of "暂无通知".
 */
export function NotificationBell() {
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useApiErrorMessage();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['notifications', user.id],
    queryFn: () => api.get('/notifications', { query: { pageSize: 20 } }),
    refetchInterval: 60_000,
    staleTime: 30_000,
    refetchOnWindowFocus: true,
  });
  const unread = list.data?.unread ?? 0;
  const openChange = (next: boolean) => {
    setOpen(next);
    if (next) list.refetch();
  };

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
    else if (n.kind === 'complaint_digest') navigate('/complaints?sort=dueOn');
  };

  const readAll = async () => {
    try {
      await api.post('/notifications/read-all');
      queryClient.invalidateQueries({ queryKey: ['notifications'] });
    } catch (e) {
      showError(e);
    }
  };

  const due = (left: number) =>
    left < 0
      ? t('home.due.overdue', { n: -left })
      : left === 0
        ? t('home.due.today')
        : t('home.due.left', { n: left });
  const text = (n: AppNotification) => {
    if (n.kind === 'complaint_digest')
      return t('notifications.digest', { count: n.data.count ?? 0, overdue: n.data.overdue ?? 0 });
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
      ) : list.isError && !list.data ? (
        <div style={{ padding: 16, textAlign: 'center' }} data-testid="notifications-error">
          <div className="ld-muted">{t('notifications.error')}</div>
          <Button type="link" size="small" onClick={() => list.refetch()}>
            {t('notifications.retry')}
          </Button>
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
                  <span data-testid="notification-text">{text(n)}</span>
                  {n.kind === 'complaint_digest'
                    ? (n.data.items ?? []).map((c) => (
                        <span key={c.id} className="ld-bell-digest-line">
                          {t('notifications.digestItem', { no: c.no, due: due(c.daysLeft) })}
                        </span>
                      ))
                    : null}
                  {n.kind === 'complaint_digest' && (n.data.count ?? 0) > (n.data.items?.length ?? 0) ? (
                    <span className="ld-muted" style={{ fontSize: 12 }}>
                      {t('notifications.more', { n: (n.data.count ?? 0) - (n.data.items?.length ?? 0) })}
                    </span>
                  ) : null}
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
      onOpenChange={openChange}
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

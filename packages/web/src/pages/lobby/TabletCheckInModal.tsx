import type { LobbyView, Post, Staff } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Empty, Input, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { useBusinessTypes } from '../business-types/useBusinessTypes';
import { useZones } from '../outlets/ZonesTab';
import { offerOrder, postBusinessTypes } from './postFit';

const PAGE_SIZE = 48;

/**
 * Checks a staff member of the outlet in at a post with one tap on their name (searched on the
 * server). Someone checked in elsewhere is moved; their current post is shown under the name.
 * Those who can take the post (a skill in its business; a lobby role for the welcome post) come
 * first, those at work today (checked in elsewhere) first within each group; then the others.
 */
export function TabletCheckInModal({
  outletId,
  post,
  view,
  onClose,
  onDone,
}: {
  outletId: string;
  /** the post to check in at; null: closed */
  post: Post | null;
  view: LobbyView;
  onClose: () => void;
  onDone: (view: LobbyView) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (post) setQ('');
  }, [post]);

  const staff = useQuery({
    queryKey: ['outlet', outletId, 'staff', 'check-in', q],
    queryFn: () =>
      api.get('/outlets/:outletId/staff', {
        params: { outletId },
        query: { q, active: true, pageSize: PAGE_SIZE },
      }),
    enabled: !!post,
  });
  const where = new Map(view.presence.map((p) => [p.staffId, p]));
  const zones = useZones(outletId);
  const types = useBusinessTypes();

  const checkIn = async (s: Staff) => {
    if (!post) return;
    setBusy(s.id);
    try {
      const next = await api.post('/outlets/:outletId/lobby/check-in', {
        params: { outletId },
        body: {
          staffId: s.id,
          postId: post.id,
        },
      });
      message.success(t('lobby.live.posts.checkedIn', { name: s.name, post: post.name }));
      onDone(next);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const items = staff.data?.items ?? [];
  const postTypes = post ? postBusinessTypes(post, zones.data?.items ?? [], types.data?.items ?? []) : null;
  const groups = post ? offerOrder(items, post, postTypes, view.presence) : { fit: [], others: [] };

  const person = (s: Staff) => {
    const at = where.get(s.id);
    const here = at?.postId === post?.id;
    return (
      <Button
        key={s.id}
        size="large"
        disabled={here || (busy !== null && busy !== s.id)}
        loading={busy === s.id}
        onClick={() => checkIn(s)}
        className="ld-tablet-staff"
        data-testid={`check-in-${s.employeeNo}`}
      >
        <span className="ld-tablet-staff-name">{s.name}</span>
        <span className="ld-tablet-staff-where">
          {here
            ? t('lobby.live.posts.here')
            : at
              ? t('lobby.live.posts.atPost', { post: at.postName })
              : t('lobby.live.posts.notIn')}
        </span>
      </Button>
    );
  };

  return (
    <Modal
      open={!!post}
      title={post ? t('lobby.live.posts.checkInTitle', { post: post.name }) : ''}
      footer={null}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <Input.Search
        allowClear
        size="large"
        placeholder={t('lobby.live.posts.searchStaff')}
        onSearch={(v) => setQ(v.trim())}
        data-testid="check-in-search"
        style={{ marginBottom: 12 }}
      />
      <QueryError error={staff.error} onRetry={() => staff.refetch()} />
      <Spin spinning={staff.isFetching}>
        {items.length ? (
          <div className="ld-tablet-staff-scroll" data-testid="check-in-staff">
            <div className="ld-tablet-staff-group">
              {t('lobby.live.posts.fitFirst')}
              <span className="ld-tablet-muted">{t('lobby.live.posts.fitHint')}</span>
            </div>
            {groups.fit.length ? (
              <div className="ld-tablet-staff-grid" data-testid="check-in-fit">
                {groups.fit.map(person)}
              </div>
            ) : (
              <div className="ld-tablet-muted">{t('lobby.live.posts.nobodyFits')}</div>
            )}
            {groups.others.length ? (
              <>
                <div className="ld-tablet-staff-group">{t('lobby.live.posts.fitOthers')}</div>
                <div className="ld-tablet-staff-grid" data-testid="check-in-others">
                  {groups.others.map(person)}
                </div>
              </>
            ) : null}
          </div>
        ) : staff.isLoading ? null : (
          <Empty description={t('lobby.live.posts.noStaff')} />
        )}
        {staff.data && staff.data.total > items.length ? (
          <div className="ld-tablet-hint">{t('lobby.live.posts.narrow', { n: staff.data.total })}</div>
        ) : null}
      </Spin>
    </Modal>
  );
}

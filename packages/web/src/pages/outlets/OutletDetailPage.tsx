import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Tag } from 'antd';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { LinkTabs } from '../../components/LinkTabs';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/i18n';
import { PageError } from '../../layout/PageBoundary';
import { NotFoundPage } from '../NotFoundPage';
import { MachineTokensTab } from './MachineTokensTab';
import { OverviewTab } from './OverviewTab';
import { PostsTab } from './PostsTab';
import { StaffTab } from './StaffTab';
import { ZonesTab } from './ZonesTab';

const TABS = ['overview', 'zones', 'posts', 'staff', 'machines'] as const;
type TabKey = (typeof TABS)[number];

export function useOutlet(outletId: string) {
  return useQuery({
    queryKey: ['outlet', outletId],
    queryFn: () => api.get('/outlets/:outletId', { params: { outletId } }),
  });
}

export function OutletDetailPage() {
  const { outletId = '', tab = 'overview' } = useParams();
  const { t } = useI18n();
  const user = useUser();
  const outlet = useOutlet(outletId);
  const active: TabKey = (TABS as readonly string[]).includes(tab) ? (tab as TabKey) : 'overview';

  if (outlet.error instanceof ApiError && (outlet.error.status === 404 || outlet.error.status === 400)) {
    return <NotFoundPage title={t('outlets.notFoundTitle')} subTitle={t('outlets.notFound')} />;
  }
  // refused, or the server or network failed: say so at once rather than a skeleton
  if (outlet.error) return <PageError error={outlet.error} />;
  const crumbs = [{ title: t('nav.group.organisation') }, { title: t('nav.outlets'), to: '/outlets' }];
  if (!outlet.data) {
    return (
      <>
        <PageHeader title={t('common.loading')} crumbs={crumbs} />
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </>
    );
  }
  const o = outlet.data;
  const editable = can.editOutlet(user, o.id);

  return (
    <>
      <PageHeader
        title={<span data-testid="outlet-title">{o.name}</span>}
        crumbs={[...crumbs, { title: o.name }]}
        tags={
          <>
            <Tag className="ld-mono">{o.code}</Tag>
            {o.pilot ? (
              <Tag color="red" variant="outlined">
                {t('outlets.pilotTag')}
              </Tag>
            ) : null}
            <StatusTag active={o.active} />
          </>
        }
        subTitle={o.branchName}
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <LinkTabs
          activeKey={active}
          items={TABS.map((k) => ({
            key: k,
            label: t(`outlet.tab.${k}`),
            to: k === 'overview' ? `/outlets/${o.id}` : `/outlets/${o.id}/${k}`,
          }))}
        />
        {active === 'overview' ? <OverviewTab outlet={o} editable={editable} /> : null}
        {active === 'zones' ? <ZonesTab outlet={o} editable={editable} /> : null}
        {active === 'posts' ? <PostsTab outlet={o} editable={editable} /> : null}
        {active === 'staff' ? <StaffTab outlet={o} editable={editable} /> : null}
        {active === 'machines' ? <MachineTokensTab outlet={o} editable={editable} /> : null}
      </Card>
    </>
  );
}

import type { Outlet } from '@liangdian/shared/api';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Empty, Table, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { FilterSelect, NewButton, SearchFilter, StatusFilter } from '../../components/TableToolbar';
import { toInt, useUrlState } from '../../components/useUrlState';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { NotFoundPage } from '../NotFoundPage';
import { OutletFormModal, useBranches } from './OutletFormModal';
import { usePagination } from '../../components/usePagination';

const KEYS = ['page', 'pageSize', 'q', 'branchId', 'status', 'pilot', 'sort'] as const;
const SORTABLE = ['code', 'name', 'staffCount'];

export function OutletListPage() {
  const { t, formatNumber } = useI18n();
  const pagination = usePagination();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [s, set] = useUrlState(KEYS, { sort: 'code' });
  const [creating, setCreating] = useState(false);
  const branches = useBranches();
  const page = toInt(s.page, 1);
  const pageSize = Math.min(toInt(s.pageSize, 20), 200);

  const filters = { q: s.q, branchId: s.branchId, status: s.status, pilot: s.pilot, sort: s.sort };
  const list = useQuery({
    queryKey: ['outlets', 'list', filters, page, pageSize],
    queryFn: () => api.get('/outlets', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  if (list.error && 'status' in list.error && list.error.status === 403) return <NotFoundPage />;

  const sortOrder = (key: string) =>
    s.sort === key ? ('ascend' as const) : s.sort === `-${key}` ? ('descend' as const) : null;

  const columns: TableProps<Outlet>['columns'] = [
    {
      title: t('outlets.code'),
      dataIndex: 'code',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('code'),
      render: (v: string) => <span className="ld-mono">{v}</span>,
    },
    {
      title: t('outlets.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (v: string, o) => (
        <span>
          <Link to={`/outlets/${o.id}`}>{v}</Link>
          {o.pilot ? (
            <Tag color="red" variant="outlined" style={{ marginInlineStart: 8 }}>
              {t('outlets.pilotTag')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: t('outlets.branch'), dataIndex: 'branchName', responsive: ['md'] },
    {
      title: t('outlets.address'),
      dataIndex: 'address',
      ellipsis: true,
      responsive: ['xl'],
      render: (v: string | null) => v || '—',
    },
    {
      title: t('outlets.staffCount'),
      dataIndex: 'staffCount',
      align: 'right',
      width: 100,
      sorter: true,
      sortOrder: sortOrder('staffCount'),
      render: (v: number) => formatNumber(v),
    },
    {
      title: t('outlets.zoneCount'),
      dataIndex: 'zoneCount',
      align: 'right',
      width: 100,
      responsive: ['lg'],
      render: (v: number) => formatNumber(v),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 90,
      render: (v: boolean) => <StatusTag active={v} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('outlets.title')}
        crumbs={[{ title: t('nav.group.organisation') }, { title: t('nav.outlets') }]}
        subTitle={list.data ? t('common.totalCount', { n: formatNumber(list.data.total) }) : undefined}
        extra={
          <>
            <ExportButton list="/outlets" query={filters} filename="outlets.xlsx" />
            {can.createOutlet(user) ? (
              <NewButton label={t('outlets.new')} onClick={() => setCreating(true)} testId="new-outlet" />
            ) : null}
          </>
        }
      />
      <Card variant="borderless">
        <div className="ld-filters">
          <SearchFilter
            placeholder={t('outlets.searchPlaceholder')}
            value={s.q}
            onSearch={(v) => set({ q: v })}
            testId="outlet-search"
          />
          {(branches.data?.items.length ?? 0) > 1 ? (
            <FilterSelect
              placeholder={t('outlets.branch')}
              value={s.branchId}
              onChange={(v) => set({ branchId: v })}
              options={branches.data?.items.map((b) => ({ value: b.id, label: b.name }))}
            />
          ) : null}
          <StatusFilter
            value={s.status}
            onChange={(v) => set({ status: v })}
            values={['active', 'inactive']}
          />
          <FilterSelect
            placeholder={t('outlets.pilot')}
            value={s.pilot}
            onChange={(v) => set({ pilot: v })}
            options={[
              { value: 'true', label: t('outlets.pilotOnly') },
              { value: 'false', label: t('outlets.nonPilot') },
            ]}
          />
        </div>
        <QueryError error={list.error} onRetry={() => list.refetch()} />
        <Table<Outlet>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 640 }}
          locale={{
            emptyText: list.isLoading ? (
              ' '
            ) : (
              <Empty description={t('outlets.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ),
          }}
          onRow={(o) => ({ onDoubleClick: () => navigate(`/outlets/${o.id}`) })}
          pagination={pagination(page, pageSize, list.data?.total ?? 0)}
          onChange={(p, _f, sorter) => {
            const one = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = typeof one?.field === 'string' && SORTABLE.includes(one.field) ? one.field : null;
            const sort = field && one?.order ? (one.order === 'descend' ? `-${field}` : field) : 'code';
            set(
              {
                page: sort !== s.sort ? 1 : p.current,
                pageSize: p.pageSize,
                sort,
              },
              false,
            );
          }}
        />
      </Card>
      <OutletFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(o) => {
          setCreating(false);
          queryClient.invalidateQueries({ queryKey: ['outlets'] });
          navigate(`/outlets/${o.id}`);
        }}
      />
    </>
  );
}

import type { Outlet } from '@liangdian/shared/api';
import { useQueryClient } from '@tanstack/react-query';
import { Card, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { ListPageHeader } from '../../components/PageHeader';
import { emptyText, statusColumn } from '../../components/masterColumns';
import { QueryTable } from '../../components/QueryTable';
import { FilterSelect, NewButton, SearchFilter, StatusFilter } from '../../components/TableToolbar';
import { useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { NotFoundPage } from '../NotFoundPage';
import { OutletFormModal, useBranches } from './OutletFormModal';
import { type ServerSort, usePagedList } from '../../components/usePagination';

const KEYS = ['page', 'pageSize', 'q', 'branchId', 'status', 'pilot', 'sort'] as const;
const SORTABLE = ['code', 'name', 'staffCount'];
const SORT: ServerSort<Outlet> = {
  fallback: 'code',
  key: (one) => (typeof one.field === 'string' && SORTABLE.includes(one.field) ? one.field : null),
};

export function OutletListPage() {
  const { t, formatNumber } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [s, set] = useUrlState(KEYS, { sort: 'code' });
  const [creating, setCreating] = useState(false);
  const branches = useBranches();
  const filters = { q: s.q, branchId: s.branchId, status: s.status, pilot: s.pilot, sort: s.sort };
  const { list, table, sortOrder } = usePagedList(
    s,
    set,
    ['outlets', 'list', filters],
    (paging) => api.get('/outlets', { query: { ...filters, ...paging } }),
    { sort: SORT },
  );

  if (list.error && 'status' in list.error && list.error.status === 403) return <NotFoundPage />;

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
    statusColumn(t),
  ];

  return (
    <>
      <ListPageHeader group="organisation" page="outlets" total={list.data?.total}>
        <ExportButton list="/outlets" query={filters} filename="outlets.xlsx" />
        {can.createOutlet(user) ? (
          <NewButton label={t('outlets.new')} onClick={() => setCreating(true)} testId="new-outlet" />
        ) : null}
      </ListPageHeader>
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
        <QueryTable<Outlet>
          query={list}
          columns={columns}
          scroll={{ x: 640 }}
          locale={emptyText(t('outlets.empty'), list.isLoading)}
          onRow={(o) => ({ onDoubleClick: () => navigate(`/outlets/${o.id}`) })}
          {...table}
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

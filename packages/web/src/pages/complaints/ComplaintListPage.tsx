import { PlusOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Segmented,
  Select,
  Table,
  type TableProps,
  Tooltip,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { COMPLAINT_STATUSES } from '@liangdian/shared';
import type { Complaint } from '@liangdian/shared/api';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { OutletSelect } from '../../components/OutletSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { toInt, useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { dayPickerValue, fromDayPicker } from '../../time';
import { ComplaintFormModal } from './ComplaintFormModal';
import { ImportModal } from './ImportModal';
import {
  bilingual,
  ComplaintStatusTag,
  DeadlineBadge,
  enumOptions,
  PersonalValue,
  useCodeLabels,
} from './shared';
import { usePagination } from '../../components/usePagination';

const KEYS = [
  'page',
  'pageSize',
  'q',
  'outletId',
  'status',
  'channel',
  'category',
  'cause',
  'due',
  'from',
  'to',
  'sort',
] as const;

export function ComplaintListPage() {
  const { t, tEnum, formatDateTime, formatNumber, locale } = useI18n();
  const pagination = usePagination();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const codes = useCodeLabels();
  const [s, set] = useUrlState(KEYS, { sort: '-receivedAt' });
  const [q, setQ] = useState(s.q);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const page = toInt(s.page, 1);
  const pageSize = Math.min(toInt(s.pageSize, 20), 200);
  const hidden = !complaintCan.seesPersonal(user);

  const filters = {
    q: s.q,
    outletId: s.outletId,
    status: s.status,
    channel: s.channel,
    category: s.category,
    cause: s.cause,
    due: s.due,
    from: s.from,
    to: s.to,
    sort: s.sort,
  };
  const list = useQuery({
    queryKey: ['complaints', 'list', filters, page, pageSize],
    queryFn: () => api.get('/complaints', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const sortOrder = (key: string) =>
    s.sort === key ? ('ascend' as const) : s.sort === `-${key}` ? ('descend' as const) : null;

  const columns: TableProps<Complaint>['columns'] = [
    {
      title: t('complaints.no'),
      dataIndex: 'no',
      width: 170,
      fixed: 'left',
      render: (v: string, c) => (
        <span className="ld-nowrap">
          <Link to={`/complaints/${c.id}`} className="ld-mono" data-testid="complaint-link">
            {v}
          </Link>
          {c.major ? (
            <Tooltip title={t('complaints.majorHint')}>
              <WarningOutlined
                style={{ color: '#cf1322', marginInlineStart: 6 }}
                aria-label={t('complaints.major')}
              />
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    {
      title: t('complaints.receivedAt'),
      dataIndex: 'receivedAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('receivedAt'),
      render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
    },
    { title: t('complaints.outlet'), dataIndex: 'outletName', width: 120, responsive: ['md'] },
    ...(hidden
      ? []
      : [
          {
            title: t('complaints.complainant'),
            key: 'complainant',
            width: 150,
            render: (_: unknown, c: Complaint) => (
              <span className="ld-nowrap">
                <PersonalValue value={c.complainantName} hidden={false} />
                {c.complainantPhone ? (
                  <span className="ld-muted ld-mono" style={{ marginInlineStart: 6, fontSize: 12 }}>
                    {c.complainantPhone}
                  </span>
                ) : null}
              </span>
            ),
          },
        ]),
    {
      title: t('complaints.category'),
      key: 'category',
      width: 170,
      render: (_: unknown, c) => (
        <div className="ld-two-line">
          <span>{bilingual(c.categoryName, locale)}</span>
          <span className="ld-muted">{bilingual(c.causeName, locale)}</span>
        </div>
      ),
    },
    {
      title: t('complaints.claim'),
      dataIndex: 'claim',
      ellipsis: true,
      responsive: ['xl'],
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (v: string) => <ComplaintStatusTag status={v} />,
    },
    {
      title: t('complaints.deadline'),
      key: 'dueOn',
      width: 120,
      sorter: true,
      sortOrder: sortOrder('dueOn'),
      render: (_: unknown, c) => <DeadlineBadge complaint={c} compact />,
    },
    {
      title: t('complaints.handler'),
      dataIndex: 'handlerName',
      width: 120,
      responsive: ['lg'],
      render: (v: string | null) => v || <span className="ld-muted">—</span>,
    },
  ];

  // received on: Beijing calendar dates, no zone involved
  const range: [Dayjs, Dayjs] | null = s.from && s.to ? [dayPickerValue(s.from), dayPickerValue(s.to)] : null;

  return (
    <>
      <PageHeader
        title={t('complaints.title')}
        crumbs={[{ title: t('nav.group.complaints') }, { title: t('nav.complaints') }]}
        subTitle={list.data ? t('common.totalCount', { n: formatNumber(list.data.total) }) : undefined}
        extra={
          <>
            <ExportButton list="/complaints" query={filters} filename="complaints.xlsx" />
            {complaintCan.importComplaints(user) ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="import-complaints"
              >
                {t('complaintEdit.import.button')}
              </Button>
            ) : null}
            {complaintCan.register(user) ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="new-complaint"
              >
                {t('complaints.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card variant="borderless">
        <div className="ld-toolbar">
          <Segmented
            value={s.due || 'all'}
            onChange={(v) => set({ due: v === 'all' ? '' : String(v) })}
            options={[
              { value: 'all', label: t('complaints.due.all') },
              { value: 'soon', label: t('complaints.due.soon') },
              { value: 'overdue', label: t('complaints.due.overdue') },
            ]}
            data-testid="due-filter"
          />
        </div>
        <div className="ld-filters">
          <Input.Search
            className="ld-filter-search"
            allowClear
            placeholder={t('complaints.searchPlaceholder')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value) set({ q: '' });
            }}
            onSearch={(v) => set({ q: v.trim() })}
            data-testid="complaint-search"
          />
          {user.outletId ? null : (
            <OutletSelect
              value={s.outletId || null}
              onChange={(v) => set({ outletId: v })}
              style={{ width: 180 }}
            />
          )}
          <Select
            allowClear
            mode="multiple"
            maxTagCount="responsive"
            placeholder={t('common.status')}
            value={s.status ? s.status.split(',') : []}
            onChange={(v: string[]) => set({ status: v.join(',') })}
            options={enumOptions(tEnum, 'complaintStatus', COMPLAINT_STATUSES)}
            style={{ width: 200 }}
            data-testid="status-filter"
          />
          <Select
            allowClear
            placeholder={t('complaints.channel')}
            value={s.channel || undefined}
            onChange={(v) => set({ channel: v })}
            options={codes.options('channel', false)}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder={t('complaints.category')}
            value={s.category || undefined}
            onChange={(v) => set({ category: v })}
            options={codes.options('category', false)}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder={t('complaints.cause')}
            value={s.cause || undefined}
            onChange={(v) => set({ cause: v })}
            options={codes.options('cause', false)}
            popupMatchSelectWidth={false}
          />
          <DatePicker.RangePicker
            value={range}
            allowClear
            placeholder={[t('complaints.receivedFrom'), t('complaints.receivedTo')]}
            onChange={(v) =>
              set({ from: v?.[0] ? fromDayPicker(v[0]) : '', to: v?.[1] ? fromDayPicker(v[1]) : '' })
            }
            style={{ width: 250 }}
          />
        </div>
        <QueryError error={list.error} onRetry={() => list.refetch()} />
        <Table<Complaint>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 900 }}
          rowClassName={(c) => (c.major ? 'ld-row-major' : '')}
          locale={{
            emptyText: list.isLoading ? (
              ' '
            ) : (
              <Empty description={t('complaints.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ),
          }}
          onRow={(c) => ({ onDoubleClick: () => navigate(`/complaints/${c.id}`) })}
          pagination={pagination(page, pageSize, list.data?.total ?? 0)}
          onChange={(p, _f, sorter) => {
            const one = Array.isArray(sorter) ? sorter[0] : sorter;
            const key =
              one?.columnKey === 'dueOn' ? 'dueOn' : one?.field === 'receivedAt' ? 'receivedAt' : null;
            const sort = key && one?.order ? (one.order === 'descend' ? `-${key}` : key) : '-receivedAt';
            set({ page: sort !== s.sort ? 1 : p.current, pageSize: p.pageSize, sort }, false);
          }}
        />
      </Card>
      <ImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => queryClient.invalidateQueries({ queryKey: ['complaints'] })}
      />
      <ComplaintFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          queryClient.invalidateQueries({ queryKey: ['complaints'] });
          navigate(`/complaints/${c.id}`);
        }}
      />
    </>
  );
}

import { UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Select, type TableProps, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { COMPLAINT_STATUSES } from '@liangdian/shared';
import type { ComplaintListItem } from '@liangdian/shared/api';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { OutletFilter } from '../../components/OutletSelect';
import { ListPageHeader } from '../../components/PageHeader';
import { emptyText } from '../../components/masterColumns';
import { QueryTable } from '../../components/QueryTable';
import { NewButton, SearchFilter } from '../../components/TableToolbar';
import { useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { dayPickerValue, fromDayPicker } from '../../time';
import { ComplaintFormModal } from './ComplaintFormModal';
import { ImportModal } from './ImportModal';
import {
  bilingual,
  ComplaintStatusTag,
  DeadlineBadge,
  enumOptions,
  ForwardingBadge,
  PersonalValue,
  useCodeLabels,
} from './shared';
import { type ServerSort, usePagedList } from '../../components/usePagination';

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
  'forwarding',
  'from',
  'to',
  'sort',
] as const;
const SORT: ServerSort<ComplaintListItem> = {
  fallback: '-receivedAt',
  key: (one) => (one.columnKey === 'dueOn' ? 'dueOn' : one.field === 'receivedAt' ? 'receivedAt' : null),
};

export function ComplaintListPage() {
  const { t, tEnum, formatDateTime, locale } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const codes = useCodeLabels();
  const [s, set] = useUrlState(KEYS, { sort: '-receivedAt' });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const hidden = !complaintCan.seesPersonal(user);
  // the complainant's data searched for: kept in the page, not in its address (browser history)
  const [complainant, setComplainant] = useState('');

  const filters = {
    q: s.q,
    complainant: complainant || undefined,
    outletId: s.outletId,
    status: s.status,
    channel: s.channel,
    category: s.category,
    cause: s.cause,
    due: s.due,
    forwarding: s.forwarding,
    from: s.from,
    to: s.to,
    sort: s.sort,
  };
  const { list, table, sortOrder } = usePagedList(
    s,
    set,
    ['complaints', 'list', filters],
    (paging) => api.get('/complaints', { query: { ...filters, ...paging } }),
    { sort: SORT },
  );

  const columns: TableProps<ComplaintListItem>['columns'] = [
    {
      title: t('complaints.no'),
      dataIndex: 'no',
      width: 150,
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
      width: 132,
      sorter: true,
      sortOrder: sortOrder('receivedAt'),
      render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
    },
    {
      title: t('complaints.outlet'),
      dataIndex: 'outletName',
      width: 100,
      ellipsis: { showTitle: true },
      responsive: ['md'],
    },
    ...(hidden
      ? []
      : [
          {
            title: t('complaints.complainant'),
            key: 'complainant',
            width: 112,
            // the name over the phone: both whole in a narrow column
            render: (_: unknown, c: ComplaintListItem) => (
              <div className="ld-two-line ld-nowrap">
                <PersonalValue value={c.complainantName} hidden={false} />
                {c.complainantPhone ? <span className="ld-muted ld-mono">{c.complainantPhone}</span> : null}
              </div>
            ),
          },
        ]),
    {
      title: t('complaints.category'),
      key: 'category',
      width: 140,
      ellipsis: true,
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
      // the status over the handler: at 1366 px every column shows whole (no handler column to cut off)
      title: t('complaints.statusHandler'),
      dataIndex: 'status',
      width: 100,
      render: (v: string, c) => (
        <div className="ld-two-line">
          <span>
            <ComplaintStatusTag status={v} />
          </span>
          <span
            className="ld-muted ld-ellipsis"
            title={c.handlerName ?? undefined}
            data-testid="complaint-handler"
          >
            {c.handlerName || '—'}
          </span>
        </div>
      ),
    },
    {
      title: t('complaints.deadline'),
      key: 'dueOn',
      width: 104,
      sorter: true,
      sortOrder: sortOrder('dueOn'),
      // the decision's deadline, and for a regulator case its forwarding (Art. 33) under it
      render: (_: unknown, c) => (
        <div className="ld-badges">
          <DeadlineBadge complaint={c} compact />
          <ForwardingBadge complaint={c} />
        </div>
      ),
    },
  ];

  // received on: Beijing calendar dates, no zone involved
  const range: [Dayjs, Dayjs] | null = s.from && s.to ? [dayPickerValue(s.from), dayPickerValue(s.to)] : null;

  return (
    <>
      <ListPageHeader group="complaints" page="complaints" total={list.data?.total}>
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
          <NewButton label={t('complaints.new')} onClick={() => setCreating(true)} testId="new-complaint" />
        ) : null}
      </ListPageHeader>
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
          <SearchFilter
            placeholder={t('complaints.searchPlaceholder')}
            value={s.q}
            onSearch={(v) => set({ q: v })}
            testId="complaint-search"
          />
          {!hidden && (
            <SearchFilter
              placeholder={t('complaints.complainantSearch')}
              value={complainant}
              onSearch={(v) => {
                setComplainant(v);
                set({});
              }}
              testId="complainant-search"
            />
          )}
          <OutletFilter value={s.outletId} onChange={(v) => set({ outletId: v })} width={180} />
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
          {(['channel', 'category', 'cause'] as const).map((code) => (
            <Select
              key={code}
              allowClear
              placeholder={t(`complaints.${code}`)}
              value={s[code] || undefined}
              onChange={(v) => set({ [code]: v })}
              options={codes.options(code, false)}
              popupMatchSelectWidth={false}
            />
          ))}
          <Select
            allowClear
            placeholder={t('complaints.forwarding')}
            value={s.forwarding || undefined}
            onChange={(v) => set({ forwarding: v ?? '' })}
            options={[
              { value: 'late', label: t('complaints.forwarding.late') },
              { value: 'on_time', label: t('complaints.forwarding.onTime') },
            ]}
            popupMatchSelectWidth={false}
            data-testid="forwarding-filter"
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
        <QueryTable<ComplaintListItem>
          query={list}
          columns={columns}
          scroll={{ x: 1000 }}
          rowClassName={(c) => (c.major ? 'ld-row-major' : '')}
          locale={emptyText(t('complaints.empty'), list.isLoading)}
          onRow={(c) => ({ onDoubleClick: () => navigate(`/complaints/${c.id}`) })}
          {...table}
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

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Input, type TableProps, Tag } from 'antd';
import { beijingStartOfDay } from '@liangdian/engine/time';
import { CODE_TABLES, codeName, type LocaleCode } from '@liangdian/shared';
import type { AuditEntry, AuditVerify } from '@liangdian/shared/api';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { ListPageHeader } from '../../components/PageHeader';
import { useUrlState } from '../../components/useUrlState';
import { QueryTable } from '../../components/QueryTable';
import { useBusyCall } from '../../components/useBusyCall';
import { useI18n } from '../../i18n/i18n';
import { beijingToday, dayPickerValue, fromDayPicker, isAfterBeijingToday } from '../../time';
import { AuditDiff } from './AuditDiff';
import { usePagedList } from '../../components/usePagination';

const KEYS = ['page', 'pageSize', 'q', 'action', 'entityType', 'actor', 'from', 'to'] as const;
const ENTITY_TYPES = Object.keys(CODE_TABLES.entityType);

/** A calendar day picked in the UI means that day in Beijing: from its start to the next day's. */
function dayBoundary(d: Dayjs, end: boolean): string {
  return beijingStartOfDay(end ? fromDayPicker(d.add(1, 'day')) : fromDayPicker(d));
}

/** The Beijing calendar day an instant falls on, for the range picker. */
const dayOf = (iso: string) => dayPickerValue(beijingToday(Date.parse(iso)));

/** Names from the shared code tables; an action they do not know yet from the web catalogue. */
function useNames() {
  const { locale, tEnum } = useI18n();
  const l = locale as LocaleCode;
  return {
    action: (a: string) =>
      a in CODE_TABLES.auditAction ? codeName('auditAction', a, l) : tEnum('auditAction', a),
    entity: (e: string) =>
      e in CODE_TABLES.entityType ? codeName('entityType', e, l) : tEnum('entityType', e),
  };
}

/** before/after are the JSON the change stored: an object, or nothing. */
const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

function actionColor(action: string): string {
  if (/create|login$/.test(action)) return 'green';
  if (/deactivate|delete|lock|fail/.test(action)) return 'red';
  if (/update|patch|edit|reactivate|reset|unlock|change/.test(action)) return 'blue';
  return 'default';
}

export function AuditPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const names = useNames();
  const [s, set] = useUrlState(KEYS);
  const [q, setQ] = useState(s.q);
  const [actor, setActor] = useState(s.actor);
  const [action, setAction] = useState(s.action);
  const { busy: verifying, run } = useBusyCall();
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const filters = {
    q: s.q,
    action: s.action,
    entityType: s.entityType,
    actor: s.actor,
    from: s.from,
    to: s.to,
  };

  const { list, table } = usePagedList(
    s,
    set,
    ['audit', filters],
    (paging) => api.get('/audit', { query: { ...filters, ...paging } }),
    { more: { pageSizeOptions: [20, 50, 100, 200] } },
  );
  // Every action and entity type in the log (from the server), so the filters offer all of them.
  const facets = useQuery({
    queryKey: ['audit', 'facets'],
    queryFn: () => api.get('/audit/facets'),
    staleTime: 60_000,
  });
  const actions = facets.data?.actions ?? [];
  const entityTypes = facets.data?.entityTypes.length ? facets.data.entityTypes : ENTITY_TYPES;

  const runVerify = () => run(() => api.get('/audit/verify'), setVerify);

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: '#', dataIndex: 'seq', width: 80, render: (v: number) => <span className="ld-mono">{v}</span> },
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (v: string) =>
        v && v !== 'system' ? v : <span className="ld-muted">{t('audit.system')}</span>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 200,
      render: (v: string) => <Tag color={actionColor(v)}>{names.action(v)}</Tag>,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 120,
      render: (v: string) => names.entity(v),
    },
    {
      title: t('audit.outlet'),
      dataIndex: 'outletName',
      width: 120,
      responsive: ['lg'],
      render: (v: string | null) => v ?? <span className="ld-muted">—</span>,
    },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      ellipsis: true,
      responsive: ['xl'],
      render: (v: string) => <span className="ld-mono ld-muted">{v || '—'}</span>,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 130,
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
  ];

  const range: [Dayjs, Dayjs] | null =
    s.from && s.to ? [dayOf(s.from), dayOf(s.to).subtract(1, 'day')] : null;

  return (
    <>
      <ListPageHeader group="system" page="audit" total={list.data?.total}>
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={runVerify}
          data-testid="verify-chain"
        >
          {t('audit.verify')}
        </Button>
        <ExportButton list="/audit" query={filters} filename="audit.xlsx" />
      </ListPageHeader>
      {verify ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={verify.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          data-testid="verify-result"
          title={
            verify.ok ? t('audit.verifyOk', { n: formatNumber(verify.checked) }) : t('audit.verifyBroken')
          }
          description={
            verify.ok
              ? t('audit.verifyOkDetail')
              : t('audit.verifyBrokenDetail', {
                  seq: verify.firstBrokenSeq ?? '?',
                  n: formatNumber(verify.checked),
                })
          }
        />
      ) : null}
      <Card variant="borderless">
        <div className="ld-filters">
          <Input.Search
            style={{ width: 220 }}
            allowClear
            placeholder={t('audit.searchPlaceholder')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value) set({ q: '' });
            }}
            onSearch={(v) => set({ q: v.trim() })}
          />
          <AutoComplete
            allowClear
            placeholder={t('audit.action')}
            value={action}
            options={actions.map((a) => ({ value: a, label: `${names.action(a)} (${a})` }))}
            onChange={(v: string | undefined) => {
              setAction(v ?? '');
              if (!v) set({ action: '' });
            }}
            onSelect={(v: string | undefined) => set({ action: v ?? '' })}
            onBlur={() => set({ action: action.trim() })}
            style={{ width: 150 }}
          />
          <AutoComplete
            allowClear
            placeholder={t('audit.entityType')}
            value={s.entityType || undefined}
            options={entityTypes.map((e) => ({ value: e, label: names.entity(e) }))}
            onChange={(v: string | undefined) => set({ entityType: v ?? '' })}
            style={{ width: 130 }}
          />
          <Input
            allowClear
            placeholder={t('audit.actor')}
            value={actor}
            onChange={(e) => {
              setActor(e.target.value);
              if (!e.target.value) set({ actor: '' });
            }}
            onPressEnter={() => set({ actor: actor.trim() })}
            onBlur={() => set({ actor: actor.trim() })}
            style={{ width: 120 }}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) =>
              v?.[0] && v[1]
                ? set({ from: dayBoundary(v[0], false), to: dayBoundary(v[1], true) })
                : set({ from: '', to: '' })
            }
            disabledDate={isAfterBeijingToday}
            style={{ width: 250 }}
          />
        </div>
        <QueryTable<AuditEntry>
          query={list}
          rowKey="seq"
          columns={columns}
          scroll={{ x: 760 }}
          expandable={{
            expandedRowRender: (e) => <AuditDiff before={asRecord(e.before)} after={asRecord(e.after)} />,
            rowExpandable: (e) => !!(e.before || e.after),
          }}
          empty={t('audit.empty')}
          {...table}
        />
      </Card>
    </>
  );
}

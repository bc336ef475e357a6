import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { JOB_STATES, type JobItem } from '@liangdian/shared/api';
import { Button, Card, Select, type TableProps, Tooltip, Typography } from 'antd';
import { api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { ListPageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { usePagedList } from '../../components/usePagination';
import { useUrlState } from '../../components/useUrlState';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { JobStateTag } from './JobStateTag';

const KEYS = ['page', 'pageSize', 'state', 'queue'] as const;
/** The queues the server sends jobs to (modules/planning). */
export const QUEUES = ['planning.outlet'] as const;

/** A planning job's progress (`2/3 requirement`) in the reader's language; other progress as it is. */
function progressText(v: string | null, t: (k: MessageKey) => string): string {
  if (!v) return '—';
  const m = /^(\d+)\/(\d+) (forecast|requirement|roster)$/.exec(v);
  return m ? `${m[1]}/${m[2]} ${t(`planning.step.${m[3]}` as MessageKey)}` : v;
}

/** 后台任务 (admin): the branch's background jobs, paged, by state and queue, with the .xlsx twin. */
export function JobsPage() {
  const { t, tEnum, formatDateTime, formatNumber } = useI18n();
  const [s, set] = useUrlState(KEYS);
  const filters = {
    state: (JOB_STATES as readonly string[]).includes(s.state) ? (s.state as JobItem['state']) : undefined,
    queue: s.queue || undefined,
  };
  const { list, table } = usePagedList(
    s,
    set,
    ['jobs', filters],
    (paging) => api.get('/jobs', { query: { ...filters, ...paging } }),
    { more: { pageSizeOptions: [20, 50, 100, 200] } },
  );
  const info = useQuery({
    queryKey: ['jobs', 'info'],
    queryFn: () => api.get('/jobs/info'),
    staleTime: 60_000,
  });

  const time = (v: string | null) => <span className="ld-nowrap">{formatDateTime(v)}</span>;
  const columns: TableProps<JobItem>['columns'] = [
    {
      title: t('jobs.subject'),
      dataIndex: 'subject',
      width: 230,
      render: (v: string, j) => (
        <div className="ld-two-line">
          <span>{v || '—'}</span>
          <Tooltip title={`${t('jobs.id')} ${j.id}`}>
            <span className="ld-muted">
              {tEnum('jobs.queue', j.queue)} · <span className="ld-mono">{j.id.slice(0, 8)}</span>
            </span>
          </Tooltip>
        </div>
      ),
    },
    {
      title: t('jobs.state'),
      dataIndex: 'state',
      width: 90,
      render: (v: JobItem['state']) => <JobStateTag state={v} />,
    },
    {
      title: t('jobs.attempts'),
      dataIndex: 'attempts',
      width: 80,
      align: 'right',
      render: (v: number, j) => `${formatNumber(v)} / ${formatNumber(j.maxAttempts)}`,
    },
    {
      title: t('jobs.progress'),
      dataIndex: 'progress',
      width: 110,
      render: (v: string | null) => progressText(v, t),
    },
    { title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 150, render: time },
    {
      title: t('jobs.startedEnded'),
      key: 'timings',
      width: 150,
      render: (_: unknown, j) => (
        <div className="ld-two-line">
          {time(j.startedAt)}
          <span className="ld-muted">{time(j.completedAt)}</span>
        </div>
      ),
    },
    {
      title: t('jobs.seconds'),
      dataIndex: 'seconds',
      width: 80,
      align: 'right',
      render: (v: number | null) =>
        v === null ? '—' : t('jobs.secondsValue', { n: formatNumber(Math.round(v * 10) / 10) }),
    },
    {
      title: t('jobs.error'),
      dataIndex: 'error',
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v}>
            <Typography.Text type="danger">{v}</Typography.Text>
          </Tooltip>
        ) : (
          <span className="ld-muted">—</span>
        ),
    },
  ];

  return (
    <>
      <ListPageHeader group="system" page="jobs" total={list.data?.total}>
        <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} data-testid="jobs-refresh">
          {t('jobs.refresh')}
        </Button>
        <ExportButton list="/jobs" query={filters} filename="jobs.xlsx" />
      </ListPageHeader>
      <Card variant="borderless">
        <div className="ld-filters">
          <Select
            allowClear
            placeholder={t('jobs.allStates')}
            value={filters.state}
            onChange={(v: string | undefined) => set({ state: v ?? '' })}
            options={JOB_STATES.map((v) => ({ value: v, label: t(`jobState.${v}` as MessageKey) }))}
            style={{ width: 140 }}
            data-testid="jobs-state"
          />
          <Select
            allowClear
            placeholder={t('jobs.allQueues')}
            value={filters.queue}
            onChange={(v: string | undefined) => set({ queue: v ?? '' })}
            options={QUEUES.map((v) => ({ value: v, label: tEnum('jobs.queue', v) }))}
            style={{ width: 160 }}
            data-testid="jobs-queue"
          />
          {info.data ? (
            <Typography.Text type="secondary" data-testid="jobs-info">
              {t('jobs.backend', { backend: info.data.backend, workers: info.data.workers })} ·{' '}
              {t('jobs.timeNote')}
            </Typography.Text>
          ) : null}
        </div>
        <QueryTable<JobItem>
          query={list}
          columns={columns}
          scroll={{ x: 1060 }}
          empty={t('jobs.empty')}
          data-testid="jobs-table"
          {...table}
        />
      </Card>
    </>
  );
}

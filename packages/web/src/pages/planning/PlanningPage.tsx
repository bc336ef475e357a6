import type { SolverStatus } from '@liangdian/shared/api';
import {
  CaretRightOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  LoadingOutlined,
  MinusCircleOutlined,
  RedoOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { addDays } from '@liangdian/engine/time';
import {
  PLANNING_STEPS,
  type PlanningOutlet,
  type PlanningRun,
  type PlanningRunSummary,
  type PlanningStep,
} from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Popconfirm,
  Select,
  Space,
  type TableProps,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { QueryTable } from '../../components/QueryTable';
import { useBusyCall } from '../../components/useBusyCall';
import { usePagedList } from '../../components/usePagination';
import { useUrlState } from '../../components/useUrlState';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { beijingToday, dayPickerValue, fromDayPicker } from '../../time';
import { JobStateTag } from '../jobs/JobStateTag';
import { mondayOf } from '../staffing/StaffingRequirementPage';

const KEYS = ['page', 'pageSize', 'week', 'run'] as const;
const POLL_MS = 2000;
const RUN_COLOUR: Record<PlanningRun['state'], string> = {
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: 'default',
};

/** The Monday after today in Beijing: the week a branch usually plans. */
export const nextMonday = (today: string = beijingToday()): string => addDays(mondayOf(today), 7);

const runKey = (runId: string) => ['planning', 'run', runId];

/**
 * 分行排班规划: a week planned for every outlet of the branch as background jobs (docs/jobs.md);
 * the progress of each outlet through forecast → requirement → roster, followed by polling while
 * the run goes on; cancel, retry of the failed ones, and the past runs with their .xlsx.
 */
export function PlanningPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [s, set] = useUrlState(KEYS);
  const week = /^\d{4}-\d{2}-\d{2}$/.test(s.week) ? mondayOf(s.week) : nextMonday();
  const branches = useQuery({
    queryKey: ['branches'],
    queryFn: () => api.get('/branches'),
    staleTime: 5 * 60_000,
  });
  const branch = branches.data?.items[0];
  const { busy, run } = useBusyCall();

  const runQ = useQuery({
    queryKey: runKey(s.run),
    queryFn: () => api.get('/planning/runs/:runId', { params: { runId: s.run } }),
    enabled: !!s.run,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? POLL_MS : false),
    staleTime: 0,
  });
  const current = s.run ? runQ.data : undefined;

  const { list, table } = usePagedList(
    s,
    set,
    ['planning', 'runs'],
    (paging) => api.get('/planning/runs', { query: paging }),
    { defaultPageSize: 10 },
  );
  // the past runs follow the shown run's state
  const shownState = current?.state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the shown run's state changes
  useEffect(() => {
    if (shownState) void client.invalidateQueries({ queryKey: ['planning', 'runs'] });
  }, [shownState]);

  const show = (r: PlanningRun, note: string) => {
    client.setQueryData(runKey(r.id), r);
    set({ run: r.id }, false);
    void client.invalidateQueries({ queryKey: ['planning', 'runs'] });
    message.success(note);
  };
  const start = () =>
    run(
      () => api.post('/planning/runs', { body: { weekStart: week } }),
      (r) => {
        // a second start while the week runs answers the same run
        const known = r.id === current?.id || !!list.data?.items.some((x) => x.id === r.id);
        show(r, known ? t('planning.sameRun') : t('planning.started', { week }));
      },
    );
  const cancel = (r: PlanningRun) =>
    run(
      () => api.post('/planning/runs/:runId/cancel', { params: { runId: r.id } }),
      (next) => show(next, t('planning.cancelled')),
    );
  const retry = (r: PlanningRun) =>
    run(
      () => api.post('/planning/runs/:runId/retry', { params: { runId: r.id } }),
      (next) => show(next, t('planning.retried')),
    );

  const historyColumns: TableProps<PlanningRunSummary>['columns'] = [
    {
      title: t('planning.week'),
      dataIndex: 'weekStart',
      width: 190,
      render: (v: string) => t('planning.weekRange', { from: v, to: addDays(v, 6) }),
    },
    {
      title: t('planning.state'),
      dataIndex: 'state',
      width: 110,
      render: (v: PlanningRun['state']) => (
        <Tag color={RUN_COLOUR[v]}>{t(`planning.runState.${v}` as MessageKey)}</Tag>
      ),
    },
    {
      title: t('planning.outlet'),
      dataIndex: 'counts',
      render: (c: PlanningRun['counts']) => t('planning.counts', c),
    },
    {
      title: t('planning.startedEnded'),
      key: 'timings',
      width: 150,
      render: (_: unknown, r) => (
        <div className="ld-two-line">
          <span className="ld-nowrap">{formatDateTime(r.createdAt)}</span>
          <span className="ld-muted ld-nowrap">{r.finishedAt ? formatDateTime(r.finishedAt) : ''}</span>
        </div>
      ),
    },
    { title: t('planning.createdByName'), dataIndex: 'createdByName', width: 110 },
    {
      title: t('common.actions'),
      key: 'view',
      width: 80,
      render: (_: unknown, r) =>
        r.id === current?.id ? (
          <Typography.Text type="secondary">{t('planning.viewing')}</Typography.Text>
        ) : (
          <Button
            type="link"
            size="small"
            onClick={() => set({ run: r.id }, false)}
            data-testid={`view-run-${r.id}`}
          >
            {t('planning.view')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('planning.title')}
        crumbs={[{ title: t('nav.group.lobby') }, { title: t('nav.planning') }]}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('planning.intro')}</Typography.Paragraph>
        <Form layout="inline" onFinish={start} data-testid="planning-form">
          <Form.Item label={t('planning.branch')}>
            <Select
              style={{ width: 180 }}
              value={branch?.id}
              loading={branches.isLoading}
              options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
              disabled={(branches.data?.items.length ?? 0) <= 1}
              data-testid="planning-branch"
            />
          </Form.Item>
          <Form.Item label={t('planning.week')}>
            <DatePicker
              value={dayPickerValue(week)}
              allowClear={false}
              disabledDate={(d: Dayjs) => d.day() !== 1}
              onChange={(d) => d && set({ week: fromDayPicker(d) }, false)}
              format={(d) =>
                t('planning.weekRange', { from: fromDayPicker(d), to: addDays(fromDayPicker(d), 6) })
              }
              style={{ width: 230 }}
              data-testid="planning-week"
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<CaretRightOutlined />}
              loading={busy}
              data-testid="planning-start"
            >
              {t('planning.start')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      <Card
        variant="borderless"
        style={{ marginBottom: 16 }}
        title={
          current
            ? t('planning.current', {
                week: t('planning.weekRange', { from: current.weekStart, to: addDays(current.weekStart, 6) }),
              })
            : null
        }
        extra={
          current ? (
            <Space>
              {current.state === 'running' ? (
                <Popconfirm title={t('planning.cancelConfirm')} onConfirm={() => cancel(current)}>
                  <Button danger icon={<StopOutlined />} disabled={busy} data-testid="planning-cancel">
                    {t('planning.cancel')}
                  </Button>
                </Popconfirm>
              ) : null}
              {current.counts.failed + current.counts.cancelled > 0 ? (
                <Button
                  icon={<RedoOutlined />}
                  disabled={busy}
                  onClick={() => retry(current)}
                  data-testid="planning-retry"
                >
                  {t('planning.retry')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
        data-testid="planning-run"
        data-state={current?.state}
      >
        {s.run && runQ.error ? <QueryError error={runQ.error} onRetry={() => runQ.refetch()} /> : null}
        {current ? (
          <RunProgress run={current} />
        ) : (
          <Typography.Text type="secondary">{t('planning.pickRun')}</Typography.Text>
        )}
      </Card>

      <Card
        variant="borderless"
        title={t('planning.history')}
        extra={<ExportButton list="/planning/runs" filename="planning-runs.xlsx" />}
      >
        <QueryTable<PlanningRunSummary>
          query={list}
          columns={historyColumns}
          scroll={{ x: 1000 }}
          empty={t('planning.historyEmpty')}
          rowClassName={(r) => (r.id === current?.id ? 'ant-table-row-selected' : '')}
          data-testid="planning-history"
          {...table}
        />
      </Card>
    </>
  );
}

const STEP_ICON = {
  finish: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  process: <LoadingOutlined style={{ color: '#1677ff' }} />,
  error: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  wait: <ClockCircleOutlined className="ld-muted" />,
  skipped: <MinusCircleOutlined className="ld-muted" />,
};

/** An outlet's way through forecast → requirement → roster: each step done, running, failed, waiting or skipped. */
function StepTrail({ outlet: o, steps }: { outlet: PlanningOutlet; steps: PlanningStep[] }) {
  const { t } = useI18n();
  return (
    <span className="ld-nowrap" data-testid={`steps-${o.outletCode}`} data-done={o.stepsDone}>
      {PLANNING_STEPS.map((step, i) => {
        const status = !steps.includes(step)
          ? 'skipped'
          : i < o.stepsDone
            ? 'finish'
            : i === o.stepsDone && o.state === 'failed'
              ? 'error'
              : i === o.stepsDone && o.state === 'active'
                ? 'process'
                : 'wait';
        const name = t(`planning.step.${step}` as MessageKey);
        return (
          <span key={step} data-step={step} data-status={status}>
            {i ? <span className="ld-muted"> → </span> : null}
            <Tooltip title={status === 'skipped' ? t('planning.stepsSkipped', { steps: name }) : undefined}>
              <span className={status === 'wait' || status === 'skipped' ? 'ld-muted' : undefined}>
                {STEP_ICON[status]} {name}
              </span>
            </Tooltip>
          </span>
        );
      })}
    </span>
  );
}

/** One run: who started it, the counts, and each outlet's state and steps. */
function RunProgress({ run }: { run: PlanningRun }) {
  const { t, formatDateTime, formatNumber, formatPercent } = useI18n();
  const stepName = (s: PlanningStep) => t(`planning.step.${s}` as MessageKey);
  const skipped = PLANNING_STEPS.filter((s) => !run.steps.includes(s));

  const columns: TableProps<PlanningOutlet>['columns'] = [
    {
      title: t('planning.outlet'),
      dataIndex: 'outletName',
      width: 140,
      render: (v: string, o) => (
        <div className="ld-two-line">
          <span>{v}</span>
          <span className="ld-muted ld-mono">{o.outletCode}</span>
        </div>
      ),
    },
    {
      title: t('planning.state'),
      dataIndex: 'state',
      width: 150,
      render: (v: PlanningOutlet['state'], o) => (
        <div className="ld-two-line">
          <span>
            <JobStateTag state={v} />
          </span>
          <span className="ld-muted ld-nowrap">{o.completedAt ? formatDateTime(o.completedAt) : ''}</span>
        </div>
      ),
    },
    {
      title: t('planning.progress'),
      key: 'steps',
      width: 300,
      render: (_: unknown, o) => <StepTrail outlet={o} steps={run.steps} />,
    },
    {
      title: t('planning.result'),
      key: 'result',
      width: 240,
      render: (_: unknown, o) => {
        const f = o.results.forecast?.summary;
        const r = o.results.requirement?.summary;
        const ro = o.results.roster?.summary;
        const lines = [
          typeof f?.arrivals === 'number'
            ? t('planning.summary.arrivals', { n: formatNumber(f.arrivals) })
            : null,
          typeof r?.peakPeople === 'number'
            ? t('planning.summary.people', { n: formatNumber(r.peakPeople) })
            : null,
          typeof r?.personHours === 'number'
            ? t('planning.summary.personHours', { n: formatNumber(r.personHours) })
            : null,
          typeof ro?.status === 'string' && typeof ro.version === 'number'
            ? t('planning.summary.roster', {
                v: formatNumber(ro.version),
                status: t(`planning.rosterStatus.${ro.status as SolverStatus}`, {
                  gap: typeof ro.gap === 'number' ? formatPercent(ro.gap) : '—',
                }),
              })
            : null,
        ].filter(Boolean);
        return lines.length ? <span>{lines.join(' · ')}</span> : <span className="ld-muted">—</span>;
      },
    },
    {
      title: t('planning.attempts'),
      dataIndex: 'attempts',
      width: 90,
      align: 'right',
      render: (v: number, o) => `${formatNumber(v)}/${formatNumber(o.maxAttempts)}`,
    },
    {
      title: t('planning.error'),
      dataIndex: 'error',
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v}>
            <Typography.Text type="danger" data-testid="outlet-error">
              {v}
            </Typography.Text>
          </Tooltip>
        ) : (
          <span className="ld-muted">—</span>
        ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={RUN_COLOUR[run.state]} data-testid="run-state">
          {t(`planning.runState.${run.state}` as MessageKey)}
        </Tag>
        <Typography.Text data-testid="run-counts">{t('planning.counts', run.counts)}</Typography.Text>
        <Typography.Text type="secondary">
          {t('planning.createdBy', { name: run.createdByName, at: formatDateTime(run.createdAt) })}
          {run.finishedAt ? ` · ${t('planning.finishedAt', { at: formatDateTime(run.finishedAt) })}` : ''}
        </Typography.Text>
        {run.state === 'running' ? (
          <Typography.Text type="secondary">· {t('planning.polling')}</Typography.Text>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('planning.stepsRun', { steps: run.steps.map(stepName).join(' → ') })}
        {skipped.length ? t('planning.stepsSkipped', { steps: skipped.map(stepName).join('、') }) : null}
      </Typography.Paragraph>
      <Table<PlanningOutlet>
        rowKey="outletId"
        size="middle"
        dataSource={run.outlets}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1040 }}
        locale={{ emptyText: t('planning.noOutlets') }}
        data-testid="planning-outlets"
      />
    </>
  );
}

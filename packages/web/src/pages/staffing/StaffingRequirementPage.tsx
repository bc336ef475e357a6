import { addDays } from '@liangdian/engine/time';
import type { RequirementCell, RequirementDay, StaffingRequirement } from '@liangdian/shared/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { Chart, type ChartOption, tooltipLines } from '../../components/Chart';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUrlState } from '../../components/useUrlState';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { beijingToday } from '../../time';
import { LobbyNav } from '../lobby/LobbyNav';
import { weekdayOf } from '../lobby/PlanApi';
import { useOutlet } from '../outlets/OutletDetailPage';

const COLOURS = ['#2f5597', '#5b9bd5', '#70ad47', '#ffc000', '#ed7d31', '#a5a5a5', '#7e57c2', '#26a69a'];
const DIFF_BG = '#fff7cc';

/** The Monday of the week `day` is in. */
export const mondayOf = (day: string): string => addDays(day, -weekdayOf(day));

export const requirementKey = (outletId: string, from: string) => ['staffing', outletId, 'requirement', from];

interface Column {
  key: string;
  title: string;
  cell: (s: RequirementDay['slots'][number]) => RequirementCell | null;
}

/** 人员需求: per half hour, the people each zone and fixed post needs, Erlang against the simulation. */
export function StaffingRequirementPage() {
  const { outletId = '' } = useParams();
  const { t, formatNumber, formatPercent } = useI18n();
  const outlet = useOutlet(outletId);
  const [s, set] = useUrlState(['week', 'day'] as const);
  const thisWeek = mondayOf(beijingToday());
  const from = /^\d{4}-\d{2}-\d{2}$/.test(s.week) ? mondayOf(s.week) : thisWeek;
  const q = useQuery({
    queryKey: requirementKey(outletId, from),
    queryFn: () =>
      api.get('/outlets/:outletId/staffing/requirement', { params: { outletId }, query: { from, days: 7 } }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const r = q.data;
  const dayIndex = Math.min(6, Math.max(0, Number(s.day || weekdayOf(beijingToday()))));
  const day = r?.days[dayIndex];
  const columns = useMemo(() => (r ? columnsOf(r, t) : []), [r, t]);
  const name = outlet.data?.name ?? '';

  return (
    <>
      <PageHeader
        title={t('staffing.title')}
        subTitle={name}
        crumbs={[{ title: t('nav.lobby'), to: `/lobby/${outletId}` }, { title: t('staffing.title') }]}
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <LobbyNav outletId={outletId} active="staffing" />
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => set({ week: addDays(from, -7) })} data-testid="week-prev">
            {t('staffing.prevWeek')}
          </Button>
          <Button onClick={() => set({ week: null })} disabled={from === thisWeek} data-testid="week-this">
            {t('staffing.thisWeek')}
          </Button>
          <Button onClick={() => set({ week: addDays(from, 7) })} data-testid="week-next">
            {t('staffing.nextWeek')}
          </Button>
          <Typography.Text strong data-testid="week-range">
            {t('staffing.week', { from, to: addDays(from, 6) })}
          </Typography.Text>
          <ExportButton
            list="/outlets/:outletId/staffing/requirement"
            params={{ outletId }}
            query={{ from, days: 7 }}
            filename={`staffing-requirement-${outlet.data?.code ?? outletId}-${from}.xlsx`}
          />
        </Space>
        {r ? (
          <Typography.Paragraph type="secondary">
            {t('staffing.intro', { sl: formatPercent(r.serviceLevelTarget), wait: r.targetWaitMinutes })}
          </Typography.Paragraph>
        ) : null}
        <Segmented
          value={dayIndex}
          onChange={(v) => set({ day: String(v) }, false)}
          options={Array.from({ length: 7 }, (_, i) => ({
            value: i,
            label: (
              <span data-testid={`day-${i}`}>
                {t(`lobby.setup.weekday.${i}` as MessageKey)} {addDays(from, i).slice(5)}
                {r?.days[i]?.differences ? (
                  <Tag color="gold" style={{ marginLeft: 4 }}>
                    {r.days[i]!.differences}
                  </Tag>
                ) : null}
              </span>
            ),
          }))}
          style={{ marginBottom: 12 }}
          data-testid="day-picker"
        />
        {q.error ? <QueryError error={q.error} onRetry={() => q.refetch()} /> : null}
        {q.isFetching ? (
          <Alert
            type="info"
            showIcon
            icon={<Spin size="small" />}
            message={t('staffing.running')}
            data-testid="staffing-running"
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {r && day ? (
          <div data-testid="staffing-requirement">
            <Space wrap style={{ marginBottom: 8 }}>
              <Tag color="blue">{t(`staffing.source.${day.source}` as MessageKey)}</Tag>
              <Tag>{day.calibrated ? t('staffing.calibrated') : t('staffing.notCalibrated')}</Tag>
              <Tag color={day.differences ? 'gold' : 'green'} data-testid="day-differences">
                {day.differences
                  ? t('staffing.differences', { n: day.differences })
                  : t('staffing.noDifferences')}
              </Tag>
              <Tag color={day.met ? 'green' : 'red'}>
                {day.met ? t('staffing.met') : t('staffing.notMet')}
              </Tag>
            </Space>
            <Chart option={chartOf(day, columns, t, formatNumber)} height={300} testId="staffing-chart" />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
              {t('staffing.legend')}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="slot"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={day.slots}
              data-testid="staffing-table"
              columns={[
                {
                  title: t('staffing.slot'),
                  key: 'slot',
                  fixed: 'left',
                  render: (_, x) => `${x.start}–${x.end}`,
                },
                {
                  title: t('staffing.mode'),
                  key: 'mode',
                  render: (_, x) => (
                    <Tag color={x.mode === 'fixed' ? 'blue' : 'purple'}>
                      {t(`staffing.mode.${x.mode}` as MessageKey)}
                    </Tag>
                  ),
                },
                ...columns.map((c) => ({
                  title: (
                    <span>
                      {c.title}
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                        {t('staffing.cellHint')}
                      </Typography.Text>
                    </span>
                  ),
                  key: c.key,
                  onCell: (x: RequirementDay['slots'][number]) => ({
                    style: c.cell(x)?.differs ? { background: DIFF_BG } : {},
                    'data-differs': c.cell(x)?.differs ? 'true' : 'false',
                  }),
                  render: (_: unknown, x: RequirementDay['slots'][number]) => {
                    const v = c.cell(x);
                    return v ? <CellView cell={v} /> : '—';
                  },
                })),
                {
                  title: t('staffing.total'),
                  key: 'total',
                  render: (_, x) => (
                    <strong>
                      {x.total.erlang ?? '—'} / {x.total.simulated}
                    </strong>
                  ),
                },
              ]}
            />
          </div>
        ) : null}
      </Card>
    </>
  );
}

function CellView({ cell }: { cell: RequirementCell }) {
  const { t, formatNumber, formatPercent } = useI18n();
  const lines = [
    t('staffing.arrivals', { n: formatNumber(Math.round(cell.arrivalsPerHour * 10) / 10) }),
    cell.erlangServiceLevel !== null
      ? t('staffing.slErlang', { p: formatPercent(cell.erlangServiceLevel) })
      : null,
    cell.simulatedServiceLevel !== null
      ? t('staffing.slSimulated', { p: formatPercent(cell.simulatedServiceLevel) })
      : null,
    cell.reason ? t(`staffing.reason.${cell.reason}` as MessageKey) : null,
  ].filter((x): x is string => x !== null);
  return (
    <Tooltip title={lines.map((l) => <div key={l}>{l}</div>)}>
      <span>
        {cell.erlang ?? '—'} / <strong>{cell.simulated}</strong>
      </span>
    </Tooltip>
  );
}

function columnsOf(r: StaffingRequirement, t: (k: MessageKey) => string): Column[] {
  const cols: Column[] = r.zones.map((z, i) => ({
    key: z.id,
    title: z.name,
    cell: (s) => s.zones[i] ?? null,
  }));
  cols.push({ key: 'welcome', title: t('staffing.welcome'), cell: (s) => s.welcome });
  if (r.superCounterZone)
    cols.push({ key: 'superCounter', title: t('staffing.superCounter'), cell: (s) => s.superCounter });
  return cols;
}

function chartOf(
  day: RequirementDay,
  columns: Column[],
  t: (k: MessageKey) => string,
  formatNumber: (n: number) => string,
): ChartOption {
  const labels = day.slots.map((s) => s.start);
  const erlangName = t('staffing.chart.erlangTotal');
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const s = day.slots[i];
        if (!s) return '';
        return tooltipLines(
          `${s.start}–${s.end}`,
          ...columns.map((c) => {
            const v = c.cell(s);
            return v ? `${c.title}: ${v.erlang ?? '—'} / ${v.simulated}` : '';
          }),
          `${erlangName}: ${s.total.erlang === null ? '—' : formatNumber(s.total.erlang)}`,
          `${t('staffing.chart.simulatedTotal')}: ${formatNumber(s.total.simulated)}`,
        );
      },
    },
    legend: { top: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels },
    yAxis: {
      type: 'value',
      name: t('staffing.chart.axis'),
      minInterval: 1,
      nameTextStyle: { align: 'left' },
    },
    series: [
      ...columns.map((c, i) => ({
        type: 'bar',
        name: c.title,
        stack: 'simulated',
        data: day.slots.map((s) => c.cell(s)?.simulated ?? 0),
        itemStyle: { color: COLOURS[i % COLOURS.length] },
        barMaxWidth: 28,
      })),
      {
        type: 'line',
        name: erlangName,
        data: day.slots.map((s) => s.total.erlang),
        step: 'middle',
        symbol: 'none',
        itemStyle: { color: '#c00000' },
        lineStyle: { width: 2, type: 'dashed' },
      },
    ],
  };
}

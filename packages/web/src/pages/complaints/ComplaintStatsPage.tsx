import type { ComplaintReportRow, ComplaintStatsBucket } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Row, Segmented, Statistic, Table } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { OutletFilter } from '../../components/OutletSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { beijingToday, dayPickerValue, fromDayPicker } from '../../time';
import { Chart, type ChartOption } from '../../components/Chart';
import { shareOf } from '../../components/format';
import { bilingual } from './shared';

const KEYS = ['from', 'to', 'outletId'] as const;
const RED = '#b8322f';
/** Slices of the share chart before the rest is one "others" slice (its legend fits beside it). */
const PIE_SLICES = 8;
const PALETTE = ['#b8322f', '#4b5a78', '#d4883e', '#5b8c6e', '#7d6bb0', '#3f8fb5', '#c9a227', '#9a9fae'];

export function ComplaintStatsPage() {
  const { t, locale, formatNumber, formatPercent } = useI18n();
  // the last twelve months, from the first of the month eleven months before today in Beijing
  const defaults = {
    from: fromDayPicker(dayPickerValue(beijingToday()).subtract(11, 'month').startOf('month')),
    to: '',
  };
  const [s, set] = useUrlState(KEYS, defaults);
  const [dim, setDim] = useState<'category' | 'cause' | 'channel'>('category');
  const filters = { from: s.from, to: s.to, outletId: s.outletId };
  const stats = useQuery({
    queryKey: ['complaints', 'stats', filters],
    queryFn: () => api.get('/complaints/stats', { query: filters }),
  });
  const report = useQuery({
    queryKey: ['complaints', 'report', filters],
    queryFn: () => api.get('/complaints/report', { query: filters }),
  });
  const name = (b: ComplaintStatsBucket) => bilingual(b, locale);
  const d = stats.data;
  // Art. 18 is judged once the complainant is told, or as soon as the decision is late
  const judged = (d?.onTime ?? 0) + (d?.lateDecision ?? 0) + (d?.lateInform ?? 0);

  const monthOption = useMemo<ChartOption>(
    () => ({
      color: [RED],
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: (d?.byMonth ?? []).map((b) => b.key) },
      yAxis: { type: 'value', minInterval: 1 },
      // one series: the complaints received each month (a line over the same bars drew it twice)
      series: [
        {
          type: 'bar',
          name: t('stats.count'),
          data: (d?.byMonth ?? []).map((b) => b.count),
          barMaxWidth: 28,
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [d, t],
  );
  const barOption = (items: ComplaintStatsBucket[]): ChartOption => {
    const sorted = [...items].sort((a, b) => a.count - b.count).slice(-10);
    return {
      color: ['#4b5a78'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: sorted.map(name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: sorted.map((b) => b.count),
          barMaxWidth: 18,
          label: { show: true, position: 'right' },
        },
      ],
    };
  };
  const pieOption = (items: ComplaintStatsBucket[]): ChartOption => {
    // The eight largest and the rest as one slice: the legend beside the ring fits at 1366 px
    // without a pager, each name shortened to its width (the tooltip says it whole).
    const top = [...items].sort((a, b) => b.count - a.count);
    const shown = top.slice(0, PIE_SLICES);
    const rest = top.slice(PIE_SLICES).reduce((n, b) => n + b.count, 0);
    const data = shown.map((b) => ({ name: name(b), value: b.count }));
    if (rest) data.push({ name: t('stats.others'), value: rest });
    const total = data.reduce((n, x) => n + x.value, 0);
    return {
      color: PALETTE,
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const x = p as { name: string; value: number };
          return `${x.name}: ${formatNumber(x.value)} (${formatPercent(shareOf(x.value, total))})`;
        },
      },
      legend: {
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemWidth: 12,
        itemHeight: 10,
        textStyle: { width: 104, overflow: 'truncate' },
      },
      series: [
        {
          type: 'pie',
          radius: ['40%', '66%'],
          center: ['32%', '50%'],
          label: { show: false },
          data,
        },
      ],
    };
  };

  const dimItems = d ? (dim === 'category' ? d.byCategory : dim === 'cause' ? d.byCause : d.byChannel) : [];
  const empty = d && d.total === 0;

  return (
    <>
      <PageHeader
        title={t('stats.title')}
        crumbs={[{ title: t('nav.group.complaints') }, { title: t('nav.complaintStats') }]}
        extra={<ExportButton list="/complaints/stats" query={filters} filename="complaint-stats.xlsx" />}
      />
      <Card variant="borderless" className="ld-card">
        <div className="ld-filters" style={{ marginBottom: 0 }}>
          <DatePicker.RangePicker
            value={[s.from ? dayPickerValue(s.from) : null, s.to ? dayPickerValue(s.to) : null]}
            allowEmpty={[true, true]}
            onChange={(v) =>
              set({
                from: v?.[0] ? fromDayPicker(v[0]) : '',
                to: v?.[1] ? fromDayPicker(v[1]) : '',
              })
            }
            placeholder={[t('complaints.receivedFrom'), t('complaints.receivedTo')]}
          />
          <OutletFilter value={s.outletId} onChange={(v) => set({ outletId: v })} />
        </div>
      </Card>
      <QueryError error={stats.error} onRetry={() => stats.refetch()} />
      <Row gutter={[16, 16]} className="ld-stat-cards" style={{ marginBottom: 16 }}>
        <Col xs={12} lg={8} xl={{ flex: '20%' }}>
          <Card variant="borderless" loading={stats.isLoading}>
            <Statistic title={t('stats.total')} value={d?.total ?? 0} data-testid="stat-total" />
          </Card>
        </Col>
        <Col xs={12} lg={8} xl={{ flex: '20%' }}>
          <Card variant="borderless" loading={stats.isLoading}>
            <Statistic title={t('stats.decided')} value={d?.decided ?? 0} />
          </Card>
        </Col>
        <Col xs={12} lg={8} xl={{ flex: '20%' }}>
          <Card variant="borderless" loading={stats.isLoading} data-testid="stat-on-time">
            <Statistic
              title={t('stats.onTimeRate')}
              value={formatPercent(d?.onTimeRate)}
              styles={{ content: { color: (d?.onTimeRate ?? 1) < 0.95 ? '#cf1322' : '#389e0d' } }}
            />
            <div className="ld-muted" style={{ fontSize: 12 }}>
              {t('stats.onTimeOf', { n: formatNumber(d?.onTime ?? 0), m: formatNumber(judged) })}
            </div>
            <div className="ld-muted" style={{ fontSize: 12 }} data-testid="stat-art18-missed">
              {t('stats.art18Missed', {
                a: formatNumber(d?.lateDecision ?? 0),
                b: formatNumber(d?.lateInform ?? 0),
              })}
            </div>
          </Card>
        </Col>
        <Col xs={12} lg={8} xl={{ flex: '20%' }}>
          <Card variant="borderless" loading={stats.isLoading}>
            <Statistic
              title={t('stats.meanDays')}
              value={
                d?.meanDaysToDecision === null || d?.meanDaysToDecision === undefined
                  ? '—'
                  : d.meanDaysToDecision.toFixed(1)
              }
              suffix={d?.meanDaysToDecision === null ? undefined : t('stats.days')}
            />
          </Card>
        </Col>
        <Col xs={12} lg={8} xl={{ flex: '20%' }}>
          <Card variant="borderless" loading={stats.isLoading} data-testid="stat-forwarding">
            <Statistic
              title={t('stats.forwardedLate')}
              value={formatNumber(d?.forwarding.late ?? 0)}
              styles={{ content: { color: (d?.forwarding.late ?? 0) > 0 ? '#cf1322' : undefined } }}
            />
            <div className="ld-muted" style={{ fontSize: 12 }}>
              {t('stats.forwardedLateOf', {
                n: formatNumber(d?.forwarding.regulatorCases ?? 0),
                pct: formatPercent(shareOf(d?.forwarding.late ?? 0, d?.forwarding.regulatorCases ?? 0)),
              })}
            </div>
          </Card>
        </Col>
      </Row>
      {empty ? (
        <Card variant="borderless">
          <Empty description={t('stats.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card variant="borderless" title={t('stats.byMonth')}>
              <Chart option={monthOption} testId="chart-month" />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card
              variant="borderless"
              title={t('stats.share')}
              extra={
                <Segmented
                  size="small"
                  value={dim}
                  onChange={(v) => setDim(v as typeof dim)}
                  options={[
                    { value: 'category', label: t('complaints.category') },
                    { value: 'cause', label: t('complaints.cause') },
                    { value: 'channel', label: t('complaints.channel') },
                  ]}
                />
              }
            >
              <Chart option={pieOption(dimItems)} testId="chart-share" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card variant="borderless" title={t('stats.byCause')}>
              <Chart option={barOption(d?.byCause ?? [])} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card variant="borderless" title={t('stats.byOutlet')}>
              <Chart option={barOption(d?.byOutlet ?? [])} />
            </Card>
          </Col>
        </Row>
      )}
      <Card
        variant="borderless"
        title={t('stats.report')}
        style={{ marginTop: 16 }}
        extra={<ExportButton list="/complaints/report" query={filters} filename="complaint-report.xlsx" />}
      >
        <QueryError error={report.error} onRetry={() => report.refetch()} />
        <Table<ComplaintReportRow>
          rowKey={(r) => `${r.category}-${r.cause}-${r.channel}`}
          size="small"
          loading={report.isLoading}
          dataSource={report.data?.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 600 }}
          data-testid="report-table"
          columns={[
            {
              title: t('complaints.category'),
              key: 'cat',
              render: (_: unknown, r) => bilingual(r.categoryName, locale),
            },
            {
              title: t('complaints.cause'),
              key: 'cause',
              render: (_: unknown, r) => bilingual(r.causeName, locale),
            },
            {
              title: t('complaints.channel'),
              key: 'ch',
              render: (_: unknown, r) => bilingual(r.channelName, locale),
            },
            {
              title: t('stats.count'),
              dataIndex: 'count',
              align: 'right',
              width: 90,
              sorter: (a, b) => a.count - b.count,
              render: (v: number) => formatNumber(v),
            },
          ]}
          // 合计: the total of every row (the server's), not of the page shown
          summary={() =>
            report.data ? (
              <Table.Summary.Row data-testid="report-total">
                <Table.Summary.Cell index={0} colSpan={3}>
                  <strong>{t('stats.sum')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <strong>{formatNumber(report.data.total)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}

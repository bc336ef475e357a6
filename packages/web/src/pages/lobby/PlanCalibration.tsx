import type { Calibration } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Segmented, Skeleton, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { Chart, type ChartOption } from '../../components/Chart';
import { fixedFormatter } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { type MessageKey, useI18n } from '../../i18n/i18n';

type Slot = NonNullable<Calibration['backtest']>['slots'][number];
const grid = { left: 8, right: 8, top: 40, bottom: 8, containLabel: true };

/** 校准与回测: the inputs fitted on the outlet's own tickets and how well they predicted last week. */
export function PlanCalibration({ outletId }: { outletId: string }) {
  const { t, locale, formatNumber, formatPercent } = useI18n();
  const [arrivals, setArrivals] = useState<'observed' | 'fit'>('observed');
  const q = useQuery({
    queryKey: ['lobby-calibration', outletId, arrivals],
    queryFn: () =>
      api.get('/outlets/:outletId/lobby/calibration', { params: { outletId }, query: { arrivals } }),
    retry: false,
    staleTime: 60_000,
  });
  const c = q.data;
  // minutes with two decimals ("6.20"), counts as they are
  const fixed2 = useMemo(() => fixedFormatter(locale, 2), [locale]);
  const num = (v: number | null | undefined, d = 2) => (d === 0 ? formatNumber(v) : fixed2(v));
  const err = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${formatPercent(v)}`);

  const arrivalsOption = useMemo<ChartOption | null>(() => {
    if (!c) return null;
    const profile = c.arrivals.find((a) => a.key === 'weekday') ?? c.arrivals[0];
    if (!profile) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid,
      xAxis: { type: 'category', data: c.slots },
      yAxis: { type: 'value', name: t('lobby.calib.perHour') },
      series: c.businessTypes.map((b) => ({
        type: 'bar',
        stack: 'a',
        name: b,
        data: (profile.perType[b] ?? []).map((x) => Math.round(x * 10) / 10),
      })),
    };
  }, [c, t]);

  const patienceOption = useMemo<ChartOption | null>(() => {
    if (!c) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'value', name: t('lobby.calib.minutes'), max: 60 },
      yAxis: { type: 'value', min: 0, max: 1, name: t('lobby.calib.stillWaiting') },
      series: [
        {
          type: 'line',
          name: t('lobby.calib.survival'),
          step: 'end',
          symbol: 'none',
          data: c.patience.pooled.curve.map((p) => [p.minutes, p.survival]),
        },
      ],
    };
  }, [c, t]);

  const countersOption = useMemo<ChartOption | null>(() => {
    if (!c) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid,
      xAxis: { type: 'category', data: c.slots },
      yAxis: { type: 'value', name: t('lobby.calib.countersOpen') },
      series: c.counters.zones.map((z) => ({
        type: 'line',
        step: 'middle',
        name: z.zoneName,
        symbol: 'none',
        data: z.weekday ?? [],
      })),
    };
  }, [c, t]);

  const backtestOption = useMemo<ChartOption | null>(() => {
    const b = c?.backtest;
    if (!b) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', data: b.slots.map((s) => s.start) },
      yAxis: { type: 'value', name: t('lobby.calib.minutes') },
      series: [
        {
          type: 'bar',
          name: t('lobby.calib.actual'),
          data: b.slots.map((s) => s.actual.meanWaitMinutes),
          barMaxWidth: 14,
        },
        {
          type: 'bar',
          name: t('lobby.calib.predicted'),
          data: b.slots.map((s) => s.predicted.meanWaitMinutes),
          barMaxWidth: 14,
        },
      ],
    };
  }, [c, t]);

  if (q.isPending) return <Skeleton active />;
  if (q.error) {
    const code = (q.error as { code?: string }).code;
    if (code === 'LOBBY_CALIBRATION_TOO_THIN')
      return (
        <Alert
          type="info"
          showIcon
          message={(q.error as { detail?: string }).detail}
          data-testid="calib-thin"
        />
      );
    return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  }
  if (!c) return <Skeleton active />;
  const b = c.backtest;
  const within = (e: number | null) => e !== null && Math.abs(e) <= (b?.goal ?? 0.2);
  const dayClass = (k: string) => t(`lobby.calib.class.${k}` as MessageKey);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="calibration">
      <Card size="small" title={t('lobby.calib.backtest')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            value={arrivals}
            onChange={(v) => setArrivals(v as 'observed' | 'fit')}
            options={[
              { value: 'observed', label: t('lobby.calib.arrivals.observed') },
              { value: 'fit', label: t('lobby.calib.arrivals.fit') },
            ]}
          />
          {b ? (
            <>
              <Alert
                type={b.meetsGoal ? 'success' : 'warning'}
                showIcon
                data-testid="calib-overall"
                message={t(b.meetsGoal ? 'lobby.calib.goalMet' : 'lobby.calib.goalMissed', {
                  goal: formatPercent(b.goal),
                })}
                description={
                  <Space wrap>
                    <Tag color={within(b.overall.error.meanWait) ? 'green' : 'orange'}>
                      {t('lobby.calib.meanWait')}: {num(b.overall.actual.meanWaitMinutes)} →{' '}
                      {num(b.overall.predicted.meanWaitMinutes)} ({err(b.overall.error.meanWait)})
                    </Tag>
                    <Tag color={within(b.overall.error.abandonment) ? 'green' : 'orange'}>
                      {t('lobby.calib.abandonment')}: {formatPercent(b.overall.actual.abandonment ?? 0)} →{' '}
                      {formatPercent(b.overall.predicted.abandonment ?? 0)} (
                      {err(b.overall.error.abandonment)})
                    </Tag>
                    <Tag>
                      {t('lobby.calib.serviceLevel')}: {formatPercent(b.overall.actual.serviceLevel ?? 0)} →{' '}
                      {formatPercent(b.overall.predicted.serviceLevel ?? 0)} (
                      {err(b.overall.error.serviceLevel)})
                    </Tag>
                    <span>
                      {t('lobby.calib.windows', {
                        fitFrom: b.fit.from,
                        fitTo: b.fit.to,
                        testFrom: b.test.from,
                        testTo: b.test.to,
                      })}
                    </span>
                  </Space>
                }
              />
              {backtestOption && <Chart option={backtestOption} height={240} testId="calib-chart-backtest" />}
              <Table<Slot>
                size="small"
                rowKey="start"
                pagination={false}
                data-testid="calib-table"
                dataSource={b.slots}
                columns={[
                  { title: t('lobby.calib.slot'), render: (_, s) => `${s.start}–${s.end}` },
                  {
                    title: t('lobby.calib.tickets'),
                    align: 'right',
                    render: (_, s) => num(s.actual.tickets, 0),
                  },
                  {
                    title: t('lobby.calib.waitActual'),
                    align: 'right',
                    render: (_, s) => num(s.actual.meanWaitMinutes),
                  },
                  {
                    title: t('lobby.calib.waitPredicted'),
                    align: 'right',
                    render: (_, s) => num(s.predicted.meanWaitMinutes),
                  },
                  { title: t('lobby.calib.error'), align: 'right', render: (_, s) => err(s.error.meanWait) },
                  {
                    title: t('lobby.calib.abandonActual'),
                    align: 'right',
                    render: (_, s) => formatPercent(s.actual.abandonment ?? 0),
                  },
                  {
                    title: t('lobby.calib.abandonPredicted'),
                    align: 'right',
                    render: (_, s) => formatPercent(s.predicted.abandonment ?? 0),
                  },
                  {
                    title: t('lobby.calib.error'),
                    align: 'right',
                    render: (_, s) => err(s.error.abandonment),
                  },
                ]}
              />
            </>
          ) : (
            <Alert type="info" showIcon message={t('lobby.calib.noBacktest')} />
          )}
        </Space>
      </Card>
      <Card
        size="small"
        title={t('lobby.calib.inputs', {
          from: c.window.from,
          to: c.window.to,
          tickets: formatNumber(c.window.tickets),
        })}
      >
        <Descriptions size="small" column={3}>
          {c.hours.map((h) => (
            <Descriptions.Item key={h.dayClass} label={dayClass(h.dayClass)}>
              {h.open}–{h.close}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <h4>{t('lobby.calib.arrivalsChart')}</h4>
            {arrivalsOption && <Chart option={arrivalsOption} height={240} testId="calib-chart-arrivals" />}
          </Col>
          <Col xs={24} lg={12}>
            <h4>{t('lobby.calib.patienceChart')}</h4>
            {patienceOption && <Chart option={patienceOption} height={240} testId="calib-chart-patience" />}
          </Col>
          <Col xs={24} lg={12}>
            <h4>{t('lobby.calib.countersChart')}</h4>
            {countersOption && <Chart option={countersOption} height={240} testId="calib-chart-counters" />}
          </Col>
          <Col xs={24} lg={12}>
            <h4>{t('lobby.calib.serviceTable')}</h4>
            <Table
              size="small"
              rowKey="businessType"
              pagination={false}
              dataSource={c.service}
              columns={[
                { title: t('lobby.calib.type'), dataIndex: 'businessType' },
                { title: 'n', align: 'right', render: (_, s) => num(s.n, 0) },
                { title: t('lobby.calib.mean'), align: 'right', render: (_, s) => num(s.mean) },
                { title: t('lobby.calib.median'), align: 'right', render: (_, s) => num(s.median) },
                { title: 'P90', align: 'right', render: (_, s) => num(s.p90) },
                {
                  title: t('lobby.calib.byPeriod'),
                  render: (_, s) =>
                    s.byPeriod.map((p) => `${p.from}–${p.to} ${num(p.mean)}`).join('; ') || '—',
                },
              ]}
            />
          </Col>
        </Row>
      </Card>
    </Space>
  );
}

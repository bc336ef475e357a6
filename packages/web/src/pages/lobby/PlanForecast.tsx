import { addDays } from '@liangdian/engine/time';
import type { LobbyForecast } from '@liangdian/shared/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { Chart, type ChartOption, tooltipLines } from '../../components/Chart';
import { QueryError } from '../../components/QueryError';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { businessTypeName, useBusinessTypes } from '../business-types/useBusinessTypes';
import { slotLabel, weekdayOf } from './PlanApi';

const HISTORY = '#9aa7bf';
const FORECAST = '#2f5597';
const BAND = 'rgba(47, 85, 151, 0.18)';
const WEEKS = [1, 2, 4, 8] as const;

type Band = { mean: number; low: number; high: number };
interface Point {
  label: string;
  day: string;
  actual: number | null;
  band: Band | null;
}

export const forecastKey = (outletId: string, weeks: number) => ['lobby', outletId, 'forecast', weeks];

/**
 * 客流预测: the outlet's arrivals, history and forecast with its 80% band, by day or by half hour,
 * for one business type or all; the backtest of both models and which is used, why.
 */
export function PlanForecast({ outletId }: { outletId: string }) {
  const { t, locale, formatNumber, formatPercent } = useI18n();
  const [weeks, setWeeks] = useState<number>(4);
  const [type, setType] = useState<string>('');
  const [view, setView] = useState<'day' | 'slot'>('day');
  const [focusDay, setFocusDay] = useState<string | null>(null);
  const types = useBusinessTypes();
  const q = useQuery({
    queryKey: forecastKey(outletId, weeks),
    queryFn: () => api.get('/outlets/:outletId/lobby/forecast', { params: { outletId }, query: { weeks } }),
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  const f = q.data;
  const typeName = (code: string) => {
    const bt = types.data?.items.find((b) => b.code === code);
    return bt ? businessTypeName(bt, locale) : code;
  };
  const typeIndex = f && type ? f.businessTypes.indexOf(type) : -1;
  const points = useMemo(
    () => (f ? series(f, view, typeIndex, (w) => t(`lobby.setup.weekday.${w}` as MessageKey)) : []),
    [f, view, typeIndex, t],
  );
  const option = useMemo<ChartOption | null>(() => {
    if (!f) return null;
    const labels = points.map((p) => p.label);
    const start = points.findIndex((p) => p.day >= f.forecast.from);
    let from = Math.max(0, start - (view === 'day' ? 28 : 7 * slotsPerDay(points)));
    let to = Math.min(points.length - 1, start + (view === 'day' ? 7 * weeks : 7 * slotsPerDay(points)));
    if (view === 'slot' && focusDay) {
      const i = points.findIndex((p) => p.day === focusDay);
      const j = points.findLastIndex((p) => p.day === focusDay);
      if (i >= 0) [from, to] = [i, j];
    }
    const bandName = t('lobby.forecast.band', { p: formatPercent(f.forecast.bandLevel) });
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const p = points[i];
          if (!p) return '';
          const rows: string[] = [view === 'day' ? `${p.label} ${dayTypeText(f, p.day, t)}` : p.label];
          if (p.actual !== null) rows.push(`${t('lobby.forecast.history')}: ${formatNumber(p.actual)}`);
          if (p.band)
            rows.push(
              `${t('lobby.forecast.mean')}: ${formatNumber(Math.round(p.band.mean * 10) / 10)}`,
              `${bandName}: ${formatNumber(p.band.low)} – ${formatNumber(p.band.high)}`,
            );
          return tooltipLines(...rows);
        },
      },
      legend: {
        top: 0,
        itemWidth: 14,
        itemHeight: 10,
        data: [t('lobby.forecast.history'), t('lobby.forecast.mean'), bandName],
      },
      grid: { left: 8, right: 16, top: 40, bottom: 56, containLabel: true },
      dataZoom: [
        { type: 'inside', startValue: from, endValue: to },
        { type: 'slider', height: 20, bottom: 8, startValue: from, endValue: to },
      ],
      xAxis: { type: 'category', data: labels, boundaryGap: view === 'day' },
      yAxis: {
        type: 'value',
        name: t('lobby.forecast.axis'),
        minInterval: 1,
        nameTextStyle: { align: 'left' },
      },
      series: [
        {
          type: 'bar',
          name: t('lobby.forecast.history'),
          data: points.map((p) => p.actual),
          itemStyle: { color: HISTORY },
          barMaxWidth: 12,
        },
        {
          type: 'line',
          name: t('lobby.forecast.bandLow'),
          stack: 'band',
          data: points.map((p) => (p.band ? p.band.low : null)),
          symbol: 'none',
          lineStyle: { opacity: 0 },
          tooltip: { show: false },
        },
        {
          type: 'line',
          name: bandName,
          stack: 'band',
          data: points.map((p) => (p.band ? p.band.high - p.band.low : null)),
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color: BAND },
          itemStyle: { color: BAND },
        },
        {
          type: 'line',
          name: t('lobby.forecast.mean'),
          data: points.map((p) => (p.band ? Math.round(p.band.mean * 10) / 10 : null)),
          symbol: view === 'day' ? 'circle' : 'none',
          symbolSize: 5,
          itemStyle: { color: FORECAST },
          lineStyle: { width: 2 },
        },
      ],
    };
  }, [f, points, view, focusDay, weeks, t, formatNumber, formatPercent]);

  const tooLittle = q.error instanceof ApiError && q.error.code === 'FORECAST_TOO_LITTLE_HISTORY';
  const controls = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Segmented
        value={weeks}
        onChange={(v) => setWeeks(Number(v))}
        options={WEEKS.map((n) => ({ value: n, label: t('lobby.forecast.weeks', { n }) }))}
        data-testid="forecast-weeks"
      />
      <Select
        value={type}
        onChange={setType}
        style={{ minWidth: 160 }}
        options={[
          { value: '', label: t('lobby.forecast.allTypes') },
          ...(f?.businessTypes ?? []).map((b) => ({ value: b, label: typeName(b) })),
        ]}
        data-testid="forecast-type"
      />
      <Segmented
        value={view}
        onChange={(v) => {
          setView(v as 'day' | 'slot');
          setFocusDay(null);
        }}
        options={[
          { value: 'day', label: t('lobby.forecast.byDay') },
          { value: 'slot', label: t('lobby.forecast.byHalfHour') },
        ]}
        data-testid="forecast-view"
      />
      {view === 'slot' && focusDay ? (
        <Button size="small" onClick={() => setFocusDay(null)}>
          {focusDay}
        </Button>
      ) : null}
    </Space>
  );

  if (tooLittle)
    return (
      <Alert
        type="info"
        showIcon
        message={t('lobby.forecast.tooLittle')}
        description={(q.error as ApiError).detail}
        data-testid="forecast-too-little"
      />
    );
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!f || !option) return <Skeleton active paragraph={{ rows: 8 }} />;

  const [naive, poisson] = f.backtest.scores;
  const gain = naive?.wape && poisson?.wape !== null && poisson ? 1 - (poisson.wape ?? 0) / naive.wape : null;
  return (
    <div data-testid="lobby-forecast">
      {controls}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('lobby.forecast.fitted', {
          from: f.history.from,
          to: f.history.to,
          n: f.history.days.length,
          start: f.forecast.from,
          end: f.forecast.to,
        })}{' '}
        {view === 'day' ? t('lobby.forecast.clickHint') : null}
      </Typography.Paragraph>
      <div data-testid="forecast-chart-wrap" data-view={view} data-points={points.length}>
        <Chart
          option={option}
          height={380}
          testId="forecast-chart"
          onClick={(i) => {
            const p = points[i];
            if (view === 'day' && p) {
              setFocusDay(p.day);
              setView('slot');
            }
          }}
        />
      </div>
      <Alert
        type={f.used === 'poisson' ? 'success' : 'warning'}
        showIcon
        style={{ margin: '12px 0' }}
        message={t(`lobby.forecast.reason.${f.reason}` as MessageKey, { gain: formatPercent(gain) })}
        description={t('lobby.forecast.backtest', {
          n: f.backtest.origins.length,
          h: f.backtest.horizonWeeks,
        })}
        data-testid="forecast-reason"
      />
      <Table
        size="small"
        pagination={false}
        rowKey="model"
        dataSource={f.backtest.scores}
        data-testid="forecast-scores"
        columns={[
          {
            title: t('lobby.forecast.model'),
            dataIndex: 'model',
            render: (m: string) => (
              <Space>
                {t(`lobby.forecast.model.${m}` as MessageKey)}
                {m === f.used ? <Tag color="blue">{t('lobby.forecast.used')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('lobby.forecast.wape'),
            dataIndex: 'wape',
            align: 'right',
            render: (v: number | null) => formatPercent(v),
          },
          {
            title: t('lobby.forecast.mase'),
            dataIndex: 'mase',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : formatNumber(Math.round(v * 1000) / 1000)),
          },
          {
            title: t('lobby.forecast.coverage'),
            dataIndex: 'coverage',
            align: 'right',
            render: (v: number) => formatPercent(v),
          },
        ]}
      />
    </div>
  );
}

const slotsPerDay = (points: Point[]) => {
  const first = points[0]?.day;
  return Math.max(1, points.filter((p) => p.day === first).length);
};

/** The day's type as text: its kind and flags. */
function dayTypeText(f: LobbyForecast, day: string, t: (k: MessageKey) => string): string {
  const d = f.forecast.days.find((x) => x.day === day);
  if (!d) return '';
  const flags = (['pension', 'payday', 'preHoliday', 'postHoliday'] as const)
    .filter((k) => d.dayType[k])
    .map((k) => t(`lobby.forecast.flag.${k}` as MessageKey));
  return [t(`lobby.forecast.dayType.${d.dayType.kind}` as MessageKey), ...flags].join(' · ');
}

/** The chart's points: every day (or open half hour) from the history's start to the forecast's end. */
export function series(
  f: LobbyForecast,
  view: 'day' | 'slot',
  typeIndex: number,
  weekdayName: (mondayFirst: number) => string,
): Point[] {
  const pick = (counts: number[], total: number) => (typeIndex < 0 ? total : (counts[typeIndex] ?? 0));
  const pickBand = (total: Band, byType: Band[]) => (typeIndex < 0 ? total : (byType[typeIndex] ?? null));
  const out: Point[] = [];
  const dayLabel = (d: string) => `${d.slice(5)} ${weekdayName(weekdayOf(d))}`;
  if (view === 'day') {
    const hist = new Map(f.history.days.map((d) => [d.day, d]));
    const fc = new Map(f.forecast.days.map((d) => [d.day, d]));
    for (let d = f.history.from; d <= f.forecast.to; d = addDays(d, 1)) {
      const h = hist.get(d);
      const x = fc.get(d);
      out.push({
        label: dayLabel(d),
        day: d,
        actual: d <= f.history.to ? (h ? pick(h.counts, h.total) : 0) : null,
        band: x ? pickBand(x.total, x.byType) : null,
      });
    }
    return out;
  }
  const slots = [...f.history.slots.map((s) => s.slot), ...f.forecast.slots.map((s) => s.slot)];
  const lo = Math.min(...slots);
  const hi = Math.max(...slots);
  const hist = new Map(f.history.slots.map((s) => [`${s.day}|${s.slot}`, s]));
  const fc = new Map(f.forecast.slots.map((s) => [`${s.day}|${s.slot}`, s]));
  for (let d = f.history.from; d <= f.forecast.to; d = addDays(d, 1))
    for (let s = lo; s <= hi; s++) {
      const h = hist.get(`${d}|${s}`);
      const x = fc.get(`${d}|${s}`);
      const future = d > f.history.to;
      out.push({
        label: `${dayLabel(d)} ${slotLabel(s)}`,
        day: d,
        actual: future
          ? null
          : h
            ? pick(
                h.counts,
                h.counts.reduce((a, b) => a + b, 0),
              )
            : 0,
        band: future ? (x ? pickBand(x.total, x.byType) : { mean: 0, low: 0, high: 0 }) : null,
      });
    }
  return out;
}

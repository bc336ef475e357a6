import { useQuery } from '@tanstack/react-query';
import { Card, Tag } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { Chart, type ChartOption, tooltipLines } from '../../components/Chart';
import { useI18n } from '../../i18n/i18n';

/** 今日客流跟踪: today's forecast against the tickets issued so far, waits against the limit. */
export function IntradayPanel({ outletId }: { outletId: string }) {
  const { t, formatNumber } = useI18n();
  const q = useQuery({
    queryKey: ['lobby', outletId, 'intraday'],
    queryFn: () => api.get('/outlets/:outletId/lobby/intraday', { params: { outletId } }),
    refetchInterval: 60_000,
  });
  const r = q.data;
  const over = r?.slots.filter((s) => s.overLimit).length ?? 0;
  const option = useMemo<ChartOption | null>(() => {
    if (!r) return null;
    const forecastName = t('staffing.intraday.forecast');
    const actualName = t('staffing.intraday.actual');
    const waitName = t('staffing.intraday.wait');
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const s = r.slots[(params as { dataIndex: number }[])[0]?.dataIndex ?? 0];
          if (!s) return '';
          return tooltipLines(
            s.start,
            `${forecastName}: ${s.forecast === null ? '—' : formatNumber(s.forecast)}`,
            `${actualName}: ${formatNumber(s.actual)}`,
            `${waitName}: ${s.meanWaitMinutes === null ? '—' : formatNumber(s.meanWaitMinutes)}`,
          );
        },
      },
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 28, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: r.slots.map((s) => s.start) },
      yAxis: [
        { type: 'value', name: t('staffing.intraday.customers'), minInterval: 1 },
        { type: 'value', name: t('staffing.intraday.minutes'), splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: actualName,
          data: r.slots.map((s) => s.actual),
          itemStyle: { color: '#2f5597' },
        },
        {
          type: 'line',
          name: forecastName,
          data: r.slots.map((s) => s.forecast),
          itemStyle: { color: '#9aa7bf' },
          lineStyle: { type: 'dashed' },
        },
        {
          type: 'line',
          name: waitName,
          yAxisIndex: 1,
          data: r.slots.map((s) => s.meanWaitMinutes),
          itemStyle: { color: '#c00000' },
          markLine: {
            symbol: 'none',
            label: { formatter: t('staffing.intraday.limit') },
            data: [{ yAxis: r.targetWaitMinutes }],
          },
        },
      ],
    };
  }, [r, t, formatNumber]);
  if (!r || !option) return null;
  return (
    <Card
      title={t('staffing.intraday.title')}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="lobby-intraday"
      extra={over ? <Tag color="red">{t('staffing.intraday.overLimit', { n: over })}</Tag> : null}
    >
      <Chart option={option} height={220} testId="intraday-chart" />
    </Card>
  );
}

import { type LobbyMode, maxOf } from '@liangdian/shared';
import type { LobbyReplay } from '@liangdian/shared/api';
import { useMemo } from 'react';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { Chart, type ChartOption, tooltipLines } from '../../components/Chart';
import { MODE_TINT } from './PlanApi';
import { activityWindow } from './replayWindow';

const ARRIVALS = '#9aa7bf';
const WAITING = '#4b5a78';
const MEAN_WAIT = '#b8322f';
const BACKFILL = '#5b8c6e';

/**
 * The day's timeline: arrivals (bars), customers waiting and mean wait (lines), modes as bands,
 * backfill prompts as pins; it opens on the hours with activity, padded half an hour.
 */
export function ReplayChart({ replay, height = 380 }: { replay: LobbyReplay; height?: number }) {
  const { t, formatTime } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const pts = replay.points;
    const labels = pts.map((p) => formatTime(p.at));
    // Consecutive points of one mode form a band.
    const bands: { mode: LobbyMode; from: number; to: number }[] = [];
    pts.forEach((p, i) => {
      const last = bands.at(-1);
      if (last && last.mode === p.mode) last.to = i;
      else bands.push({ mode: p.mode, from: i, to: i });
    });
    // open on the hours with activity (the slider still reaches the whole day)
    const view = activityWindow(pts, replay.stepMinutes);
    const modeName = (m: LobbyMode) => t(`lobby.setup.mode.${m}` as MessageKey);
    const maxWaiting = maxOf(
      pts.map((p) => p.waiting),
      1,
    );
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const list = params as { dataIndex: number }[];
          const i = list[0]?.dataIndex ?? 0;
          const p = pts[i];
          if (!p) return '';
          const rows = [
            `${labels[i]} · ${modeName(p.mode)}`,
            `${t('lobby.setup.replay.arrivals')}: ${p.arrivals}`,
            `${t('lobby.setup.replay.waiting')}: ${p.waiting}`,
            `${t('lobby.setup.replay.meanWait')}: ${p.meanWaitMinutes === null ? '—' : `${p.meanWaitMinutes.toFixed(1)} ${t('lobby.setup.rules.minutes')}`}`,
          ];
          if (p.backfillActions) rows.push(`${t('lobby.setup.replay.backfill')}: ${p.backfillActions}`);
          return tooltipLines(...rows);
        },
      },
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 44, bottom: 56, containLabel: true },
      dataZoom: [
        { type: 'inside', startValue: view.from, endValue: view.to },
        { type: 'slider', height: 20, bottom: 8, startValue: view.from, endValue: view.to },
      ],
      xAxis: { type: 'category', data: labels, boundaryGap: true },
      yAxis: [
        {
          type: 'value',
          name: t('lobby.setup.replay.axisPeople'),
          minInterval: 1,
          nameTextStyle: { align: 'left' },
        },
        {
          type: 'value',
          name: t('lobby.setup.replay.axisMinutes'),
          splitLine: { show: false },
          nameTextStyle: { align: 'right' },
        },
      ],
      series: [
        {
          type: 'bar',
          name: t('lobby.setup.replay.arrivals'),
          data: pts.map((p) => p.arrivals),
          itemStyle: { color: ARRIVALS },
          barMaxWidth: 10,
          markArea: {
            silent: true,
            label: { show: true, position: 'insideTop', color: '#8a8f9c', fontSize: 11 },
            data: bands.map((b) => [
              {
                xAxis: labels[b.from],
                name: b.to - b.from >= 3 ? modeName(b.mode) : '',
                itemStyle: { color: MODE_TINT[b.mode] },
              },
              { xAxis: labels[b.to] },
            ]),
          },
        },
        {
          type: 'line',
          name: t('lobby.setup.replay.waiting'),
          data: pts.map((p) => p.waiting),
          step: 'end',
          symbol: 'none',
          itemStyle: { color: WAITING },
          lineStyle: { width: 2 },
        },
        {
          type: 'line',
          name: t('lobby.setup.replay.meanWait'),
          yAxisIndex: 1,
          data: pts.map((p) => (p.meanWaitMinutes === null ? null : Math.round(p.meanWaitMinutes * 10) / 10)),
          connectNulls: true,
          symbol: 'circle',
          symbolSize: 4,
          itemStyle: { color: MEAN_WAIT },
          lineStyle: { width: 1.5 },
        },
        {
          type: 'scatter',
          name: t('lobby.setup.replay.backfill'),
          data: pts.flatMap((p, i) =>
            p.backfillActions ? [[labels[i], maxWaiting, p.backfillActions]] : [],
          ),
          symbol: 'pin',
          symbolSize: 26,
          itemStyle: { color: BACKFILL },
          label: {
            show: true,
            formatter: (p: { value: number[] }) => String(p.value[2]),
            color: '#fff',
            fontSize: 10,
          },
          z: 5,
        },
      ],
    };
  }, [replay, t, formatTime]);
  return <Chart option={option} height={height} testId="replay-chart" />;
}

import type { Roster } from '@liangdian/shared/api';
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Chart, type ChartOption, tooltipLines } from '../../components/Chart';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import type { PostName } from './rosterShared';

const ALL = '*';

/**
 * Coverage of a day: for the chosen post (a zone, 迎宾位, 超柜位, or all posts summed) required vs
 * scheduled per half hour, and the service level the engine predicts with the scheduled people
 * (per half hour for one post, for the day over all zones) against the outlet's target; below it,
 * the post × half-hour table.
 */
export function RosterCoverage({
  roster: r,
  days,
  postName,
}: {
  roster: Roster;
  days: string[];
  postName: PostName;
}) {
  const { t, formatPercent } = useI18n();
  const [day, setDay] = useState(0);
  const [post, setPost] = useState<string>(ALL);
  const d = days[day] ?? days[0]!;
  const rows = r.coverage.filter((c) => c.day === d);
  const posts = [...new Set(r.coverage.map((c) => c.post))];
  const chosen = post === ALL || posts.includes(post) ? post : ALL;
  const starts = [...new Set(rows.map((c) => c.start))].sort();
  const cell = (p: string, start: string) => rows.find((c) => c.post === p && c.start === start);
  const of = chosen === ALL ? posts : [chosen];
  const sum = (s: string, k: 'scheduled' | 'required') => of.reduce((n, p) => n + (cell(p, s)?.[k] ?? 0), 0);
  const sl = r.serviceLevel.find((x) => x.day === d) ?? null;
  const postSl = chosen === ALL ? null : (sl?.posts.find((p) => p.post === chosen) ?? null);
  const slAt = (s: string) => postSl?.slots.find((x) => x.start === s)?.level ?? null;
  const short = rows.filter((c) => c.scheduled < c.required).length;
  const target = sl?.target ?? null;
  const level = chosen === ALL ? (sl?.level ?? null) : (postSl?.level ?? null);
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v));
  const option: ChartOption = {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const s = starts[i] ?? '';
        return tooltipLines(
          s,
          ...of.map((p) => {
            const c = cell(p, s);
            return c
              ? t('roster.coverageLine', { post: postName(p), req: c.required, got: c.scheduled })
              : '';
          }),
          postSl ? t('roster.chart.slAt', { p: pct(slAt(s)) }) : '',
        );
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: starts },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('staffing.chart.axis') },
      ...(postSl
        ? [
            {
              type: 'value',
              min: 0,
              max: 100,
              name: t('roster.chart.slAxis'),
              splitLine: { show: false },
              axisLabel: { formatter: '{value}%' },
            },
          ]
        : []),
    ],
    series: [
      {
        type: 'bar',
        name: t('roster.scheduled'),
        data: starts.map((s) => sum(s, 'scheduled')),
        itemStyle: { color: '#5b9bd5' },
        barMaxWidth: 24,
      },
      {
        type: 'line',
        step: 'middle',
        symbol: 'none',
        name: t('roster.required'),
        data: starts.map((s) => sum(s, 'required')),
        itemStyle: { color: '#c00000' },
        lineStyle: { type: 'dashed', width: 2 },
      },
      ...(postSl
        ? [
            {
              type: 'line',
              name: t('roster.chart.sl'),
              yAxisIndex: 1,
              connectNulls: false,
              data: starts.map((s) => {
                const v = slAt(s);
                return v === null ? null : Math.round(v * 1000) / 10;
              }),
              itemStyle: { color: '#70ad47' },
              markLine:
                target === null
                  ? undefined
                  : {
                      symbol: 'none',
                      label: {
                        position: 'insideEndTop',
                        formatter: t('roster.chart.target', { p: pct(target) }),
                      },
                      lineStyle: { color: '#70ad47', type: 'dotted' },
                      data: [{ yAxis: Math.round(target * 1000) / 10 }],
                    },
            },
          ]
        : []),
    ],
  };
  return (
    <div style={{ margin: '16px 0' }} data-testid="roster-coverage">
      <Typography.Title level={5}>{t('roster.coverage')}</Typography.Title>
      <Segmented
        value={day}
        onChange={(v) => setDay(Number(v))}
        options={days.map((x, i) => ({
          value: i,
          label: `${t(`lobby.setup.weekday.${i}` as MessageKey)} ${x.slice(5)}`,
        }))}
        style={{ marginBottom: 8 }}
        data-testid="coverage-day"
      />
      <div style={{ marginBottom: 8 }}>
        <Segmented
          value={chosen}
          onChange={(v) => setPost(String(v))}
          options={[
            { value: ALL, label: t('roster.allPosts') },
            ...posts.map((p) => ({ value: p, label: postName(p) })),
          ]}
          data-testid="coverage-post"
        />
      </div>
      <Space wrap style={{ display: 'flex', marginBottom: 8 }}>
        <Tag color={short ? 'red' : 'green'} data-testid="coverage-short">
          {short ? t('roster.short', { n: short }) : t('roster.covered')}
        </Tag>
        {level !== null ? (
          <Tag
            color={target !== null && level < target ? 'orange' : 'green'}
            data-testid="coverage-service-level"
          >
            {chosen === ALL
              ? t('roster.serviceLevel', { p: pct(level) })
              : t('roster.serviceLevelPost', { post: postName(chosen), p: pct(level) })}
            {target !== null ? ` · ${t('roster.target', { p: pct(target) })}` : ''}
          </Tag>
        ) : sl === null ? (
          <span className="ld-muted" data-testid="coverage-service-level-none">
            {t('roster.serviceLevelNone')}
          </span>
        ) : null}
      </Space>
      <Chart option={option} height={280} testId="roster-coverage-chart" />
      <Table
        size="small"
        rowKey="post"
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="coverage-table"
        dataSource={posts.map((p) => ({ post: p }))}
        columns={[
          { title: t('roster.post'), dataIndex: 'post', fixed: 'left', render: (p: string) => postName(p) },
          ...starts.map((s) => ({
            title: s,
            key: s,
            render: (_: unknown, x: { post: string }) => {
              const c = cell(x.post, s);
              if (!c) return '—';
              return (
                <span style={c.scheduled < c.required ? { color: '#c00000', fontWeight: 600 } : {}}>
                  {c.scheduled}/{c.required}
                </span>
              );
            },
          })),
        ]}
      />
    </div>
  );
}

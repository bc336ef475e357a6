import { LOBBY_LOG_KINDS, type LobbyLogKind } from '@liangdian/shared';
import type { LobbyLogEntry } from '@liangdian/shared/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Row, Segmented, Select, Skeleton, Space, Statistic, Tag } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { QueryTable } from '../../components/QueryTable';
import { toInt, useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { beijingToday, dayPickerValue, fromDayPicker, isAfterBeijingToday } from '../../time';
import { useOutlet } from '../outlets/OutletDetailPage';
import { LobbyNav } from './LobbyNav';
import { ModeSwatch } from './PlanGrid';
import { ReplayChart } from './ReplayChart';

const KEYS = ['date', 'step', 'kind', 'page', 'pageSize'] as const;
const KIND_COLOR: Record<LobbyLogKind, string> = {
  check_in: 'blue',
  check_out: 'default',
  mode_switch: 'orange',
  plan_changed: 'purple',
  rules_changed: 'purple',
  prompt: 'green',
  prompt_ack: 'cyan',
  prompt_decline: 'volcano',
  prompt_expired: 'red',
  prompt_cancelled: 'default',
  return: 'geekblue',
};

/** 当日回放: the day's timeline of the lobby and its log. */
export function LobbyReplayPage() {
  const { outletId = '' } = useParams();
  const { t, tEnum, formatTime, formatNumber } = useI18n();
  const outlet = useOutlet(outletId);
  const today = beijingToday();
  const [s, set] = useUrlState(KEYS, { date: today, step: '5' });
  const date = /^\d{4}-\d{2}-\d{2}$/.test(s.date) ? s.date : today;
  const step = s.step === '1' ? 1 : 5;
  const page = toInt(s.page, 1);
  const pageSize = Math.min(toInt(s.pageSize, 20), 200);
  const live = date === today;

  const replay = useQuery({
    queryKey: ['lobby', outletId, 'replay', date, step],
    queryFn: () =>
      api.get('/outlets/:outletId/lobby/replay', { params: { outletId }, query: { date, step } }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 30_000 : false,
  });
  const logQuery = { date, kind: s.kind };
  const log = useQuery({
    queryKey: ['lobby', outletId, 'log', logQuery, page, pageSize],
    queryFn: () =>
      api.get('/outlets/:outletId/lobby/log', {
        params: { outletId },
        query: { ...logQuery, page, pageSize },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 30_000 : false,
  });

  const stats = useMemo(() => {
    const pts = replay.data?.points ?? [];
    const arrivals = pts.reduce((n, p) => n + p.arrivals, 0);
    const peak = pts.reduce<(typeof pts)[number] | null>(
      (m, p) => (!m || p.waiting > m.waiting ? p : m),
      null,
    );
    const prompts = pts.reduce((n, p) => n + p.backfillActions, 0);
    const rotating = pts.filter((p) => p.mode === 'rotating').length * (replay.data?.stepMinutes ?? 5);
    const empty = pts.every((p) => p.arrivals === 0 && p.waiting === 0 && p.backfillActions === 0);
    return { arrivals, peak, prompts, rotating, empty };
  }, [replay.data]);

  return (
    <>
      <PageHeader
        title={t('nav.lobbyReplay')}
        subTitle={outlet.data?.name}
        crumbs={[{ title: t('nav.lobby'), to: `/lobby/${outletId}` }, { title: t('nav.lobbyReplay') }]}
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <LobbyNav outletId={outletId} active="replay" />
        <div className="ld-toolbar" style={{ flexWrap: 'wrap', justifyContent: 'flex-start' }}>
          <DatePicker
            value={dayPickerValue(date)}
            allowClear={false}
            disabledDate={isAfterBeijingToday}
            onChange={(d) => d && set({ date: fromDayPicker(d) === today ? '' : fromDayPicker(d) })}
            data-testid="replay-date"
          />
          <Segmented
            value={String(step)}
            onChange={(v) => set({ step: v === '5' ? '' : v })}
            options={[
              { value: '1', label: t('lobby.setup.replay.step', { n: 1 }) },
              { value: '5', label: t('lobby.setup.replay.step', { n: 5 }) },
            ]}
            data-testid="replay-step"
          />
          <Space size={16} style={{ marginLeft: 'auto' }} wrap>
            <ModeSwatch mode="fixed" />
            <ModeSwatch mode="rotating" />
            {live ? <Tag color="green">{t('lobby.setup.replay.liveToday')}</Tag> : null}
          </Space>
        </div>
        <QueryError error={replay.error} onRetry={() => replay.refetch()} />
        {!replay.data && !replay.error ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
        {replay.data && !stats.empty ? (
          <>
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              {[
                { title: t('lobby.setup.replay.totalArrivals'), value: stats.arrivals },
                {
                  title: t('lobby.setup.replay.peakWaiting'),
                  value: stats.peak?.waiting ?? 0,
                  suffix: stats.peak?.waiting ? (
                    <span className="ld-muted" style={{ fontSize: 13 }}>
                      {formatTime(stats.peak.at)}
                    </span>
                  ) : null,
                },
                { title: t('lobby.setup.replay.prompts'), value: stats.prompts },
                {
                  title: t('lobby.setup.replay.rotatingTime'),
                  value: Math.round(stats.rotating / 6) / 10,
                  suffix: 'h',
                },
              ].map((stat) => (
                <Col key={stat.title} xs={12} md={6}>
                  <Card size="small">
                    <Statistic
                      title={stat.title}
                      value={formatNumber(stat.value)}
                      suffix={stat.suffix}
                      styles={{ content: { fontSize: 22 } }}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <ReplayChart replay={replay.data} />
          </>
        ) : null}
        {replay.data && stats.empty ? (
          <Empty
            style={{ margin: '32px 0' }}
            data-testid="replay-empty"
            description={t('lobby.setup.replay.empty', { date })}
          />
        ) : null}

        <div className="ld-toolbar" style={{ marginTop: 20, flexWrap: 'wrap' }}>
          <Space wrap>
            <strong>{t('lobby.setup.log.title')}</strong>
            <span className="ld-muted">
              {t('common.totalCount', { n: formatNumber(log.data?.total ?? 0) })}
            </span>
          </Space>
          <Space wrap>
            <Select
              allowClear
              value={s.kind || undefined}
              onChange={(v) => set({ kind: v })}
              placeholder={t('lobby.setup.log.allKinds')}
              style={{ width: 180 }}
              options={LOBBY_LOG_KINDS.map((k) => ({ value: k, label: tEnum('lobby.setup.logKind', k) }))}
              data-testid="log-kind"
            />
            <ExportButton
              list="/outlets/:outletId/lobby/log"
              params={{ outletId }}
              query={logQuery}
              filename={`lobby-log-${outlet.data?.code ?? outletId}-${date}.xlsx`}
            />
          </Space>
        </div>
        <QueryTable<LobbyLogEntry>
          query={log}
          size="small"
          data-testid="lobby-log"
          loading={log.isFetching && !log.data}
          scroll={{ x: 640 }}
          columns={[
            {
              title: t('lobby.setup.log.time'),
              dataIndex: 'at',
              width: 90,
              render: (v: string) => <span className="ld-mono">{formatTime(v)}</span>,
            },
            {
              title: t('lobby.setup.log.kind'),
              dataIndex: 'kind',
              width: 130,
              render: (v: string) => (
                <Tag color={KIND_COLOR[v as LobbyLogKind] ?? 'default'}>
                  {tEnum('lobby.setup.logKind', v)}
                </Tag>
              ),
            },
            {
              title: t('lobby.setup.log.actor'),
              dataIndex: 'actorName',
              width: 120,
              render: (v: string) => (v === 'system' ? t('lobby.setup.log.system') : v),
            },
            { title: t('lobby.setup.log.message'), dataIndex: 'message' },
          ]}
          pagination={{
            current: page,
            pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            onChange: (p, size) => set({ page: p === 1 ? '' : p, pageSize: size === 20 ? '' : size }, false),
          }}
          empty={t('lobby.setup.log.empty')}
        />
      </Card>
    </>
  );
}

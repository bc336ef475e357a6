import type { LobbyMode } from '@liangdian/shared';
import { MODE_OBJECTIVE_KEYS, type ModeRecommendation, type ModeResult } from '@liangdian/shared/api';
import { ExperimentOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  type TableProps,
  Tag,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { Chart, type ChartOption } from '../../components/Chart';
import { MODE_COLOR, MODE_TINT, slotOf, WEEKDAYS } from './PlanApi';
import { weekdayKey } from './PlanGrid';

type Slot = ModeRecommendation['slots'][number];
const MODES = ['fixed', 'rotating'] as const;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const min = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const ARRIVALS = '#9a9fae';

/**
 * 推荐: simulates one weekday in both modes (the engine, on the server: takes seconds), shows
 * both side by side and lets the user adjust the suggested day before applying it to the plan.
 */
export function PlanRecommend({
  outletId,
  canRun,
  defaultWeekday,
  serviceLevelTarget,
  targetWaitMinutes,
  onApply,
}: {
  outletId: string;
  canRun: boolean;
  defaultWeekday: number;
  serviceLevelTarget: number | null;
  targetWaitMinutes: number | null;
  onApply: ((weekday: number, day: LobbyMode[]) => void) | null;
}) {
  const { t, locale, formatNumber, formatPercent, formatDate } = useI18n();
  const showError = useApiErrorMessage();
  const [weekday, setWeekday] = useState(defaultWeekday);
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [result, setResult] = useState<ModeRecommendation | null>(null);
  const [choice, setChoice] = useState<LobbyMode[]>([]);

  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    setElapsed(0);
    const id = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(id);
  }, [running]);

  const run = async () => {
    setRunning(true);
    try {
      const r = await api.post('/outlets/:outletId/mode-plan/recommend', {
        params: { outletId },
        body: { weekday },
      });
      setResult(r);
      setChoice(r.suggestedDay);
    } catch (e) {
      showError(e);
    } finally {
      setRunning(false);
    }
  };

  const slots = result?.slots ?? [];
  const open = result ? slotOf(result.hours.open) : 0;
  const modeName = (m: LobbyMode) => t(`lobby.setup.mode.${m}` as MessageKey);
  const changed = result ? choice.some((m, i) => m !== result.suggestedDay[i]) : false;

  const waitOption = useMemo<ChartOption>(() => {
    const modeName = (m: LobbyMode) => t(`lobby.setup.mode.${m}` as MessageKey);
    const labels = slots.map((s) => s.start);
    const bands = slots
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.better === 'rotating')
      .map(({ i }) => [{ xAxis: labels[i] }, { xAxis: labels[i] }]);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: t('lobby.setup.rec.axisMinutes'), nameTextStyle: { align: 'left' } },
        {
          type: 'value',
          name: t('lobby.setup.rec.axisArrivals'),
          nameTextStyle: { align: 'right' },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: 'bar',
          name: modeName('fixed'),
          data: slots.map((s) => min(s.fixed.meanWaitMinutes)),
          itemStyle: { color: MODE_COLOR.fixed },
          barMaxWidth: 14,
          markArea: {
            silent: true,
            itemStyle: { color: MODE_TINT.rotating },
            data: bands,
          },
        },
        {
          type: 'bar',
          name: modeName('rotating'),
          data: slots.map((s) => min(s.rotating.meanWaitMinutes)),
          itemStyle: { color: MODE_COLOR.rotating },
          barMaxWidth: 14,
        },
        {
          type: 'line',
          name: t('lobby.setup.rec.arrivals'),
          yAxisIndex: 1,
          data: slots.map((s) => Math.round(s.arrivalsPerHour)),
          symbol: 'none',
          lineStyle: { color: ARRIVALS, type: 'dashed', width: 1.5 },
          itemStyle: { color: ARRIVALS },
        },
      ],
    };
  }, [slots, t]);

  const levelOption = useMemo<ChartOption>(() => {
    const modeName = (m: LobbyMode) => t(`lobby.setup.mode.${m}` as MessageKey);
    const target = serviceLevelTarget === null ? null : pct(serviceLevelTarget);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v / 100 : null),
      },
      legend: { top: 0, itemWidth: 14, itemHeight: 10 },
      grid: { left: 8, right: 64, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: slots.map((s) => s.start), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      // one line per mode; the target line is drawn once, on the first
      series: (['fixed', 'rotating'] as const).map((mode) => ({
        type: 'line' as const,
        name: modeName(mode),
        data: slots.map((s) => pct(s[mode].serviceLevel)),
        itemStyle: { color: MODE_COLOR[mode] },
        lineStyle: { width: 2 },
        symbolSize: 5,
        markLine:
          mode !== 'fixed' || target === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#b8322f', type: 'dashed' as const },
                label: {
                  formatter: t('lobby.setup.rec.targetLine', { n: target }),
                  position: 'end' as const,
                  color: '#b8322f',
                },
                data: [{ yAxis: target }],
              },
      })),
    };
  }, [slots, t, serviceLevelTarget, formatPercent]);

  const fmtMin = (v: number | null) => (v === null ? '—' : (min(v) ?? 0).toFixed(1));
  const fmtPct = (v: number | null) => formatPercent(v);
  const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
  const fmtN = (v: number, d = 1) => formatNumber(Math.round(v * 10 ** d) / 10 ** d);
  /** one figure for both modes: a header over a fixed and a rotating column */
  const metric = (key: string, title: string, get: (m: ModeResult) => ReactNode, width = 72) => ({
    title,
    key,
    onHeaderCell: nowrap,
    children: MODES.map((mode) => ({
      title: t(`modes.${mode}Short` as MessageKey),
      key: `${key}-${mode}`,
      align: 'right' as const,
      width,
      onHeaderCell: nowrap,
      render: (_: unknown, s: Slot) => get(s[mode]),
    })),
  });
  const figures = [
    metric('wait', t('modes.wait'), (m) => fmtMin(m.meanWaitMinutes)),
    metric('sl', t('modes.serviceLevel'), (m) => fmtPct(m.serviceLevel)),
    metric('recv', t('modes.received'), (m) => fmtPct(m.receivedShare)),
    metric('esc', t('modes.escorted'), (m) => fmtPct(m.escortedShare)),
    metric('pulled', t('modes.pulled'), (m) => fmtN(m.pulledMinutes)),
    metric('mis', t('modes.misroutes'), (m) => fmtN(m.misroutes)),
  ];
  const columns: TableProps<Slot>['columns'] = [
    {
      title: t('lobby.setup.rec.slot'),
      key: 'slot',
      width: 110,
      fixed: 'left',
      render: (_, s) => (
        <span className="ld-nowrap">
          {s.start}–{s.end}
        </span>
      ),
    },
    {
      title: t('lobby.setup.rec.arrivals'),
      dataIndex: 'arrivalsPerHour',
      align: 'right',
      width: 120,
      onHeaderCell: nowrap,
      render: (v: number) => formatNumber(Math.round(v)),
    },
    {
      title: t('lobby.setup.rec.better'),
      dataIndex: 'better',
      width: 150,
      onHeaderCell: nowrap,
      render: (m: LobbyMode, s) => (
        <div className="ld-nowrap">
          <Tag color={MODE_COLOR[m]} variant="solid" data-testid="rec-better">
            {modeName(m)}
          </Tag>
          <div className="ld-muted" style={{ fontSize: 12 }} data-testid="rec-scores">
            {t('modes.scores', { f: fmtN(s.fixed.score, 2), r: fmtN(s.rotating.score, 2) })}
          </div>
        </div>
      ),
    },
    ...figures,
    {
      title: t('lobby.setup.rec.choice'),
      key: 'choice',
      width: 250,
      fixed: 'right',
      render: (_, _s, i) => (
        <Segmented<LobbyMode>
          size="small"
          value={choice[open + i] ?? 'fixed'}
          disabled={!onApply}
          data-testid={`rec-choice-${i}`}
          onChange={(m) => setChoice((c) => c.map((x, k) => (k === open + i ? m : x)))}
          options={[
            { value: 'fixed', label: modeName('fixed') },
            { value: 'rotating', label: modeName('rotating') },
          ]}
        />
      ),
    },
  ];
  const dayRow = result ? ({ ...result.overall, start: '', end: '', arrivalsPerHour: 0 } as Slot) : null;
  const daySummary = () =>
    dayRow ? (
      <Table.Summary.Row data-testid="rec-day">
        <Table.Summary.Cell index={0}>
          <strong>{t('modes.day')}</strong>
        </Table.Summary.Cell>
        <Table.Summary.Cell index={1} />
        <Table.Summary.Cell index={2}>
          <Tag color={MODE_COLOR[dayRow.better]}>{modeName(dayRow.better)}</Tag>
          <div className="ld-muted" style={{ fontSize: 12 }}>
            {t('modes.scores', { f: fmtN(dayRow.fixed.score, 2), r: fmtN(dayRow.rotating.score, 2) })}
          </div>
        </Table.Summary.Cell>
        {figures.flatMap((f, fi) =>
          f.children.map((c, ci) => (
            <Table.Summary.Cell key={c.key} index={3 + fi * 2 + ci} align="right">
              {c.render(null, dayRow)}
            </Table.Summary.Cell>
          )),
        )}
        <Table.Summary.Cell index={3 + figures.length * 2} />
      </Table.Summary.Row>
    ) : null;

  // the reasons at the busiest and the quietest half hour, in the figures
  const reasons = useMemo(() => {
    if (!slots.length) return [];
    const byRate = [...slots].sort((a, b) => b.arrivalsPerHour - a.arrivalsPerHour);
    const peak = byRate[0]!;
    const trough = byRate[byRate.length - 1]!;
    const pc = (v: number | null) => formatPercent(v);
    const out: string[] = [];
    if (peak.better === 'fixed')
      out.push(
        t('modes.whyFixed', {
          start: peak.start,
          recv: pc(peak.rotating.receivedShare),
          mis: formatNumber(Math.round(peak.rotating.misroutes * 10) / 10),
          pulled: formatNumber(Math.round(peak.rotating.pulledMinutes)),
        }),
      );
    if (trough.better === 'rotating')
      out.push(
        t('modes.whyRotating', {
          start: trough.start,
          esc: pc(trough.rotating.escortedShare),
          mis: formatNumber(Math.round(trough.rotating.misroutes * 10) / 10),
          dw: formatNumber(
            Math.round(
              Math.abs((trough.rotating.meanWaitMinutes ?? 0) - (trough.fixed.meanWaitMinutes ?? 0)) * 10,
            ) / 10,
          ),
        }),
      );
    return out;
  }, [slots, t, formatNumber, formatPercent]);

  const crossoverText = (() => {
    const c = result?.crossover;
    if (!c) return null;
    const n = formatNumber(c.arrivalsPerHour);
    if (c.bound === 'none') return t('modes.crossoverNone');
    if (c.bound === 'beyond') return t('modes.crossoverBeyond', { n });
    return t('modes.crossover', { n });
  })();

  return (
    <Card
      size="small"
      title={
        <Space>
          <ExperimentOutlined />
          {t('lobby.setup.rec.title')}
        </Space>
      }
      data-testid="recommend-card"
    >
      <div className="ld-toolbar" style={{ flexWrap: 'wrap', justifyContent: 'flex-start' }}>
        <span>{t('lobby.setup.rec.weekday')}</span>
        <Select<number>
          value={weekday}
          onChange={setWeekday}
          style={{ width: 120 }}
          disabled={running}
          data-testid="rec-weekday"
          options={WEEKDAYS.map((w) => ({ value: w, label: t(weekdayKey(w)) }))}
        />
        <Button
          type="primary"
          icon={<ExperimentOutlined />}
          loading={running}
          disabled={!canRun || running}
          onClick={run}
          data-testid="rec-run"
        >
          {running ? t('lobby.setup.rec.running', { s: elapsed }) : t('lobby.setup.rec.run')}
        </Button>
        <span className="ld-muted" style={{ flex: '1 1 240px' }}>
          {canRun ? t('lobby.setup.rec.hint') : t('lobby.setup.rec.noRight')}
        </span>
      </div>
      {running && !result ? (
        <div style={{ padding: 32, textAlign: 'center' }}>
          <Spin />
          <div className="ld-muted" style={{ marginTop: 8 }}>
            {t('lobby.setup.rec.simulating', { s: elapsed })}
          </div>
        </div>
      ) : null}
      {!running && !result ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lobby.setup.rec.empty')} />
      ) : null}
      {result ? (
        <Spin spinning={running} description={t('lobby.setup.rec.simulating', { s: elapsed })}>
          <div data-testid="rec-result" data-weekday={result.weekday}>
            <Alert
              type={result.source === 'default' ? 'info' : 'success'}
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="rec-source"
              title={t('lobby.setup.rec.resultFor', {
                day: t(weekdayKey(result.weekday)),
                open: result.hours.open,
                close: result.hours.close,
                n: result.replications,
              })}
              description={[
                result.source === 'forecast'
                  ? t('lobby.setup.rec.sourceForecast', { day: formatDate(`${result.day}T12:00:00+08:00`) })
                  : result.source === 'history'
                    ? t('lobby.setup.rec.sourceHistory')
                    : t('lobby.setup.rec.sourceDefault'),
                result.calibrated ? t('lobby.setup.rec.calibrated') : t('lobby.setup.rec.notCalibrated'),
                t('lobby.setup.rec.suggestion', {
                  n: result.slots.filter((s) => s.better === 'rotating').length,
                  total: result.slots.length,
                }),
                targetWaitMinutes === null ? '' : t('lobby.setup.rec.levelMeans', { m: targetWaitMinutes }),
              ]
                .filter(Boolean)
                .join(locale === 'zh-CN' ? '' : ' ')}
            />
            {crossoverText ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="rec-crossover"
                title={crossoverText}
                description={reasons.length ? reasons.join(locale === 'zh-CN' ? '' : ' ') : undefined}
              />
            ) : null}
            <div className="ld-muted" style={{ marginBottom: 12 }} data-testid="rec-objective">
              {t('modes.objective', {
                source:
                  result.objectiveSource === 'outlet'
                    ? t('modes.objectiveOutlet')
                    : t('modes.objectiveDefault'),
              })}{' '}
              {MODE_OBJECTIVE_KEYS.map((k) => (
                <Tag key={k} style={{ marginInlineEnd: 4 }}>
                  {t(`modes.w.${k}` as MessageKey)} {formatNumber(result.objective[k])}
                </Tag>
              ))}
              <div>{t('modes.unitsNote')}</div>
            </div>
            <Row gutter={[16, 16]}>
              {[
                { title: t('lobby.setup.rec.chartWait'), option: waitOption, testId: 'rec-chart-wait' },
                { title: t('lobby.setup.rec.chartLevel'), option: levelOption, testId: 'rec-chart-level' },
              ].map((c) => (
                <Col key={c.testId} xs={24} xl={12}>
                  <div className="ld-muted" style={{ marginBottom: 4 }}>
                    {c.title}
                  </div>
                  <Chart option={c.option} height={260} testId={c.testId} />
                </Col>
              ))}
            </Row>
            <Table<Slot>
              rowKey="start"
              size="small"
              style={{ marginTop: 16 }}
              columns={columns}
              dataSource={slots}
              pagination={false}
              scroll={{ x: 1560 }}
              bordered
              summary={daySummary}
              data-testid="rec-table"
            />
            <div className="ld-toolbar" style={{ marginTop: 12, marginBottom: 0, flexWrap: 'wrap' }}>
              <span className="ld-muted">
                {changed ? t('lobby.setup.rec.edited') : t('lobby.setup.rec.applyHint')}
              </span>
              <Space wrap>
                {changed ? (
                  <Button onClick={() => setChoice(result.suggestedDay)}>{t('lobby.setup.rec.reset')}</Button>
                ) : null}
                <Button
                  type="primary"
                  disabled={!onApply}
                  onClick={() => onApply?.(result.weekday, choice)}
                  data-testid="rec-apply"
                >
                  {t('lobby.setup.rec.apply', { day: t(weekdayKey(result.weekday)) })}
                </Button>
              </Space>
            </div>
          </div>
        </Spin>
      ) : null}
    </Card>
  );
}

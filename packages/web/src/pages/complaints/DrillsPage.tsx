import { maxOf } from '@liangdian/shared';
import type { ComplaintDrill as Drill } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Progress, Statistic, type TableProps, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { OutletFilter } from '../../components/OutletSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { FilterBar, NewButton } from '../../components/TableToolbar';
import { useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { dayPickerValue, fromDayPicker } from '../../time';
import { Chart, type ChartOption, tooltipLines } from '../../components/Chart';
import { DrillFormModal } from './DrillFormModal';
import { StaffOfOutletSelect } from './DrillStaffSelect';
import './Script.css';
import { usePagedList } from '../../components/usePagination';

const KEYS = ['page', 'pageSize', 'outletId', 'staffId', 'staffName', 'from', 'to'] as const;

const pct = (d: Pick<Drill, 'score' | 'maxScore'>) =>
  d.maxScore ? Math.round((d.score / d.maxScore) * 100) : 0;
const scoreColor = (p: number) => (p >= 85 ? '#389e0d' : p >= 60 ? '#d48806' : '#cf1322');

export function DrillsPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const [s, set] = useUrlState(KEYS);
  const [creating, setCreating] = useState(false);
  const outletId = user.outletId ?? (s.outletId || null);
  const mayRecord = complaintCan.coaches(user, user.outletId);

  const filters = { outletId: s.outletId, staffId: s.staffId, from: s.from, to: s.to };
  const { list, table } = usePagedList(
    s,
    set,
    ['complaint-drills', 'list', filters],
    (paging) => api.get('/complaint-drills', { query: { ...filters, ...paging } }),
    { maxPageSize: 100, omitDefaultSize: true },
  );

  const columns: TableProps<Drill>['columns'] = [
    {
      title: t('coaching.drill.heldOn'),
      dataIndex: 'heldOn',
      width: 110,
      render: (v: string) => <span className="ld-nowrap">{formatDate(`${v}T12:00:00+08:00`)}</span>,
    },
    // one outlet in view (an outlet user, or the outlet filter): its name on every row adds nothing
    ...(outletId ? [] : [{ title: t('complaints.outlet'), dataIndex: 'outletName', width: 120 }]),
    {
      title: t('coaching.drill.scenario'),
      dataIndex: 'scenario',
      render: (v: string, d) => (
        <div className="ld-two-line">
          <span>{v}</span>
          {d.comments ? <span className="ld-muted ld-script-preview">{d.comments}</span> : null}
        </div>
      ),
    },
    {
      title: t('coaching.drill.participants'),
      dataIndex: 'participants',
      width: 200,
      render: (v: Drill['participants'], d) => (
        <div data-testid="drill-participants-cell">
          {v.map((p) => (
            <Tag
              key={p.id}
              color={p.id === s.staffId ? 'red' : undefined}
              style={{ marginBottom: 4, cursor: 'pointer' }}
              onClick={() =>
                set({ staffId: p.id, staffName: p.name, outletId: user.outletId ? '' : d.outletId })
              }
            >
              {p.name}
            </Tag>
          ))}
        </div>
      ),
    },
    { title: t('coaching.drill.evaluator'), dataIndex: 'evaluator', width: 110, responsive: ['lg'] },
    {
      title: t('coaching.drill.score'),
      key: 'score',
      width: 150,
      render: (_: unknown, d) => (
        <div data-testid="drill-score">
          <strong style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatNumber(d.score)} / {formatNumber(d.maxScore)}
          </strong>
          <Progress
            percent={pct(d)}
            size="small"
            strokeColor={scoreColor(pct(d))}
            showInfo
            style={{ margin: 0 }}
          />
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.complaintDrills')}
        subTitle={t('coaching.drill.subtitle')}
        crumbs={[{ title: t('nav.group.complaints') }, { title: t('nav.complaintDrills') }]}
        extra={
          mayRecord ? (
            <NewButton label={t('coaching.drill.new')} onClick={() => setCreating(true)} testId="drill-new" />
          ) : null
        }
      />
      <Card variant="borderless">
        <FilterBar
          end={<ExportButton list="/complaint-drills" query={filters} filename="complaint-drills.xlsx" />}
        >
          <OutletFilter
            value={s.outletId}
            onChange={(v) => set({ outletId: v, staffId: '', staffName: '' })}
          />
          <StaffOfOutletSelect
            outletId={outletId}
            value={s.staffId || null}
            selectedName={s.staffName}
            onChange={(v, names) => {
              const id = typeof v === 'string' ? v : '';
              set({ staffId: id, staffName: id ? (names[id] ?? '') : '' });
            }}
            placeholder={t('coaching.drill.staffFilter')}
            style={{ width: 200 }}
            testId="drill-staff-filter"
          />
          <DatePicker.RangePicker
            value={[s.from ? dayPickerValue(s.from) : null, s.to ? dayPickerValue(s.to) : null]}
            onChange={(r) =>
              set({ from: r?.[0] ? fromDayPicker(r[0]) : '', to: r?.[1] ? fromDayPicker(r[1]) : '' })
            }
            allowEmpty={[true, true]}
          />
        </FilterBar>
        {s.staffId ? <StaffHistory staffId={s.staffId} name={s.staffName} filters={filters} /> : null}
        <QueryTable<Drill>
          query={list}
          data-testid="drill-table"
          columns={columns}
          scroll={{ x: 760 }}
          expandable={{
            expandedRowRender: (d) => <RubricTable drill={d} />,
            columnWidth: 40,
          }}
          empty={s.staffId ? t('coaching.drill.noHistory') : t('coaching.drill.empty')}
          {...table}
        />
      </Card>
      <DrillFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          queryClient.invalidateQueries({ queryKey: ['complaint-drills'] });
        }}
      />
    </>
  );
}

function RubricTable({ drill }: { drill: Drill }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div style={{ padding: '4px 8px' }}>
      <table className="ld-drill-rubric" data-testid="drill-rubric">
        <thead>
          <tr>
            <th>{t('coaching.drill.criterion')}</th>
            <th className="ld-num">{t('coaching.drill.score')}</th>
            <th className="ld-num">{t('coaching.drill.max')}</th>
          </tr>
        </thead>
        <tbody>
          {drill.rubric.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: criteria may repeat and never move
            <tr key={i}>
              <td>{r.item}</td>
              <td className="ld-num">{r.score}</td>
              <td className="ld-num">{r.max}</td>
            </tr>
          ))}
          <tr>
            <td>
              <strong>{t('coaching.drill.total')}</strong>
            </td>
            <td className="ld-num">
              <strong>{drill.score}</strong>
            </td>
            <td className="ld-num">{drill.maxScore}</td>
          </tr>
        </tbody>
      </table>
      {drill.comments ? (
        <p className="ld-pre" style={{ margin: '8px 0 0', maxWidth: 720 }}>
          <span className="ld-muted">{t('coaching.drill.comments')}：</span>
          {drill.comments}
        </p>
      ) : null}
      <p className="ld-muted" style={{ margin: '4px 0 0', fontSize: 12 }}>
        {t('coaching.drill.recordedAt', { time: formatDateTime(drill.createdAt) })}
      </p>
    </div>
  );
}

/** A staff member's drill history: count, average and best score, and the trend over time. */
function StaffHistory({
  staffId,
  name,
  filters,
}: {
  staffId: string;
  name: string;
  filters: Record<string, string>;
}) {
  const { t, formatDate } = useI18n();
  // The last 100 drills are enough for a trend; the table below pages through all of them.
  const recent = useQuery({
    queryKey: ['complaint-drills', 'history', filters],
    queryFn: () => api.get('/complaint-drills', { query: { ...filters, staffId, page: 1, pageSize: 100 } }),
  });
  const drills = useMemo(() => [...(recent.data?.items ?? [])].reverse(), [recent.data]);
  const avg = drills.length ? Math.round(drills.reduce((n, d) => n + pct(d), 0) / drills.length) : null;
  const best = drills.length ? maxOf(drills.map(pct)) : null;
  const last = drills.length ? pct(drills[drills.length - 1]!) : null;
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const d = drills[params[0]?.dataIndex ?? 0];
          // the scenario is user text: the tooltip is drawn as text (Chart)
          return d
            ? tooltipLines(
                formatDate(`${d.heldOn}T12:00:00+08:00`),
                d.scenario,
                `${d.score} / ${d.maxScore}（${pct(d)}%）`,
              )
            : '';
        },
      },
      xAxis: {
        type: 'category',
        data: drills.map((d) => d.heldOn.slice(5)),
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: t('coaching.drill.scorePct'),
          data: drills.map(pct),
          smooth: false,
          symbolSize: 8,
          itemStyle: { color: '#b8322f' },
          showSymbol: true,
        },
      ],
    }),
    [drills, formatDate, t],
  );
  return (
    <Card
      size="small"
      className="ld-card"
      title={t('coaching.drill.historyOf', { name: name || '…' })}
      data-testid="drill-history"
    >
      {recent.isLoading ? null : drills.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coaching.drill.noHistory')} />
      ) : (
        <div className="ld-drill-history">
          <div className="ld-drill-stats">
            <Statistic title={t('coaching.drill.count')} value={recent.data?.total ?? 0} />
            <Statistic title={t('coaching.drill.average')} value={avg ?? '—'} suffix="%" />
            <Statistic title={t('coaching.drill.best')} value={best ?? '—'} suffix="%" />
            <Statistic
              title={t('coaching.drill.latest')}
              value={last ?? '—'}
              suffix="%"
              styles={{ content: { color: last === null ? undefined : scoreColor(last) } }}
            />
          </div>
          <Chart option={option} height={200} testId="drill-trend" />
        </div>
      )}
    </Card>
  );
}

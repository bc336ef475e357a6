import { addDays } from '@liangdian/engine/time';
import type { Roster, RosterShift, SolveRun } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Modal,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, downloadFrom } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { Chart, type ChartOption, tooltipLines } from '../../components/Chart';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useUrlState } from '../../components/useUrlState';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { allows } from '@liangdian/shared';
import { beijingToday } from '../../time';
import { LobbyNav } from '../lobby/LobbyNav';
import { useOutlet } from '../outlets/OutletDetailPage';
import { mondayOf } from '../staffing/StaffingRequirementPage';
import './roster.css';

const HALF_HOURS = Array.from(
  { length: 49 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);
const weekKey = (outletId: string, week: string) => ['roster', outletId, week];

/** A post's name: the fixed posts and zone kinds by name, any other id as it is. */
export function usePostName() {
  const { t } = useI18n();
  return (post: string) => {
    const key = `roster.post.${post}` as MessageKey;
    const s = t(key);
    return s === key ? post : s;
  };
}

/** 周排班: the week's roster of an outlet, people × days; solve, edit, publish, export, print. */
export function RosterPage() {
  const { outletId = '' } = useParams();
  const { t, formatNumber, formatPercent, formatDateTime } = useI18n();
  const user = useUser();
  const outlet = useOutlet(outletId);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const postName = usePostName();
  const [s, set] = useUrlState(['week'] as const);
  const nextWeek = addDays(mondayOf(beijingToday()), 7);
  const week = /^\d{4}-\d{2}-\d{2}$/.test(s.week) ? mondayOf(s.week) : nextWeek;
  const editable = allows(user, 'roster.edit', outletId);
  const q = useQuery({
    queryKey: weekKey(outletId, week),
    queryFn: () => api.get('/outlets/:outletId/rosters/:week', { params: { outletId, week } }),
  });
  const versions = useQuery({
    queryKey: [...weekKey(outletId, week), 'versions'],
    queryFn: () => api.get('/outlets/:outletId/rosters/:week/versions', { params: { outletId, week } }),
  });
  const r = q.data?.current ?? null;
  const [run, setRun] = useState<SolveRun | null>(null);
  const [editing, setEditing] = useState<{ staffId: string; day: string; shift: RosterShift | null } | null>(
    null,
  );
  const [publishing, setPublishing] = useState(false);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const refresh = () => queryClient.invalidateQueries({ queryKey: weekKey(outletId, week) });

  const poll = async (runId: string) => {
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 700));
      const now = await api.get('/outlets/:outletId/rosters/:week/solve/:runId', {
        params: { outletId, week, runId },
      });
      setRun(now);
      if (now.state !== 'running') {
        await refresh();
        if (now.state === 'done') message.success(t('roster.solve.done'));
        return;
      }
    }
  };
  const solve = async () => {
    try {
      const started = await api.post('/outlets/:outletId/rosters/:week/solve', {
        params: { outletId, week },
        body: { timeLimitSeconds: 20, gap: 0.01 },
      });
      setRun(started);
      await poll(started.runId);
    } catch (e) {
      showError(e);
      setRun(null);
    }
  };
  const cancel = async () => {
    if (!run) return;
    try {
      setRun(
        await api.delete('/outlets/:outletId/rosters/:week/solve/:runId', {
          params: { outletId, week, runId: run.runId },
        }),
      );
    } catch (e) {
      showError(e);
    }
  };
  const publish = async () => {
    setPublishing(true);
    try {
      await api.post('/outlets/:outletId/rosters/:week/publish', { params: { outletId, week } });
      await refresh();
      message.success(t('roster.published'));
    } catch (e) {
      showError(e);
    } finally {
      setPublishing(false);
    }
  };
  const running = run?.state === 'running';

  return (
    <>
      <div className="ld-no-print">
        <PageHeader
          title={t('roster.title')}
          subTitle={outlet.data?.name ?? ''}
          crumbs={[{ title: t('nav.lobby'), to: `/lobby/${outletId}` }, { title: t('roster.title') }]}
        />
      </div>
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }} className="ld-roster">
        <div className="ld-no-print">
          <LobbyNav outletId={outletId} active="roster" />
          <Space wrap style={{ marginBottom: 12 }}>
            <Button onClick={() => set({ week: addDays(week, -7) })} data-testid="week-prev">
              {t('staffing.prevWeek')}
            </Button>
            <Button
              onClick={() => set({ week: null })}
              disabled={week === nextWeek}
              data-testid="week-next-default"
            >
              {t('roster.nextWeek')}
            </Button>
            <Button onClick={() => set({ week: addDays(week, 7) })} data-testid="week-next">
              {t('staffing.nextWeek')}
            </Button>
            <Typography.Text strong data-testid="week-range">
              {t('staffing.week', { from: week, to: addDays(week, 6) })}
            </Typography.Text>
            {editable ? (
              <Button type="primary" onClick={solve} loading={running} data-testid="roster-solve">
                {t('roster.solve')}
              </Button>
            ) : null}
            {editable && r && r.status === 'draft' ? (
              <Button onClick={publish} loading={publishing} data-testid="roster-publish">
                {t('roster.publish')}
              </Button>
            ) : null}
            {r ? (
              <Button
                data-testid="roster-export"
                onClick={() =>
                  downloadFrom(
                    '/outlets/:outletId/rosters/:week/export.xlsx',
                    {
                      params: { outletId, week },
                    },
                    `roster-${outlet.data?.code ?? outletId}-${week}.xlsx`,
                  ).catch(showError)
                }
              >
                {t('common.export')}
              </Button>
            ) : null}
            {r ? (
              <Button onClick={() => window.print()} data-testid="roster-print">
                {t('roster.print')}
              </Button>
            ) : null}
          </Space>
          {run && running ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="roster-running"
              title={
                <Space wrap>
                  <span>{t('roster.solving', { s: formatNumber(Math.round(run.elapsedSeconds)) })}</span>
                  <Progress percent={Math.round(run.progress * 100)} size="small" style={{ width: 160 }} />
                  <Button size="small" danger onClick={cancel} data-testid="roster-cancel">
                    {t('roster.cancel')}
                  </Button>
                </Space>
              }
            />
          ) : null}
          {run && run.state === 'cancelled' ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('roster.cancelled')} />
          ) : null}
          {run && run.state === 'failed' ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={run.error ?? t('roster.failed')}
            />
          ) : null}
        </div>
        <QueryError error={q.error} onRetry={() => q.refetch()} />
        {q.data && !r ? (
          <Alert type="info" showIcon title={t('roster.none')} data-testid="roster-none" />
        ) : null}
        {r ? (
          <>
            <div className="ld-no-print">
              <StatusLine roster={r} />
            </div>
            <h2 className="ld-print-only">
              {outlet.data?.name} · {t('roster.title')} ·{' '}
              {t('staffing.week', { from: week, to: addDays(week, 6) })} · v{r.version}
            </h2>
            <WeekGrid roster={r} days={days} editable={editable} onEdit={setEditing} postName={postName} />
            <div className="ld-no-print">
              <Coverage roster={r} days={days} postName={postName} />
              <Typography.Title level={5}>{t('roster.versions')}</Typography.Title>
              <Table
                size="small"
                rowKey="id"
                data-testid="roster-versions"
                pagination={{ pageSize: 10 }}
                dataSource={versions.data?.items ?? []}
                columns={[
                  { title: t('roster.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
                  {
                    title: t('roster.state'),
                    dataIndex: 'status',
                    render: (v: string) => <Tag>{t(`roster.status.${v}` as MessageKey)}</Tag>,
                  },
                  {
                    title: t('roster.solver'),
                    dataIndex: 'solverStatus',
                    render: (v: string) => t(`roster.solver.${v}` as MessageKey),
                  },
                  {
                    title: t('roster.gap'),
                    dataIndex: 'gap',
                    render: (v: number | null) => (v === null ? '—' : formatPercent(v)),
                  },
                  { title: t('roster.shifts'), dataIndex: 'shifts' },
                  {
                    title: t('roster.createdAt'),
                    dataIndex: 'createdAt',
                    render: (v: string) => formatDateTime(v),
                  },
                  {
                    title: t('roster.publishedAt'),
                    dataIndex: 'publishedAt',
                    render: (v: string | null) => (v ? formatDateTime(v) : '—'),
                  },
                ]}
              />
            </div>
          </>
        ) : null}
      </Card>
      {editing && r ? (
        <ShiftModal
          key={`${editing.staffId}-${editing.day}`}
          outletId={outletId}
          week={week}
          roster={r}
          target={editing}
          postName={postName}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            queryClient.setQueryData(weekKey(outletId, week), { ...q.data!, current: saved });
            void queryClient.invalidateQueries({ queryKey: [...weekKey(outletId, week), 'versions'] });
            setEditing(null);
            message.success(t('roster.shiftSaved'));
          }}
        />
      ) : null}
    </>
  );
}

function StatusLine({ roster: r }: { roster: Roster }) {
  const { t, formatPercent, formatNumber } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? r.conflicts : r.conflicts.slice(0, 5);
  const colour = r.solverStatus === 'optimal' ? 'green' : r.solverStatus === 'infeasible' ? 'red' : 'gold';
  return (
    <div style={{ marginBottom: 12 }} data-testid="roster-status">
      <Space wrap>
        <Tag color={r.status === 'published' ? 'blue' : 'default'}>
          v{r.version} · {t(`roster.status.${r.status}` as MessageKey)}
        </Tag>
        <Tag color={colour} data-testid="roster-solver-status">
          {t(`roster.solver.${r.solverStatus}` as MessageKey)}
        </Tag>
        {r.gap !== null && r.solverStatus !== 'infeasible' ? (
          <span>{t('roster.gapIs', { gap: formatPercent(r.gap) })}</span>
        ) : null}
        {r.objective !== null && r.solverStatus !== 'infeasible' ? (
          <span className="ld-muted">
            {t('roster.objective', {
              objective: formatNumber(Math.round(r.objective)),
              bound: r.bound === null ? '—' : formatNumber(Math.round(r.bound)),
            })}
          </span>
        ) : null}
      </Space>
      {r.conflicts.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t('roster.conflicts')}
          data-testid="roster-conflicts"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {shown.map((c) => (
                <li key={c.en}>{t('roster.words', { zh: c.zh, en: c.en })}</li>
              ))}
              {r.conflicts.length > shown.length ? (
                <li>
                  <Button type="link" size="small" onClick={() => setAll(true)} data-testid="conflicts-all">
                    {t('roster.conflictsAll', { n: r.conflicts.length })}
                  </Button>
                </li>
              ) : null}
            </ul>
          }
        />
      ) : null}
      {r.violations.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('roster.violations', { n: r.violations.length })}
          data-testid="roster-violations"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {r.violations.slice(0, 10).map((v) => (
                <li key={`${v.rule}-${v.staffId}-${v.day}-${v.en}`}>
                  {t('roster.words', { zh: v.zh, en: v.en })}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </div>
  );
}

function WeekGrid({
  roster: r,
  days,
  editable,
  onEdit,
  postName,
}: {
  roster: Roster;
  days: string[];
  editable: boolean;
  onEdit: (x: { staffId: string; day: string; shift: RosterShift | null }) => void;
  postName: (p: string) => string;
}) {
  const { t } = useI18n();
  const byCell = useMemo(() => new Map(r.shifts.map((s) => [`${s.staffId}|${s.day}`, s])), [r.shifts]);
  return (
    <div className="ld-roster-grid-wrap">
      <table className="ld-roster-grid" data-testid="roster-grid">
        <thead>
          <tr>
            <th>{t('roster.person')}</th>
            {days.map((d, i) => (
              <th key={d}>
                {t(`lobby.setup.weekday.${i}` as MessageKey)} {d.slice(5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.staff.map((p) => (
            <tr key={p.id} data-testid="roster-row">
              <th scope="row">{p.name}</th>
              {days.map((d) => {
                const s = byCell.get(`${p.id}|${d}`) ?? null;
                const content = s ? (
                  <>
                    <div className="ld-roster-time">
                      {s.start}–{s.end}
                    </div>
                    <div>{postName(s.post)}</div>
                    {s.breakStart ? (
                      <div className="ld-muted">
                        {t('roster.break', { from: s.breakStart, to: s.breakEnd ?? '' })}
                      </div>
                    ) : null}
                  </>
                ) : (
                  <span className="ld-muted">{t('roster.off')}</span>
                );
                return (
                  <td
                    key={d}
                    className={s ? 'ld-roster-on' : 'ld-roster-offcell'}
                    data-testid={`cell-${p.id}-${d}`}
                  >
                    {editable ? (
                      <button
                        type="button"
                        className="ld-roster-cell"
                        onClick={() => onEdit({ staffId: p.id, day: d, shift: s })}
                      >
                        {content}
                      </button>
                    ) : (
                      content
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ShiftModal({
  outletId,
  week,
  roster,
  target,
  postName,
  onClose,
  onSaved,
}: {
  outletId: string;
  week: string;
  roster: Roster;
  target: { staffId: string; day: string; shift: RosterShift | null };
  postName: (p: string) => string;
  onClose: () => void;
  onSaved: (r: Roster) => void;
}) {
  const { t } = useI18n();
  const showError = useApiErrorMessage();
  const posts = [...new Set(roster.coverage.map((c) => c.post))];
  const [off, setOff] = useState(target.shift === null);
  const [v, setV] = useState({
    start: target.shift?.start ?? '09:00',
    end: target.shift?.end ?? '17:00',
    post: target.shift?.post ?? posts[0] ?? '',
    breakStart: target.shift?.breakStart ?? null,
    breakEnd: target.shift?.breakEnd ?? null,
  });
  const [broken, setBroken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const person = roster.staff.find((p) => p.id === target.staffId)?.name ?? '';
  const times = HALF_HOURS.map((h) => ({ value: h, label: h }));
  const save = async () => {
    setBusy(true);
    setBroken(null);
    try {
      onSaved(
        await api.put('/outlets/:outletId/rosters/:week/shifts', {
          params: { outletId, week },
          body: { staffId: target.staffId, day: target.day, shift: off ? null : v },
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ROSTER_RULE_BROKEN')
        setBroken(String(e.problem.title ?? e.detail));
      else showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('roster.editTitle', { name: person, day: target.day })}
      onCancel={onClose}
      onOk={save}
      okText={t('common.save')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'shift-save' } as Record<`data-${string}`, string>}
    >
      <Form layout="vertical">
        <Form.Item>
          <Segmented
            value={off ? 'off' : 'on'}
            onChange={(x) => setOff(x === 'off')}
            options={[
              { value: 'on', label: t('roster.working') },
              { value: 'off', label: t('roster.offDay') },
            ]}
            data-testid="shift-off"
          />
        </Form.Item>
        {off ? null : (
          <Space wrap>
            <Form.Item label={t('roster.start')}>
              <Select
                style={{ width: 100 }}
                value={v.start}
                showSearch
                options={times}
                onChange={(x) => setV({ ...v, start: x })}
                data-testid="shift-start"
              />
            </Form.Item>
            <Form.Item label={t('roster.end')}>
              <Select
                style={{ width: 100 }}
                value={v.end}
                showSearch
                options={times}
                onChange={(x) => setV({ ...v, end: x })}
                data-testid="shift-end"
              />
            </Form.Item>
            <Form.Item label={t('roster.post')}>
              <Select
                style={{ width: 140 }}
                value={v.post}
                options={posts.map((p) => ({ value: p, label: postName(p) }))}
                onChange={(x) => setV({ ...v, post: x })}
                data-testid="shift-post"
              />
            </Form.Item>
            <Form.Item label={t('roster.breakStart')}>
              <Select
                allowClear
                style={{ width: 100 }}
                value={v.breakStart}
                showSearch
                options={times}
                onChange={(x) =>
                  setV({
                    ...v,
                    breakStart: x ?? null,
                    breakEnd: x ? (HALF_HOURS[HALF_HOURS.indexOf(x) + 1] ?? null) : null,
                  })
                }
                data-testid="shift-break"
              />
            </Form.Item>
          </Space>
        )}
        {broken ? (
          <Alert
            type="error"
            showIcon
            title={t('roster.broken')}
            description={broken}
            data-testid="shift-broken"
          />
        ) : null}
      </Form>
    </Modal>
  );
}

function Coverage({
  roster: r,
  days,
  postName,
}: {
  roster: Roster;
  days: string[];
  postName: (p: string) => string;
}) {
  const { t, formatPercent } = useI18n();
  const [day, setDay] = useState(0);
  const d = days[day] ?? days[0]!;
  const rows = r.coverage.filter((c) => c.day === d);
  const posts = [...new Set(r.coverage.map((c) => c.post))];
  const starts = [...new Set(rows.map((c) => c.start))].sort();
  const cell = (post: string, start: string) => rows.find((c) => c.post === post && c.start === start);
  const sl = r.serviceLevel.find((x) => x.day === d)?.level ?? null;
  const short = rows.filter((c) => c.scheduled < c.required).length;
  const option: ChartOption = {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const s = starts[i] ?? '';
        return tooltipLines(
          s,
          ...posts.map((p) => {
            const c = cell(p, s);
            return c
              ? t('roster.coverageLine', { post: postName(p), req: c.required, got: c.scheduled })
              : '';
          }),
        );
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: starts },
    yAxis: { type: 'value', minInterval: 1, name: t('staffing.chart.axis') },
    series: [
      {
        type: 'bar',
        name: t('roster.scheduled'),
        data: starts.map((s) => posts.reduce((n, p) => n + (cell(p, s)?.scheduled ?? 0), 0)),
        itemStyle: { color: '#5b9bd5' },
        barMaxWidth: 24,
      },
      {
        type: 'line',
        step: 'middle',
        symbol: 'none',
        name: t('roster.required'),
        data: starts.map((s) => posts.reduce((n, p) => n + (cell(p, s)?.required ?? 0), 0)),
        itemStyle: { color: '#c00000' },
        lineStyle: { type: 'dashed', width: 2 },
      },
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
      />
      <Space wrap style={{ display: 'flex', marginBottom: 8 }}>
        <Tag color={short ? 'red' : 'green'} data-testid="coverage-short">
          {short ? t('roster.short', { n: short }) : t('roster.covered')}
        </Tag>
        {sl !== null ? <span>{t('roster.serviceLevel', { p: formatPercent(sl) })}</span> : null}
      </Space>
      <Chart option={option} height={260} testId="roster-coverage-chart" />
      <Table
        size="small"
        rowKey="post"
        pagination={false}
        scroll={{ x: 'max-content' }}
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

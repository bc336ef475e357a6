import { EditOutlined } from '@ant-design/icons';
import { RESPONSIBILITIES, SEVERITIES } from '@liangdian/shared';
import type { RiskScenario, ScorecardRow } from '@liangdian/shared/api';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Input, InputNumber, Modal, Segmented, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/TableToolbar';
import { OutletFilter } from '../../components/OutletSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { QueryTable } from '../../components/QueryTable';
import { LinkTabs, useTabAddress } from '../../components/LinkTabs';
import { toInt, useUrlState } from '../../components/useUrlState';
import { useBusyCall } from '../../components/useBusyCall';
import { useI18n } from '../../i18n/i18n';
import { beijingToday, dayPickerValue, fromDayPicker } from '../../time';
import { bilingual } from './shared';

const KEYS = ['tab', 'days', 'month', 'by', 'outletId', 'page'] as const;

export function PreventionPage() {
  const { t } = useI18n();
  const [s, set] = useUrlState(KEYS, { tab: 'risks' });
  const tabAddress = useTabAddress('tab', 'risks', ['page']);
  return (
    <>
      <PageHeader
        title={t('prevention.title')}
        crumbs={[{ title: t('nav.group.complaints') }, { title: t('nav.complaintPrevention') }]}
      />
      <Card variant="borderless">
        <LinkTabs
          activeKey={s.tab}
          items={[
            {
              key: 'risks',
              label: t('prevention.risks'),
              to: tabAddress('risks'),
              children: <RisksTab s={s} set={set} />,
            },
            {
              key: 'scorecards',
              label: t('prevention.scorecards'),
              to: tabAddress('scorecards'),
              children: <ScorecardsTab s={s} set={set} />,
            },
            { key: 'rules', label: t('prevention.rules'), to: tabAddress('rules'), children: <RulesTab /> },
          ]}
        />
      </Card>
    </>
  );
}

type UrlProps = {
  s: Record<(typeof KEYS)[number], string>;
  set: (p: Partial<Record<(typeof KEYS)[number], string | number | null>>, resetPage?: boolean) => void;
};

function RisksTab({ s, set }: UrlProps) {
  const { t, locale, formatDateTime } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<RiskScenario | null>(null);
  const [controls, setControls] = useState('');
  const { busy, run } = useBusyCall();
  const days = toInt(s.days, 90);
  const page = toInt(s.page, 1);
  const filters = { days, outletId: s.outletId };
  const risks = useQuery({
    queryKey: ['complaints', 'risks', filters, page],
    queryFn: () => api.get('/complaints/risks', { query: { ...filters, page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  const mayEdit = complaintCan.editPrevention(user);

  const save = async () => {
    if (!editing) return;
    const lines = controls
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    await run(
      () =>
        api.put('/complaints/risk-controls', {
          body: { category: editing.category, cause: editing.cause, controls: lines },
        }),
      () => {
        message.success(t('common.saved'));
        setEditing(null);
        queryClient.invalidateQueries({ queryKey: ['complaints', 'risks'] });
      },
    );
  };

  return (
    <>
      <FilterBar
        end={<ExportButton list="/complaints/risks" query={filters} filename="complaint-risks.xlsx" />}
      >
        <Segmented
          value={days}
          onChange={(v) => set({ days: v })}
          options={[30, 90, 180, 365].map((n) => ({ value: n, label: t('prevention.lastDays', { n }) }))}
        />
        <OutletFilter value={s.outletId} onChange={(v) => set({ outletId: v })} />
      </FilterBar>
      <QueryTable<RiskScenario>
        query={risks}
        rowKey={(r) => `${r.category}:${r.cause}`}
        data-testid="risk-table"
        scroll={{ x: 720 }}
        empty={t('prevention.noRisks')}
        pagination={{
          current: page,
          pageSize: 20,
          total: risks.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
        }}
        onChange={(p) => set({ page: p.current }, false)}
        columns={[
          {
            title: t('prevention.rank'),
            dataIndex: 'rank',
            width: 64,
            render: (v: number) => <span className={v <= 3 ? 'ld-rank ld-rank-top' : 'ld-rank'}>{v}</span>,
          },
          {
            title: t('prevention.scenario'),
            key: 'scenario',
            width: 240,
            render: (_: unknown, r) => (
              <div className="ld-two-line">
                <span>{bilingual(r.categoryName, locale)}</span>
                <span className="ld-muted">{bilingual(r.causeName, locale)}</span>
              </div>
            ),
          },
          { title: t('stats.count'), dataIndex: 'count', width: 80, align: 'right' },
          {
            title: t('prevention.controls'),
            dataIndex: 'controls',
            render: (v: string[], r) =>
              v.length ? (
                <div>
                  <ol className="ld-controls">
                    {v.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ol>
                  <div className="ld-muted" style={{ fontSize: 12 }}>
                    {formatDateTime(r.controlsUpdatedAt)}
                  </div>
                </div>
              ) : (
                <Tag color="orange">{t('prevention.noControls')}</Tag>
              ),
          },
          ...(mayEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  width: 90,
                  render: (_: unknown, r: RiskScenario) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => {
                        setEditing(r);
                        setControls(r.controls.join('\n'));
                      }}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={
          editing
            ? t('prevention.editControls', {
                scenario: `${bilingual(editing.categoryName, locale)} · ${bilingual(editing.causeName, locale)}`,
              })
            : ''
        }
        onOk={save}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <p className="ld-muted">{t('prevention.controlsHint')}</p>
        <Input.TextArea
          rows={8}
          value={controls}
          onChange={(e) => setControls(e.target.value)}
          data-testid="controls-input"
        />
      </Modal>
    </>
  );
}

function RulesTab() {
  const { t, tEnum, formatDateTime } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const rules = useQuery({
    queryKey: ['complaints', 'rules'],
    queryFn: () => api.get('/complaints/accountability/rules'),
  });
  const [values, setValues] = useState<Record<string, number>>({});
  const { busy, run } = useBusyCall();
  useEffect(() => {
    const v: Record<string, number> = {};
    for (const r of rules.data?.items ?? []) v[`${r.responsibility}:${r.severity}`] = r.points;
    setValues(v);
  }, [rules.data]);
  const mayEdit = complaintCan.editPrevention(user);
  const updated = (rules.data?.items ?? [])
    .map((r) => r.updatedAt)
    .sort()
    .pop();

  const save = () =>
    run(
      () =>
        api.put('/complaints/accountability/rules', {
          body: {
            rules: RESPONSIBILITIES.flatMap((r) =>
              SEVERITIES.map((s) => ({ responsibility: r, severity: s, points: values[`${r}:${s}`] ?? 0 })),
            ),
          },
        }),
      () => {
        message.success(t('common.saved'));
        queryClient.invalidateQueries({ queryKey: ['complaints', 'rules'] });
      },
    );

  return (
    <>
      <p className="ld-muted" style={{ marginTop: 0 }}>
        {t('prevention.rulesHint')}
      </p>
      <QueryError error={rules.error} onRetry={() => rules.refetch()} />
      <Table
        rowKey="r"
        size="middle"
        pagination={false}
        loading={rules.isLoading}
        style={{ maxWidth: 640 }}
        dataSource={RESPONSIBILITIES.map((r) => ({ r }))}
        columns={[
          {
            title: t('complaints.assess.responsibility'),
            dataIndex: 'r',
            render: (v: string) => tEnum('responsibility', v),
          },
          ...SEVERITIES.map((sev) => ({
            title: tEnum('severity', sev),
            key: sev,
            width: 130,
            render: (_: unknown, row: { r: string }) =>
              mayEdit ? (
                <InputNumber
                  min={0}
                  max={1000}
                  precision={0}
                  value={values[`${row.r}:${sev}`]}
                  onChange={(v) => setValues((old) => ({ ...old, [`${row.r}:${sev}`]: v ?? 0 }))}
                  aria-label={`${tEnum('responsibility', row.r)} ${tEnum('severity', sev)}`}
                  style={{ width: 90 }}
                />
              ) : (
                (values[`${row.r}:${sev}`] ?? '—')
              ),
          })),
        ]}
      />
      <div className="ld-toolbar" style={{ marginTop: 16, maxWidth: 640 }}>
        <span className="ld-muted" style={{ fontSize: 12 }}>
          {updated ? t('prevention.rulesUpdated', { time: formatDateTime(updated) }) : null}
        </span>
        {mayEdit ? (
          <Button type="primary" onClick={save} loading={busy} data-testid="save-rules">
            {t('common.save')}
          </Button>
        ) : null}
      </div>
    </>
  );
}

function ScorecardsTab({ s, set }: UrlProps) {
  const { t, formatNumber } = useI18n();
  // this month in Beijing unless one is chosen
  const month = s.month || beijingToday().slice(0, 7);
  const by = s.by === 'staff' ? 'staff' : 'outlet';
  const page = toInt(s.page, 1);
  const filters = { month, by, outletId: s.outletId };
  const cards = useQuery({
    queryKey: ['complaints', 'scorecards', filters, page],
    queryFn: () =>
      api.get('/complaints/accountability/scorecards', {
        query: {
          ...filters,
          page,
          pageSize: 20,
        },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <FilterBar
        end={
          <ExportButton
            list="/complaints/accountability/scorecards"
            query={filters}
            filename={`scorecard-${month}.xlsx`}
          />
        }
      >
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayPickerValue(`${month}-01`)}
          onChange={(v) => set({ month: v ? fromDayPicker(v).slice(0, 7) : '' })}
        />
        <Segmented
          value={by}
          onChange={(v) => set({ by: v })}
          options={[
            { value: 'outlet', label: t('prevention.byOutlet') },
            { value: 'staff', label: t('prevention.byStaff') },
          ]}
        />
        <OutletFilter value={s.outletId} onChange={(v) => set({ outletId: v })} />
      </FilterBar>
      <p className="ld-muted" style={{ marginTop: 0, fontSize: 13 }}>
        {t('prevention.scorecardHint')}
      </p>
      <QueryTable<ScorecardRow>
        query={cards}
        rowKey="key"
        data-testid="scorecard-table"
        empty={t('prevention.noScores')}
        pagination={{ current: page, pageSize: 20, total: cards.data?.total ?? 0, hideOnSinglePage: true }}
        onChange={(p) => set({ page: p.current }, false)}
        columns={[
          { title: t('prevention.rank'), dataIndex: 'rank', width: 64 },
          {
            title: by === 'outlet' ? t('complaints.outlet') : t('prevention.person'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <span>
                {v}
                {r.code ? (
                  <span className="ld-muted ld-mono" style={{ marginInlineStart: 6 }}>
                    {r.code}
                  </span>
                ) : null}
              </span>
            ),
          },
          ...(by === 'staff' ? [{ title: t('complaints.outlet'), dataIndex: 'outletName' }] : []),
          { title: t('prevention.complaints'), dataIndex: 'complaints', width: 110, align: 'right' as const },
          {
            title: t('prevention.points'),
            dataIndex: 'points',
            width: 110,
            align: 'right' as const,
            render: (v: number) => (
              <strong style={{ color: v > 0 ? '#cf1322' : undefined }}>
                {v > 0 ? `−${formatNumber(v)}` : 0}
              </strong>
            ),
          },
        ]}
      />
    </>
  );
}

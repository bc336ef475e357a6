import type { LobbyMode } from '@liangdian/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Segmented, Skeleton, Space, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { canEditLobbySetup, canRunLobbyRecommend } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { LinkTabs, useTabAddress } from '../../components/LinkTabs';
import { useUrlState } from '../../components/useUrlState';
import { useBusyCall } from '../../components/useBusyCall';
import { useI18n } from '../../i18n/i18n';
import { beijingToday } from '../../time';
import { useOutlet } from '../outlets/OutletDetailPage';
import { BackfillRules } from './BackfillRules';
import { LobbyNav } from './LobbyNav';
import { planKey, useLobbySettings, useModePlan, weekdayOf } from './PlanApi';
import { ModeSwatch, PlanGrid, weekdayKey } from './PlanGrid';
import { PlanCalibration } from './PlanCalibration';
import { PlanForecast } from './PlanForecast';
import { PlanRecommend } from './PlanRecommend';
import { SettingsForm } from './SettingsForm';

const TABS = ['plan', 'forecast', 'calibration', 'rules', 'settings'] as const;
type Tab = (typeof TABS)[number];
/** 08:00–18:00 as half-hour slots: the working day with an hour either side of 09:00–17:00. */
const HOURS = { from: 16, to: 36 };

/** 模式与补位: the weekly mode plan with its recommendation, backfill rules and lobby settings. */
export function ModePlanPage() {
  const { outletId = '' } = useParams();
  const { t } = useI18n();
  const user = useUser();
  const outlet = useOutlet(outletId);
  const [s, _set] = useUrlState(['tab'] as const, { tab: 'plan' });
  const tab: Tab = (TABS as readonly string[]).includes(s.tab) ? (s.tab as Tab) : 'plan';
  const editable = canEditLobbySetup(user, outletId);
  const tabAddress = useTabAddress('tab', 'plan');
  const name = outlet.data?.name ?? '';

  return (
    <>
      <PageHeader
        title={t('nav.lobbyPlan')}
        subTitle={name}
        crumbs={[{ title: t('nav.lobby'), to: `/lobby/${outletId}` }, { title: t('nav.lobbyPlan') }]}
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <LobbyNav outletId={outletId} active="plan" />
        <LinkTabs
          activeKey={tab}
          type="card"
          size="small"
          items={[
            {
              key: 'plan',
              label: t('lobby.setup.tab.plan'),
              to: tabAddress('plan'),
              children: <PlanSection outletId={outletId} editable={editable} />,
            },
            {
              key: 'forecast',
              label: t('lobby.forecast.tab'),
              to: tabAddress('forecast'),
              children: <PlanForecast outletId={outletId} />,
            },
            {
              key: 'calibration',
              label: t('lobby.setup.tab.calibration'),
              to: tabAddress('calibration'),
              children: <PlanCalibration outletId={outletId} />,
            },
            {
              key: 'rules',
              label: t('lobby.setup.tab.rules'),
              to: tabAddress('rules'),
              children: <BackfillRules outletId={outletId} editable={editable} />,
            },
            {
              key: 'settings',
              label: t('lobby.setup.tab.settings'),
              to: tabAddress('settings'),
              children: <SettingsForm outletId={outletId} editable={editable} />,
            },
          ]}
        />
      </Card>
    </>
  );
}

const same = (a: LobbyMode[][], b: LobbyMode[][]) => a.every((d, i) => d.every((m, j) => m === b[i]?.[j]));

function PlanSection({ outletId, editable }: { outletId: string; editable: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const plan = useModePlan(outletId);
  const settings = useLobbySettings(outletId);
  const [draft, setDraft] = useState<LobbyMode[][] | null>(null);
  const { busy, run } = useBusyCall();
  const [applied, setApplied] = useState<number | null>(null);
  const [range, setRange] = useState<'hours' | 'day' | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const days = draft ?? plan.data?.days ?? null;
  const dirty = !!(draft && plan.data && !same(draft, plan.data.days));
  const today = weekdayOf(beijingToday());

  // A plan with rotating half hours outside 08:00–18:00 opens on the whole day.
  const outside = useMemo(
    () =>
      (plan.data?.days ?? []).some((d) =>
        d.some((m, i) => m === 'rotating' && (i < HOURS.from || i >= HOURS.to)),
      ),
    [plan.data],
  );
  const shown = range ?? (outside ? 'day' : 'hours');

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = async () => {
    if (!draft) return;
    await run(
      () => api.put('/outlets/:outletId/mode-plan', { params: { outletId }, body: { days: draft } }),
      (saved) => {
        queryClient.setQueryData(planKey(outletId), saved);
        setDraft(null);
        setApplied(null);
        message.success(t('lobby.setup.plan.saved'));
      },
    );
  };

  if (plan.error) return <QueryError error={plan.error} onRetry={() => plan.refetch()} />;
  if (!days) return <Skeleton active paragraph={{ rows: 8 }} />;

  const rotatingHours = (w: number) => (days[w] ?? []).filter((m) => m === 'rotating').length / 2;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div ref={gridRef}>
        <div className="ld-toolbar" style={{ flexWrap: 'wrap' }}>
          <Space wrap size={16}>
            <ModeSwatch mode="fixed" />
            <ModeSwatch mode="rotating" />
            <Segmented
              size="small"
              value={shown}
              onChange={(v) => setRange(v as 'hours' | 'day')}
              options={[
                { value: 'hours', label: t('lobby.setup.plan.rangeHours') },
                { value: 'day', label: t('lobby.setup.plan.rangeDay') },
              ]}
              data-testid="plan-range"
            />
          </Space>
          <Space wrap>
            {dirty ? (
              <Tag color="warning" data-testid="plan-dirty">
                {t('lobby.setup.unsaved')}
              </Tag>
            ) : null}
            {editable && dirty ? (
              <Button
                onClick={() => {
                  setDraft(null);
                  setApplied(null);
                }}
              >
                {t('lobby.setup.discard')}
              </Button>
            ) : null}
            {editable ? (
              <Button type="primary" loading={busy} disabled={!dirty} onClick={save} data-testid="plan-save">
                {t('common.save')}
              </Button>
            ) : null}
          </Space>
        </div>
        {editable ? (
          <p className="ld-muted" style={{ margin: '0 0 8px' }}>
            {t('lobby.setup.plan.hint')}
          </p>
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('lobby.setup.readOnly')} />
        )}
        {applied !== null && dirty ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="plan-applied"
            title={t('lobby.setup.plan.appliedSaveHint', { day: t(weekdayKey(applied)) })}
          />
        ) : null}
        <PlanGrid
          days={days}
          onChange={setDraft}
          editable={editable}
          from={shown === 'hours' ? HOURS.from : 0}
          to={shown === 'hours' ? HOURS.to : 48}
          highlight={applied}
          today={today}
        />
        <div className="ld-muted" style={{ marginTop: 8, fontSize: 12 }}>
          {t('lobby.setup.plan.summary', {
            list: [0, 1, 2, 3, 4, 5, 6].map((w) => `${t(weekdayKey(w))} ${rotatingHours(w)} h`).join(' · '),
          })}
        </div>
      </div>
      <PlanRecommend
        outletId={outletId}
        canRun={canRunLobbyRecommend(user, outletId)}
        defaultWeekday={today}
        serviceLevelTarget={settings.data?.serviceLevelTarget ?? null}
        targetWaitMinutes={settings.data?.targetWaitMinutes ?? null}
        onApply={
          editable
            ? (weekday, day) => {
                setDraft(days.map((d, i) => (i === weekday ? [...day] : d)));
                setApplied(weekday);
                gridRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }
            : null
        }
      />
    </Space>
  );
}

import { addDays } from '@liangdian/engine/time';
import { allows } from '@liangdian/shared';
import type { RosterShift } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, downloadFrom } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { beijingToday } from '../../time';
import { LobbyNav } from '../lobby/LobbyNav';
import { useOutlet } from '../outlets/OutletDetailPage';
import { mondayOf } from '../staffing/StaffingRequirementPage';
import { RosterCoverage } from './RosterCoverage';
import { RosterStatus } from './RosterStatus';
import { RosterVersions } from './RosterVersions';
import { RosterWeekGrid } from './RosterWeekGrid';
import { usePostName, weekKey } from './rosterShared';
import { ShiftModal } from './ShiftModal';
import { SolveProgress, useSolve } from './SolvePanel';
import { useShiftEdit } from './useShiftEdit';
import './roster.css';

export { usePostName } from './rosterShared';

/** 周排班: the week's roster of an outlet, people × days; solve, edit (drag or dialog), publish, export, print. */
export function RosterPage() {
  const { outletId = '' } = useParams();
  const { t } = useI18n();
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
  const [editing, setEditing] = useState<{ staffId: string; day: string; shift: RosterShift | null } | null>(
    null,
  );
  const [publishing, setPublishing] = useState(false);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const refresh = () => queryClient.invalidateQueries({ queryKey: weekKey(outletId, week) });
  const { run, running, solve, cancel } = useSolve(outletId, week, refresh);
  const edit = useShiftEdit(outletId, week);

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
                    { params: { outletId, week } },
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
          <Space wrap style={{ display: 'flex', marginBottom: 12 }} data-testid="roster-settings-links">
            <Link to={`/lobby/${outletId}/roster/rules`} data-testid="roster-link-rules">
              <Button size="small">{t('roster.link.rules')}</Button>
            </Link>
            <Link to={`/lobby/${outletId}/roster/leave`} data-testid="roster-link-leave">
              <Button size="small">{t('roster.link.leave')}</Button>
            </Link>
            <Link to={`/lobby/${outletId}/roster/preferences`} data-testid="roster-link-preferences">
              <Button size="small">{t('roster.link.preferences')}</Button>
            </Link>
          </Space>
          <SolveProgress run={run} onCancel={cancel} />
        </div>
        <QueryError error={q.error} onRetry={() => q.refetch()} />
        {q.data && !r ? (
          <Alert type="info" showIcon title={t('roster.none')} data-testid="roster-none" />
        ) : null}
        {r ? (
          <>
            <div className="ld-no-print">
              <RosterStatus roster={r} />
              {editable ? (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('roster.dragHelp')}
                </Typography.Paragraph>
              ) : null}
              {edit.refused ? (
                <Alert
                  type="error"
                  showIcon
                  closable={{ onClose: edit.clearRefused }}
                  style={{ marginBottom: 8 }}
                  title={t('roster.dragRefused')}
                  description={edit.refused.text}
                  data-testid="roster-drag-refused"
                />
              ) : null}
            </div>
            <h2 className="ld-print-only">
              {outlet.data?.name} · {t('roster.title')} ·{' '}
              {t('staffing.week', { from: week, to: addDays(week, 6) })} · v{r.version}
            </h2>
            <RosterWeekGrid
              roster={r}
              days={days}
              editable={editable}
              onEdit={setEditing}
              onMove={(shift, to) => void edit.move(shift, to)}
              onResize={(shift, end) => void edit.resize(shift, end)}
              postName={postName}
              busy={edit.busy}
            />
            <div className="ld-no-print">
              <RosterCoverage roster={r} days={days} postName={postName} />
              <RosterVersions items={versions.data?.items ?? []} />
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

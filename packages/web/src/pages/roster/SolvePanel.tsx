import type { SolveRun } from '@liangdian/shared/api';
import { Alert, App, Button, Progress, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';

/** 求解排班: starts a solve, polls its run (progress, elapsed seconds) and cancels it. */
export function useSolve(outletId: string, week: string, onEnd: () => Promise<unknown>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [run, setRun] = useState<SolveRun | null>(null);

  const poll = async (runId: string) => {
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 700));
      const now = await api.get('/outlets/:outletId/rosters/:week/solve/:runId', {
        params: { outletId, week, runId },
      });
      setRun(now);
      if (now.state !== 'running') {
        await onEnd();
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
  return { run, running: run?.state === 'running', solve, cancel };
}

/** The run's progress line with its cancel button, or how it ended (cancelled, failed). */
export function SolveProgress({ run, onCancel }: { run: SolveRun | null; onCancel: () => void }) {
  const { t, formatNumber } = useI18n();
  if (!run) return null;
  if (run.state === 'running')
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="roster-running"
        title={
          <Space wrap>
            <span>{t('roster.solving', { s: formatNumber(Math.round(run.elapsedSeconds)) })}</span>
            <Progress percent={Math.round(run.progress * 100)} size="small" style={{ width: 160 }} />
            <Button size="small" danger onClick={onCancel} data-testid="roster-cancel">
              {t('roster.cancel')}
            </Button>
          </Space>
        }
      />
    );
  if (run.state === 'cancelled')
    return <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('roster.cancelled')} />;
  if (run.state === 'failed')
    return (
      <Alert type="error" showIcon style={{ marginBottom: 12 }} title={run.error ?? t('roster.failed')} />
    );
  return null;
}

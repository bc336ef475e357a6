import type { Roster } from '@liangdian/shared/api';
import { Alert, Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/i18n';

/** The version, the solver's status and gap, the conflicts in words and the rules broken. */
export function RosterStatus({ roster: r }: { roster: Roster }) {
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

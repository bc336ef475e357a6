import { Card, Empty, Select } from 'antd';
import { useEffect } from 'react';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { OutletSelect } from '../../components/OutletSelect';
import { PageHeader } from '../../components/PageHeader';
import { LinkTabs, useTabAddress } from '../../components/LinkTabs';
import { useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { businessTypeName, useBusinessTypes } from '../business-types/useBusinessTypes';
import { QuizPanel, QuizResults } from './QuizPanel';
import { TenQuestionsEditor, useTenQuestions } from './TenQuestionsEditor';
import './TenQuestions.css';

const KEYS = ['outletId', 'line', 'tab', 'staffId', 'rpage'] as const;

export function TenQuestionsPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const [s, set] = useUrlState(KEYS, { tab: 'questions' });
  const tabAddress = useTabAddress('tab', 'questions');
  const types = useBusinessTypes();
  const lines = (types.data?.items ?? []).filter((b) => b.active || b.code === s.line);
  const outletId = user.outletId ?? (s.outletId || null);
  const line = s.line || null;
  const lineName = (code: string) => {
    const b = types.data?.items.find((x) => x.code === code);
    return b ? businessTypeName(b, locale) : code;
  };
  const questions = useTenQuestions(outletId, line);

  // the first business line by default, so the page opens on something
  useEffect(() => {
    if (!s.line && lines[0]) set({ line: lines[0].code }, false);
  }, [s.line, lines, set]);

  return (
    <>
      <PageHeader
        title={t('nav.tenQuestions')}
        subTitle={t('coaching.tq.subtitle')}
        crumbs={[{ title: t('nav.group.complaints') }, { title: t('nav.tenQuestions') }]}
      />
      <Card variant="borderless">
        <div className="ld-filters">
          {user.outletId ? (
            <span className="ld-tq-fixed" data-testid="tq-outlet">
              {user.outletName}
            </span>
          ) : (
            <OutletSelect
              value={s.outletId || null}
              onChange={(v) => set({ outletId: v, staffId: '', rpage: '' })}
              style={{ width: 220 }}
            />
          )}
          <Select
            value={line ?? undefined}
            onChange={(v) => set({ line: v })}
            loading={types.isLoading}
            placeholder={t('coaching.tq.pickLine')}
            options={lines.map((b) => ({ value: b.code, label: businessTypeName(b, locale) }))}
            style={{ width: 200 }}
            data-testid="tq-line"
          />
        </div>
        {!outletId || !line ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coaching.tq.pickFirst')} />
        ) : (
          <LinkTabs
            activeKey={s.tab}
            items={[
              {
                key: 'questions',
                to: tabAddress('questions'),
                label: t('coaching.tq.tabQuestions', { n: questions.data?.items.length ?? 0 }),
                children: (
                  <TenQuestionsEditor
                    outletId={outletId}
                    line={line}
                    lineName={lineName(line)}
                    mayEdit={complaintCan.coaches(user, outletId)}
                  />
                ),
              },
              {
                key: 'quiz',
                to: tabAddress('quiz'),
                label: t('coaching.tq.tabQuiz'),
                children: (
                  <QuizPanel
                    outletId={outletId}
                    line={line}
                    lineName={lineName(line)}
                    available={questions.data?.items.length ?? 0}
                    mayRecord={complaintCan.recordQuiz(user, outletId)}
                  />
                ),
              },
              {
                key: 'results',
                to: tabAddress('results'),
                label: t('coaching.tq.tabResults'),
                children: (
                  <QuizResults
                    outletId={outletId}
                    staffId={s.staffId}
                    page={s.rpage}
                    onChange={(p) => set(p, false)}
                    lineName={lineName}
                  />
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

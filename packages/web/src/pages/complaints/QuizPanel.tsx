import { CheckCircleFilled, CloseCircleFilled, ThunderboltOutlined } from '@ant-design/icons';
import type { QuizRecorded, QuizResult, TenQuestionsQuiz as Quiz } from '@liangdian/shared/api';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, InputNumber, Progress, Radio, Result, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/TableToolbar';
import { QueryTable } from '../../components/QueryTable';
import { toInt } from '../../components/useUrlState';
import { useBusyCall } from '../../components/useBusyCall';
import { useI18n } from '../../i18n/i18n';
import { StaffOfOutletSelect } from './DrillStaffSelect';
import { MAX_QUESTIONS } from './TenQuestionsEditor';
import { usePagination } from '../../components/usePagination';

/** Green from 80 % right, amber from 60 %, red below. */
function quizColor(r: Pick<QuizResult, 'correct' | 'total'>): string {
  const p = r.total ? r.correct / r.total : 0;
  return p >= 0.8 ? '#389e0d' : p >= 0.6 ? '#d48806' : '#cf1322';
}

/** A quiz: the server draws questions for a staff member, the evaluator marks each answer. */
export function QuizPanel({
  outletId,
  line,
  lineName,
  available,
  mayRecord,
}: {
  outletId: string;
  line: string;
  lineName: string;
  /** questions saved for this outlet and line */
  available: number;
  mayRecord: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [staffId, setStaffId] = useState<string | null>(null);
  const [count, setCount] = useState(5);
  const [quiz, setQuiz] = useState<Quiz | null>(null);
  const [marks, setMarks] = useState<Record<string, boolean>>({});
  const { busy: drawing, run: runDraw } = useBusyCall();
  const { busy: saving, run: runRecord } = useBusyCall();
  const [result, setResult] = useState<QuizRecorded | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new outlet or line starts over
  useEffect(() => {
    setQuiz(null);
    setResult(null);
    setStaffId(null);
  }, [outletId, line]);

  const draw = async () => {
    if (!staffId) return;
    await runDraw(
      () =>
        api.get('/outlets/:outletId/ten-questions/:line/quiz', {
          params: { outletId, line },
          query: { staffId, count: Math.min(count, Math.max(available, 1)) },
        }),
      (q) => {
        setQuiz(q);
        setMarks({});
        setResult(null);
      },
    );
  };

  const record = async () => {
    if (!quiz) return;
    await runRecord(
      () =>
        api.post('/outlets/:outletId/ten-questions/:line/quiz-results', {
          params: { outletId, line },
          body: {
            staffId: quiz.staffId,
            questionIds: quiz.questions.map((q) => q.id),
            correctIds: quiz.questions.filter((q) => marks[q.id]).map((q) => q.id),
          },
        }),
      (r) => {
        setResult(r);
        setQuiz(null);
        message.success(t('coaching.quiz.recorded'));
        queryClient.invalidateQueries({ queryKey: ['quiz-results'] });
      },
    );
  };

  const marked = quiz ? quiz.questions.filter((q) => q.id in marks).length : 0;
  const correct = quiz ? quiz.questions.filter((q) => marks[q.id]).length : 0;

  return (
    <div data-testid="quiz-panel">
      {available === 0 ? (
        <Alert type="warning" showIcon title={t('coaching.quiz.noQuestions', { line: lineName })} />
      ) : (
        <div className="ld-filters">
          <StaffOfOutletSelect
            outletId={outletId}
            value={staffId}
            onChange={(v) => setStaffId(typeof v === 'string' ? v : null)}
            style={{ width: 220 }}
            testId="quiz-staff"
          />
          <span className="ld-quiz-count">
            <span className="ld-muted">{t('coaching.quiz.count')}</span>
            <InputNumber
              min={1}
              max={Math.min(MAX_QUESTIONS, available)}
              precision={0}
              value={Math.min(count, available)}
              onChange={(v) => setCount(v ?? 1)}
              style={{ width: 72 }}
              aria-label={t('coaching.quiz.count')}
            />
          </span>
          <Button
            type="primary"
            icon={<ThunderboltOutlined />}
            onClick={draw}
            loading={drawing}
            disabled={!staffId}
            data-testid="quiz-draw"
          >
            {quiz ? t('coaching.quiz.redraw') : t('coaching.quiz.draw')}
          </Button>
        </div>
      )}
      {result ? (
        <Result
          icon={
            <Progress
              type="circle"
              size={96}
              percent={result.total ? Math.round((result.correct / result.total) * 100) : 0}
              strokeColor={quizColor(result)}
            />
          }
          title={t('coaching.quiz.resultTitle', { name: result.staffName })}
          subTitle={t('coaching.quiz.resultScore', { correct: result.correct, total: result.total })}
          data-testid="quiz-result"
          style={{ padding: '24px 0' }}
        />
      ) : null}
      {quiz ? (
        <div data-testid="quiz-sheet">
          <p className="ld-muted" style={{ marginTop: 0 }}>
            {t('coaching.quiz.intro', { name: quiz.staffName, n: quiz.questions.length, line: lineName })}
          </p>
          <ol className="ld-tq-list">
            {quiz.questions.map((q, i) => (
              <li key={q.id} className="ld-tq-item ld-quiz-item" data-testid="quiz-question">
                <div className="ld-tq-no">{i + 1}</div>
                <div className="ld-tq-fields">
                  <div className="ld-tq-q">{q.question}</div>
                  <div className="ld-tq-a ld-pre">
                    <span className="ld-muted">{t('coaching.quiz.standard')}：</span>
                    {q.answer}
                  </div>
                </div>
                <div className="ld-quiz-mark">
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    value={q.id in marks ? (marks[q.id] ? 'right' : 'wrong') : null}
                    onChange={(e) => setMarks((m) => ({ ...m, [q.id]: e.target.value === 'right' }))}
                    aria-label={t('coaching.quiz.markN', { n: i + 1 })}
                  >
                    <Radio.Button value="right" className="ld-quiz-right">
                      <span data-testid="quiz-right">
                        <CheckCircleFilled /> {t('coaching.quiz.right')}
                      </span>
                    </Radio.Button>
                    <Radio.Button value="wrong" className="ld-quiz-wrong">
                      <span data-testid="quiz-wrong">
                        <CloseCircleFilled /> {t('coaching.quiz.wrong')}
                      </span>
                    </Radio.Button>
                  </Radio.Group>
                </div>
              </li>
            ))}
          </ol>
          <div className="ld-rubric-total">
            <span>
              {t('coaching.quiz.progress', { marked, total: quiz.questions.length })} ·{' '}
              <strong>{t('coaching.quiz.correctSoFar', { n: correct })}</strong>
            </span>
            {mayRecord ? (
              <Button
                type="primary"
                onClick={record}
                loading={saving}
                disabled={marked < quiz.questions.length}
                data-testid="quiz-record"
              >
                {t('coaching.quiz.record')}
              </Button>
            ) : (
              <span className="ld-muted">{t('coaching.quiz.mayNotRecord')}</span>
            )}
          </div>
        </div>
      ) : !result && available > 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coaching.quiz.howTo')} />
      ) : null}
    </div>
  );
}

/** Recorded quiz results, paged, filtered by outlet and staff member, exportable. */
export function QuizResults({
  outletId,
  staffId,
  page,
  onChange,
  lineName,
}: {
  outletId: string;
  staffId: string;
  page: string;
  onChange: (p: { staffId?: string; rpage?: string | number }) => void;
  lineName: (code: string) => string;
}) {
  const { t, formatDateTime } = useI18n();
  const pagination = usePagination();
  const current = toInt(page, 1);
  const filters = { outletId, staffId };
  const list = useQuery({
    queryKey: ['quiz-results', filters, current],
    queryFn: () => api.get('/quiz-results', { query: { ...filters, page: current, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  return (
    <div data-testid="quiz-results">
      <FilterBar
        end={<ExportButton list="/quiz-results" query={filters} filename="ten-question-quizzes.xlsx" />}
      >
        <StaffOfOutletSelect
          outletId={outletId}
          value={staffId || null}
          onChange={(v) => onChange({ staffId: typeof v === 'string' ? v : '', rpage: '' })}
          placeholder={t('coaching.quiz.allStaff')}
          style={{ width: 220 }}
          testId="quiz-results-staff"
        />
      </FilterBar>
      <QueryTable<QuizResult>
        query={list}
        data-testid="quiz-results-table"
        scroll={{ x: 600 }}
        empty={t('coaching.quiz.noResults')}
        pagination={pagination(current, 20, list.data?.total ?? 0, { showSizeChanger: false })}
        onChange={(p) => onChange({ rpage: p.current })}
        columns={[
          {
            title: t('coaching.quiz.takenAt'),
            dataIndex: 'takenAt',
            width: 160,
            render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
          },
          { title: t('coaching.quiz.staff'), dataIndex: 'staffName', width: 120 },
          {
            title: t('coaching.tq.line'),
            dataIndex: 'businessLine',
            width: 140,
            render: (v: string) => <Tag>{lineName(v)}</Tag>,
          },
          {
            title: t('coaching.quiz.score'),
            key: 'score',
            render: (_: unknown, r) => {
              const p = r.total ? Math.round((r.correct / r.total) * 100) : 0;
              return (
                <div className="ld-quiz-score" data-testid="quiz-result-score">
                  <strong>{t('coaching.quiz.resultScore', { correct: r.correct, total: r.total })}</strong>
                  <Progress
                    percent={p}
                    size="small"
                    strokeColor={quizColor(r)}
                    style={{ margin: 0, maxWidth: 220 }}
                  />
                </div>
              );
            },
          },
        ]}
      />
    </div>
  );
}

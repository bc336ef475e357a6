import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  PrinterOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { TenQuestion } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, Popconfirm, Skeleton, Tag, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useBusyCall } from '../../components/useBusyCall';
import { useI18n } from '../../i18n/i18n';

export const MAX_QUESTIONS = 10;

interface Row {
  key: number;
  question: string;
  answer: string;
}

/** A button beside a question: `key` names its label (`coaching.tq.<key>`) and test id (`tq-<key>`). */
interface RowAction {
  key: 'up' | 'down' | 'remove';
  icon: ReactNode;
  disabled?: boolean;
  danger?: boolean;
  act: () => void;
}

export function useTenQuestions(outletId: string | null, line: string | null) {
  return useQuery({
    queryKey: ['ten-questions', outletId, line],
    queryFn: () =>
      api.get('/outlets/:outletId/ten-questions/:line', {
        params: { outletId: outletId ?? '', line: line ?? '' },
      }),
    enabled: !!outletId && !!line,
  });
}

/** The ordered list editor: add, edit, move, remove; at most ten; saved as a whole. */
export function TenQuestionsEditor({
  outletId,
  line,
  lineName,
  mayEdit,
}: {
  outletId: string;
  line: string;
  lineName: string;
  mayEdit: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const questions = useTenQuestions(outletId, line);
  const [rows, setRows] = useState<Row[]>([]);
  const [tried, setTried] = useState(false);
  const [full, setFull] = useState(false);
  const { busy, run } = useBusyCall();
  const nextKey = useRef(1);

  const fromServer = (items: TenQuestion[]) =>
    items.map((q) => ({ key: nextKey.current++, question: q.question, answer: q.answer }));

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the server list changes
  useEffect(() => {
    if (questions.data) {
      setRows(fromServer(questions.data.items));
      setTried(false);
      setFull(false);
    }
  }, [questions.data]);

  const saved = questions.data?.items ?? [];
  const dirty =
    rows.length !== saved.length ||
    rows.some((r, i) => r.question !== saved[i]?.question || r.answer !== saved[i]?.answer);
  const updatedAt = saved
    .map((q) => q.updatedAt)
    .sort()
    .pop();

  const patch = (key: number, p: Partial<Row>) =>
    setRows((old) => old.map((r) => (r.key === key ? { ...r, ...p } : r)));
  const move = (i: number, d: -1 | 1) =>
    setRows((old) => {
      const next = [...old];
      const [r] = next.splice(i, 1);
      if (r) next.splice(i + d, 0, r);
      return next;
    });
  const remove = (key: number) => setRows((old) => old.filter((x) => x.key !== key));
  /** The buttons of row `i`: up, down, remove. */
  const rowActions = (i: number, key: number): RowAction[] => [
    { key: 'up', icon: <ArrowUpOutlined />, disabled: i === 0, act: () => move(i, -1) },
    { key: 'down', icon: <ArrowDownOutlined />, disabled: i === rows.length - 1, act: () => move(i, 1) },
    { key: 'remove', icon: <DeleteOutlined />, danger: true, act: () => remove(key) },
  ];
  const add = () => {
    if (rows.length >= MAX_QUESTIONS) {
      setFull(true);
      message.warning(t('coaching.tq.full'));
      return;
    }
    setRows((old) => [...old, { key: nextKey.current++, question: '', answer: '' }]);
  };

  const save = async () => {
    setTried(true);
    if (rows.some((r) => !r.question.trim() || !r.answer.trim())) {
      message.error(t('coaching.tq.incomplete'));
      return;
    }
    await run(
      () =>
        api.put('/outlets/:outletId/ten-questions/:line', {
          params: { outletId, line },
          body: { questions: rows.map((r) => ({ question: r.question.trim(), answer: r.answer.trim() })) },
        }),
      (res) => {
        queryClient.setQueryData(['ten-questions', outletId, line], res);
        message.success(t('coaching.tq.saved', { n: res.items.length }));
      },
      (e) => {
        if (e instanceof ApiError && e.code === 'TEN_QUESTIONS_FULL') setFull(true);
      },
    );
  };

  if (questions.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;

  return (
    <div data-testid="tq-editor">
      <QueryError error={questions.error} onRetry={() => questions.refetch()} />
      <div className="ld-toolbar ld-tq-toolbar">
        <span className="ld-muted">
          {t('coaching.tq.count', { n: rows.length, max: MAX_QUESTIONS, line: lineName })}
          {updatedAt ? ` · ${t('coaching.tq.updated', { time: formatDateTime(updatedAt) })}` : ''}
          {dirty ? (
            <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid="tq-dirty">
              {t('coaching.tq.unsaved')}
            </Tag>
          ) : null}
        </span>
        <span className="ld-tq-actions">
          <Tooltip title={dirty ? t('coaching.tq.printSavedOnly') : undefined}>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => navigate(`/ten-questions/${outletId}/${line}/card`)}
              disabled={!saved.length}
              data-testid="tq-print"
            >
              {t('coaching.tq.printCard')}
            </Button>
          </Tooltip>
          {mayEdit ? (
            <>
              {dirty ? (
                <Popconfirm
                  title={t('coaching.tq.discardConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => {
                    setRows(fromServer(saved));
                    setTried(false);
                    setFull(false);
                  }}
                >
                  <Button icon={<UndoOutlined />} data-testid="tq-discard">
                    {t('coaching.tq.discard')}
                  </Button>
                </Popconfirm>
              ) : null}
              <Button type="primary" onClick={save} loading={busy} disabled={!dirty} data-testid="tq-save">
                {t('common.save')}
              </Button>
            </>
          ) : null}
        </span>
      </div>
      {!mayEdit ? (
        <Alert type="info" showIcon title={t('coaching.tq.readOnly')} style={{ marginBottom: 12 }} />
      ) : null}
      {rows.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('coaching.tq.empty', { line: lineName })}
        />
      ) : (
        <ol className="ld-tq-list">
          {rows.map((r, i) => (
            <li key={r.key} className="ld-tq-item" data-testid="tq-item">
              <div className="ld-tq-no">{i + 1}</div>
              <div className="ld-tq-fields">
                {mayEdit ? (
                  <>
                    <Input
                      value={r.question}
                      onChange={(e) => patch(r.key, { question: e.target.value })}
                      placeholder={t('coaching.tq.question')}
                      aria-label={t('coaching.tq.questionN', { n: i + 1 })}
                      maxLength={500}
                      status={tried && !r.question.trim() ? 'error' : undefined}
                      data-testid="tq-question"
                    />
                    <Input.TextArea
                      value={r.answer}
                      onChange={(e) => patch(r.key, { answer: e.target.value })}
                      placeholder={t('coaching.tq.answer')}
                      aria-label={t('coaching.tq.answerN', { n: i + 1 })}
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      maxLength={5000}
                      status={tried && !r.answer.trim() ? 'error' : undefined}
                      data-testid="tq-answer"
                    />
                  </>
                ) : (
                  <>
                    <div className="ld-tq-q">{r.question}</div>
                    <div className="ld-tq-a ld-pre">{r.answer}</div>
                  </>
                )}
              </div>
              {mayEdit ? (
                <div className="ld-tq-buttons">
                  {rowActions(i, r.key).map((b) => (
                    <Tooltip key={b.key} title={t(`coaching.tq.${b.key}`)}>
                      <Button
                        size="small"
                        danger={b.danger}
                        icon={b.icon}
                        disabled={b.disabled}
                        onClick={b.act}
                        aria-label={t(`coaching.tq.${b.key}`)}
                        data-testid={`tq-${b.key}`}
                      />
                    </Tooltip>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {full ? (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setFull(false) }}
          title={t('coaching.tq.full')}
          description={t('coaching.tq.fullHint')}
          style={{ marginBottom: 12 }}
          data-testid="tq-full"
        />
      ) : null}
      {mayEdit ? (
        <div className="ld-tq-bottom">
          <Button type="dashed" icon={<PlusOutlined />} onClick={add} data-testid="tq-add">
            {t('coaching.tq.add', { n: rows.length, max: MAX_QUESTIONS })}
          </Button>
          <Button type="primary" onClick={save} loading={busy} disabled={!dirty} data-testid="tq-save-bottom">
            {t('common.save')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

import type { TenQuestion } from '@liangdian/shared/api';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Segmented, Skeleton } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { businessTypeName, useBusinessTypes } from '../business-types/useBusinessTypes';
import { useTenQuestions } from './TenQuestionsEditor';
import './TenQuestions.css';

type Layout = 'a4' | 'a5';

/**
 * The ten questions of an outlet's business line as a printable card: one A4 page, or two A5
 * copies on one A4 sheet to cut apart. Print CSS hides the app around it.
 */
export function TenQuestionsCardPage() {
  const { outletId = '', line = '' } = useParams();
  const { t, locale, formatDate } = useI18n();
  const { meta } = useAuth();
  const [layout, setLayout] = useState<Layout>('a4');
  const [overflow, setOverflow] = useState(false);
  const cardRef = useRef<HTMLElement>(null);
  const questions = useTenQuestions(outletId, line);
  const outlet = useQuery({
    queryKey: ['outlet', outletId],
    queryFn: () => api.get('/outlets/:outletId', { params: { outletId } }),
  });
  const types = useBusinessTypes();
  const bt = types.data?.items.find((b) => b.code === line);
  const lineName = bt ? businessTypeName(bt, locale) : line;
  const items: TenQuestion[] = questions.data?.items ?? [];
  const updated = items
    .map((q) => q.updatedAt)
    .sort()
    .pop();

  useEffect(() => {
    document.body.classList.add('ld-printing-page');
    return () => document.body.classList.remove('ld-printing-page');
  }, []);

  // Two A5 cards per sheet only work when the list fits half a page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: measure again when the content or layout changes
  useLayoutEffect(() => {
    const el = cardRef.current;
    setOverflow(!!el && layout === 'a5' && el.scrollHeight > el.clientHeight + 1);
  }, [layout, items, outlet.data, lineName]);

  const card = (copy: number) => (
    <article
      key={copy}
      ref={copy === 0 ? cardRef : undefined}
      className="ld-tq-card"
      lang={locale}
      data-testid={copy === 0 ? 'tq-card' : undefined}
      aria-hidden={copy > 0 ? true : undefined}
    >
      <header className="ld-tq-card-head">
        <div className="ld-tq-card-bank">{meta?.bankName ?? ''}</div>
        <h1 className="ld-tq-card-title">{t('coaching.card.heading', { line: lineName })}</h1>
        <div className="ld-tq-card-sub">
          <span data-testid={copy === 0 ? 'tq-card-outlet' : undefined}>{outlet.data?.name ?? ''}</span>
          <span>{t('coaching.card.count', { n: items.length })}</span>
        </div>
      </header>
      <ol className="ld-tq-card-list">
        {items.map((q, i) => (
          <li key={q.id} data-testid={copy === 0 ? 'tq-card-item' : undefined}>
            <div className="ld-tq-card-q">
              <span className="ld-tq-card-no">{i + 1}</span>
              {q.question}
            </div>
            <div className="ld-tq-card-a">{q.answer}</div>
          </li>
        ))}
      </ol>
      <footer className="ld-tq-card-foot">
        <span>{t('coaching.card.internal')}</span>
        <span>{updated ? t('coaching.card.updated', { date: formatDate(updated) }) : ''}</span>
      </footer>
    </article>
  );

  const ready = questions.data && outlet.data;

  return (
    <>
      <div className="ld-no-print">
        <PageHeader
          title={t('coaching.card.title')}
          crumbs={[
            { title: t('nav.group.complaints') },
            { title: t('nav.tenQuestions'), to: `/ten-questions?outletId=${outletId}&line=${line}` },
            { title: t('coaching.card.title') },
          ]}
          extra={
            <>
              <Link to={`/ten-questions?outletId=${outletId}&line=${line}`}>
                <Button icon={<ArrowLeftOutlined />}>{t('coaching.card.back')}</Button>
              </Link>
              <Segmented
                value={layout}
                onChange={(v) => setLayout(v as Layout)}
                options={[
                  { value: 'a4', label: t('coaching.card.layoutA4') },
                  { value: 'a5', label: t('coaching.card.layoutA5') },
                ]}
                data-testid="tq-card-layout"
              />
              <Button
                type="primary"
                icon={<PrinterOutlined />}
                onClick={() => window.print()}
                disabled={!items.length}
                data-testid="tq-card-print"
              >
                {t('coaching.card.print')}
              </Button>
            </>
          }
        />
        <QueryError error={questions.error ?? outlet.error} onRetry={() => questions.refetch()} />
        {overflow ? (
          <Alert
            type="warning"
            showIcon
            title={t('coaching.card.tooLong')}
            style={{ marginBottom: 12 }}
            data-testid="tq-card-overflow"
          />
        ) : null}
      </div>
      {!ready ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : items.length === 0 ? (
        <Card variant="borderless">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('coaching.tq.empty', { line: lineName })}
          />
        </Card>
      ) : (
        <div className={`ld-tq-sheet ld-tq-sheet-${layout}`} data-testid="tq-sheet" data-layout={layout}>
          {layout === 'a4' ? card(0) : [card(0), card(1)]}
        </div>
      )}
    </>
  );
}

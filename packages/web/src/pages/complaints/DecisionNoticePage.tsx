import { ArrowLeftOutlined, FilePdfOutlined, IdcardOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, type ButtonProps, Card, Input, Modal, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useAuth, useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { ComplaintNotFound, isRefused } from './shared';

/**
 * The decision notice (Art. 19) as a clean A4 page; print CSS hides the app around it. The
 * complainant's name is masked; roles that may unmask (admin, cp_officer) choose "显示实名并打印",
 * give the reason (the same audited unmask, one entry naming the notice) and print the real name.
 * "下载 PDF" answers the same notice as a PDF made on the server.
 */
export function DecisionNoticePage() {
  const { id = '' } = useParams();
  const { t, tEnum, formatDate, formatDateTime, locale } = useI18n();
  const { meta } = useAuth();
  const user = useUser();
  const mayUnmask = complaintCan.unmask(user);
  /** the reason given for the real name; null: masked */
  const [reason, setReason] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [draft, setDraft] = useState('');
  const [printWhenShown, setPrintWhenShown] = useState(false);
  const notice = useQuery({
    queryKey: ['complaint', id, 'notice', reason === null ? 'masked' : 'clear'],
    queryFn: () =>
      api.get('/complaints/:id/decision-notice', {
        params: { id },
        query: reason === null ? {} : { clear: 'true', reason },
      }),
    // the real name is read once per reason given (each read is audited) and not kept after the page
    ...(reason === null ? {} : { staleTime: Number.POSITIVE_INFINITY, gcTime: 0 }),
  });
  const clear = notice.data?.personalData === 'clear';
  useEffect(() => {
    if (!printWhenShown || !clear) return;
    // once the page shows the name
    const timer = window.setTimeout(() => {
      setPrintWhenShown(false);
      window.print();
    }, 50);
    return () => window.clearTimeout(timer);
  }, [printWhenShown, clear]);
  const pdfHref = `/api/v1/complaints/${encodeURIComponent(id)}/decision-notice.pdf${
    clear && reason ? `?${new URLSearchParams({ clear: 'true', reason })}` : ''
  }`;
  const askReason = () => {
    setDraft('');
    setAsking(true);
  };
  const showClear = () => {
    setAsking(false);
    setReason(draft.trim());
    setPrintWhenShown(true);
  };
  /** INVALID_STATE: the complaint has no decision yet, so there is no notice to print. */
  const undecided = notice.error instanceof ApiError && notice.error.code === 'INVALID_STATE';

  useEffect(() => {
    document.body.classList.add('ld-printing-page');
    return () => document.body.classList.remove('ld-printing-page');
  }, []);

  const n = notice.data;
  const d = n ? (n.review ?? n.decision) : null;
  // Another outlet's complaint, or none: the not-found page at once, not a skeleton.
  if (isRefused(notice.error)) return <ComplaintNotFound />;

  return (
    <>
      <div className="ld-no-print">
        <PageHeader
          title={t('notice.title')}
          crumbs={[
            { title: t('nav.group.complaints') },
            { title: t('nav.complaints'), to: '/complaints' },
            { title: n?.no ?? '…', to: `/complaints/${id}` },
            { title: t('notice.title') },
          ]}
          extra={
            <>
              <Link to={`/complaints/${id}`}>
                <Button icon={<ArrowLeftOutlined />}>{t('notice.back')}</Button>
              </Link>
              <Button
                icon={<FilePdfOutlined />}
                href={d ? pdfHref : undefined}
                target="_blank"
                rel="noopener"
                disabled={!d}
                data-testid="notice-pdf"
              >
                {t('notice.pdf')}
              </Button>
              {mayUnmask && !clear ? (
                <Button
                  icon={<IdcardOutlined />}
                  onClick={askReason}
                  disabled={!d || !n?.complainantName}
                  data-testid="notice-clear"
                >
                  {t('notice.clearPrint')}
                </Button>
              ) : null}
              <Button
                type="primary"
                icon={<PrinterOutlined />}
                onClick={() => window.print()}
                disabled={!d}
                data-testid="print-notice"
              >
                {t('notice.print')}
              </Button>
            </>
          }
        />
        {undecided ? null : <QueryError error={notice.error} onRetry={() => notice.refetch()} />}
        {d && n ? (
          <Alert
            type={clear ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="notice-name-state"
            title={
              clear
                ? t('notice.clearShown')
                : mayUnmask
                  ? t('notice.maskedMayClear')
                  : n.personalData === 'hidden'
                    ? t('notice.hidden')
                    : t('notice.masked')
            }
          />
        ) : null}
      </div>
      <Modal
        open={asking}
        title={t('notice.clearTitle')}
        okText={t('notice.clearPrint')}
        okButtonProps={{ disabled: !draft.trim(), 'data-testid': 'notice-clear-ok' } as ButtonProps}
        onOk={showClear}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <p className="ld-muted" style={{ marginTop: 0 }}>
          {t('notice.clearHint')}
        </p>
        <Input.TextArea
          rows={2}
          maxLength={500}
          value={draft}
          placeholder={t('notice.clearReason')}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="notice-clear-reason"
        />
      </Modal>
      {undecided ? (
        <Alert type="warning" showIcon title={t('notice.noDecision')} data-testid="notice-undecided" />
      ) : notice.error ? null : !n || !d ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : (
        <article className="ld-a4" data-testid="decision-notice" lang={locale}>
          <header className="ld-a4-head">
            <div className="ld-a4-bank">{meta?.bankName ?? ''}</div>
            <h1 className="ld-a4-title">{n.review ? t('notice.reviewHeading') : t('notice.heading')}</h1>
            <div className="ld-a4-no">
              {t('notice.no')}：<span className="ld-mono">{n.no}</span>
            </div>
          </header>
          <p className="ld-a4-salute" data-testid="notice-salute">
            {n.complainantName ? t('notice.dear', { name: n.complainantName }) : t('notice.dearAnon')}
          </p>
          <p>
            {t('notice.intro', {
              date: formatDate(n.receivedAt),
              outlet: n.outletName,
            })}
          </p>
          <section>
            <h2>{t('notice.claim')}</h2>
            <p className="ld-pre">{n.claim}</p>
          </section>
          <section>
            <h2>{t('complaints.decision.factsVerified')}</h2>
            <p className="ld-pre">{d.factsVerified}</p>
          </section>
          <section>
            <h2>{t('complaints.decision.basis')}</h2>
            <p className="ld-pre">{d.basis}</p>
          </section>
          <section>
            <h2>{t('complaints.decision.reasons')}</h2>
            <p className="ld-pre">{d.reasons}</p>
          </section>
          <section>
            <h2>{t('complaints.decision.result')}</h2>
            <p className="ld-pre" data-testid="notice-result">
              {d.result}
            </p>
          </section>
          <section>
            <h2>{t('notice.remedies')}</h2>
            <p>{t('notice.remediesIntro')}</p>
            <ol className="ld-a4-remedies">
              {n.remedies.map((r) => (
                <li key={r.code}>
                  {locale === 'zh-CN' ? r.zh : r.en}
                  {r.code === 'review' && n.reviewRequestBy && !n.review
                    ? t('notice.reviewBy', { date: formatDate(`${n.reviewRequestBy}T12:00:00+08:00`) })
                    : ''}
                </li>
              ))}
            </ol>
          </section>
          <footer className="ld-a4-foot">
            <div>{n.outletName}</div>
            <div>{formatDate(d.decidedAt)}</div>
          </footer>
          {n.notices.length ? (
            <section className="ld-a4-records">
              <h2>{t('notice.records')}</h2>
              <table>
                <thead>
                  <tr>
                    <th>{t('complaints.inform.at')}</th>
                    <th>{t('complaints.inform.method')}</th>
                    <th>{t('complaints.inform.proof')}</th>
                  </tr>
                </thead>
                <tbody>
                  {n.notices.map((r) => (
                    <tr key={r.id}>
                      <td>{formatDateTime(r.informedAt)}</td>
                      <td>
                        {tEnum('informMethod', r.method)}
                        {r.kind !== 'decision' ? ` (${tEnum('noticeKind', r.kind)})` : ''}
                      </td>
                      <td>{r.proof}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </article>
      )}
    </>
  );
}

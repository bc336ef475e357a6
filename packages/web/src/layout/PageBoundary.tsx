import { Button, Result, Spin } from 'antd';
import { Component, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { NotFoundPage, RefusedPage } from '../pages/NotFoundPage';

/**
 * Marks the query that loads the record a page is about (`useQuery({ …, meta: PAGE_QUERY })`):
 * when it answers 404 (or 400: a malformed id) or 403, the page is replaced at once by the
 * not-found or refused page instead of waiting on a skeleton (4xx answers are never retried).
 */
export const PAGE_QUERY = { page: true } as const;

/** Whether a failed query of a page should replace the page (see PAGE_QUERY). */
export const replacesPage = (error: unknown, meta: Record<string, unknown> | undefined): boolean =>
  meta?.page === true &&
  error instanceof ApiError &&
  (error.status === 404 || error.status === 403 || error.status === 400);

/** A spinner while a page (its bundle, the session) loads: the whole screen, or the content area. */
export function PageLoading({ fullscreen }: { fullscreen?: boolean }) {
  return (
    <div className={fullscreen ? 'ld-fullscreen-center' : 'ld-page-loading'}>
      <Spin size="large" />
    </div>
  );
}

/** What a page that failed shows: not found, refused, or that something went wrong. */
export function PageError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundPage />;
  if (error instanceof ApiError && error.status === 403) return <RefusedPage />;
  const detail =
    error instanceof ApiError
      ? error.status === 0
        ? t('error.network')
        : t('error.server')
      : t('error.pageFailed');
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={<span data-testid="page-error">{detail}</span>}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/**
 * Catches what a page throws (a PAGE_QUERY that failed, a page bundle that did not load) and
 * shows PageError in its place. Give it a `resetKey` (the path) so that navigating away clears it.
 */
export class PageBoundary extends Component<
  { resetKey: string; children: ReactNode },
  { error: unknown; key: string }
> {
  override state = { error: null as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: unknown; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    if (this.state.error) return <PageError error={this.state.error} />;
    return this.props.children;
  }
}

import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * A failed load, with the reason (a table alone would just look empty). Not found and refused
 * say so and offer no retry: asking again gives the same answer.
 */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : -1;
  const final = status === 404 || status === 403;
  const detail =
    error instanceof ApiError
      ? status === 0
        ? t('error.network')
        : status >= 500
          ? t('error.server')
          : status === 404
            ? t('notFound.subtitle')
            : status === 403
              ? error.detail || t('error.forbidden')
              : error.detail || error.code
      : t('error.unknown');
  return (
    <Alert
      type={final ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      title={final ? (status === 404 ? t('notFound.title') : t('refused.title')) : t('error.loadFailed')}
      description={<span data-testid="query-error">{detail}</span>}
      action={
        final ? null : (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}

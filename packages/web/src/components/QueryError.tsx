import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** A failed load, with the reason and a retry button (a table alone would just look empty). */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const detail =
    error instanceof ApiError
      ? error.status === 0
        ? t('error.network')
        : error.status >= 500
          ? t('error.server')
          : error.detail || error.code
      : t('error.unknown');
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('error.loadFailed')}
      description={detail}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** Shows an API failure as a toast, with the server's localised detail when there is one. */
export function useApiErrorMessage() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.status === 0) return void message.error(t('error.network'));
        if (error.status === 403 && error.code === 'CSRF_TOKEN_INVALID')
          return void message.error(t('error.csrf'));
        if (error.status === 403) return void message.error(error.detail || t('error.forbidden'));
        if (error.status === 429) return void message.error(t('error.rateLimited'));
        if (error.status >= 500) return void message.error(t('error.server'));
        return void message.error(error.detail || error.code);
      }
      message.error(t('error.unknown'));
    },
    [message, t],
  );
}

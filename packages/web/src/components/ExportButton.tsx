import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useApiErrorMessage } from './useApiErrorMessage';

type Query = Record<string, string | number | boolean | null | undefined>;

/** Downloads an `/export.xlsx` endpoint with the filters currently applied to the table. */
export function ExportButton({ path, query, filename }: { path: string; query?: Query; filename: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid="export-xlsx"
      onClick={async () => {
        setBusy(true);
        try {
          const name = await downloadFile(path, query, filename);
          message.success(t('common.exported', { name }));
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('common.export')}
    </Button>
  );
}

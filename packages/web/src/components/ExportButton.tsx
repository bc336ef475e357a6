import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { downloadExport, downloadFile, type ExportablePath, type Query } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useBusyCall } from './useBusyCall';

/**
 * Downloads the `.xlsx` twin of a list with the filters currently applied to the table: `list` is
 * the list's path in the contract (with its `params`). `path` is a file endpoint of a list that
 * is not yet in the contract.
 */
export function ExportButton<P extends ExportablePath>(
  props:
    | { list: P; params?: Parameters<typeof downloadExport<P>>[1]['params']; query?: Query; filename: string }
    | { path: string; query?: Query; filename: string },
) {
  const { query, filename } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const { busy, run } = useBusyCall();
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid="export-xlsx"
      onClick={() =>
        run(
          () =>
            'list' in props
              ? downloadExport(props.list, { params: props.params, query }, filename)
              : downloadFile(props.path, query, filename),
          (name) => message.success(t('common.exported', { name })),
        )
      }
    >
      {t('common.export')}
    </Button>
  );
}

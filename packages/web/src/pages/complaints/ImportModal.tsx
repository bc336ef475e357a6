import { CopyOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Progress, Result, Space, Table, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { COMPLAINT_IMPORT_MAX_BYTES } from '@liangdian/shared/api';
import { ApiError, downloadFrom, uploadTo } from '../../api/client';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { formatBytes } from './AttachmentSize';
import { type ImportProblem, importProblems } from './ImportProblems';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The server's body limit for imports. */
const IMPORT_MAX_BYTES = COMPLAINT_IMPORT_MAX_BYTES;

type State =
  | { step: 'pick' }
  | { step: 'uploading'; percent: number }
  | { step: 'done'; imported: number }
  | { step: 'failed'; summary: string; problems: ImportProblem[] };

/**
 * Imports complaints from an .xlsx sheet (POST /complaints/import): the template to download,
 * the file, then either the count imported or every bad row with its number and message. The
 * server commits all rows or none: on errors nothing was imported and the whole file is sent
 * again once fixed.
 */
export function ImportModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (n: number) => void;
}) {
  const { t, tEnum, formatNumber } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: 'pick' });
  const [templateBusy, setTemplateBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setFile(null);
      setState({ step: 'pick' });
    }
  }, [open]);

  const column = (key: string) => (key ? tEnum('complaintEdit.import.col', key) : '—');

  const pick = (f: File) => {
    if (!f.name.toLowerCase().endsWith('.xlsx')) {
      message.error(t('complaintEdit.import.notXlsx', { name: f.name }));
      return;
    }
    if (f.size > IMPORT_MAX_BYTES) {
      message.error(
        t('complaintEdit.import.tooLarge', {
          name: f.name,
          max: formatBytes(IMPORT_MAX_BYTES, formatNumber),
        }),
      );
      return;
    }
    setFile(f);
    setState({ step: 'pick' });
  };

  const run = async () => {
    if (!file) return;
    setState({ step: 'uploading', percent: 0 });
    try {
      const res = await uploadTo('/complaints/import', undefined, file, {
        contentType: XLSX_MIME,
        onProgress: (percent) => setState({ step: 'uploading', percent }),
      });
      setState({ step: 'done', imported: res.imported });
      onImported(res.imported);
    } catch (e) {
      if (
        e instanceof ApiError &&
        (e.code === 'IMPORT_FAILED' || e.code === 'VALIDATION_FAILED') &&
        e.errors.length
      ) {
        setState({
          step: 'failed',
          summary:
            e.code === 'IMPORT_FAILED'
              ? e.problem.title?.toString() || e.detail
              : t('complaintEdit.import.badSheet'),
          problems: importProblems(e, column, t('complaintEdit.import.missingColumn')),
        });
      } else if (e instanceof ApiError && e.status === 413) {
        setState({ step: 'pick' });
        message.error(
          t('complaintEdit.import.tooLarge', {
            name: file.name,
            max: formatBytes(IMPORT_MAX_BYTES, formatNumber),
          }),
        );
      } else {
        setState({ step: 'pick' });
        showError(e);
      }
    }
  };

  const template = async () => {
    setTemplateBusy(true);
    try {
      await downloadFrom('/complaints/import/template.xlsx', {}, 'complaint-import.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setTemplateBusy(false);
    }
  };

  const copy = async (problems: ImportProblem[]) => {
    const head = [
      t('complaintEdit.import.row'),
      t('complaintEdit.import.column'),
      t('complaintEdit.import.problem'),
    ];
    const lines = [head, ...problems.map((p) => [p.row === null ? '—' : String(p.row), p.column, p.message])];
    const text = lines.map((l) => l.join('\t')).join('\n');
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('complaintEdit.import.copied', { n: problems.length }));
    } catch {
      message.error(t('complaintEdit.import.copyFailed'));
    }
  };

  const uploading = state.step === 'uploading';
  const footer =
    state.step === 'done' ? (
      <Button type="primary" onClick={onClose} data-testid="import-close">
        {t('complaintEdit.import.close')}
      </Button>
    ) : (
      <Space>
        <Button onClick={onClose} disabled={uploading}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" onClick={run} disabled={!file} loading={uploading} data-testid="import-submit">
          {state.step === 'failed' ? t('complaintEdit.import.retry') : t('complaintEdit.import.submit')}
        </Button>
      </Space>
    );

  return (
    <Modal
      open={open}
      title={t('complaintEdit.import.title')}
      onCancel={uploading ? undefined : onClose}
      maskClosable={false}
      footer={footer}
      width={820}
      destroyOnHidden
    >
      <div data-testid="import-modal">
        {state.step === 'done' ? (
          <Result
            status="success"
            title={t('complaintEdit.import.done', { n: formatNumber(state.imported) })}
            subTitle={t('complaintEdit.import.doneHint')}
            data-testid="import-done"
          />
        ) : (
          <>
            <Alert
              type="info"
              showIcon
              className="ld-form-note"
              title={t('complaintEdit.import.howTo')}
              description={t('complaintEdit.import.allOrNothing')}
              action={
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={template}
                  loading={templateBusy}
                  data-testid="import-template"
                >
                  {t('complaintEdit.import.template')}
                </Button>
              }
            />
            <Upload.Dragger
              accept=".xlsx"
              multiple={false}
              showUploadList={false}
              disabled={uploading}
              beforeUpload={(f) => {
                pick(f);
                return false;
              }}
              data-testid="import-drop"
            >
              <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
                {file ? <FileExcelOutlined style={{ color: '#389e0d' }} /> : <InboxOutlined />}
              </p>
              <p className="ant-upload-text" data-testid="import-file">
                {file
                  ? `${file.name} · ${formatBytes(file.size, formatNumber)}`
                  : t('complaintEdit.import.drop')}
              </p>
              <p className="ant-upload-hint">
                {file ? t('complaintEdit.import.replaceHint') : t('complaintEdit.import.dropHint')}
              </p>
            </Upload.Dragger>
            {uploading ? (
              <div style={{ marginTop: 12 }} data-testid="import-progress">
                <Progress percent={state.percent} status="active" />
                <div className="ld-muted" style={{ fontSize: 13 }}>
                  {state.percent >= 100
                    ? t('complaintEdit.import.checking')
                    : t('complaintEdit.import.sending')}
                </div>
              </div>
            ) : null}
            {state.step === 'failed' ? (
              <div style={{ marginTop: 16 }} data-testid="import-errors">
                <Alert
                  type="error"
                  showIcon
                  title={state.summary}
                  description={t('complaintEdit.import.fixAndRetry')}
                  action={
                    <Button
                      size="small"
                      icon={<CopyOutlined />}
                      onClick={() => copy(state.problems)}
                      data-testid="import-copy"
                    >
                      {t('complaintEdit.import.copy')}
                    </Button>
                  }
                  style={{ marginBottom: 12 }}
                />
                <Table<ImportProblem>
                  rowKey="key"
                  size="small"
                  dataSource={state.problems}
                  pagination={{
                    pageSize: 10,
                    size: 'small',
                    hideOnSinglePage: true,
                    showTotal: (n) => t('common.totalCount', { n: formatNumber(n) }),
                  }}
                  columns={[
                    {
                      title: t('complaintEdit.import.row'),
                      dataIndex: 'row',
                      width: 80,
                      render: (v: number | null) => (
                        <span data-testid="import-error-row">{v === null ? '—' : formatNumber(v)}</span>
                      ),
                    },
                    { title: t('complaintEdit.import.column'), dataIndex: 'column', width: 150 },
                    {
                      title: t('complaintEdit.import.problem'),
                      dataIndex: 'message',
                      render: (v: string) => <span data-testid="import-error-message">{v}</span>,
                    },
                  ]}
                />
              </div>
            ) : null}
          </>
        )}
      </div>
    </Modal>
  );
}

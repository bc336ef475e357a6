import { TICKET_IMPORT_FIELDS, TICKET_IMPORT_REQUIRED } from '@liangdian/shared';
import type {
  TicketImportBatch,
  TicketImportMapping,
  TicketImportPreview,
  TicketImportPreviewRow,
  TicketImportRowError,
} from '@liangdian/shared/api';
import { DownloadOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Popconfirm,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  type TableProps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, downloadFrom, saveBlob } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { canEditLobbySetup } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { toInt, useUrlState } from '../../components/useUrlState';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { businessTypeName, useBusinessTypes } from '../business-types/useBusinessTypes';
import { useOutlet } from '../outlets/OutletDetailPage';
import { LobbyNav } from './LobbyNav';
import { commitTicketLog, previewTicketLog, ticketLogErrorReport } from './ticketImportApi';
import { usePagination } from '../../components/usePagination';

type Step = 'upload' | 'map' | 'preview' | 'result';
const STEPS: Step[] = ['upload', 'map', 'preview', 'result'];

/** 导入叫号历史: upload a ticket log, map its columns, check every row, import all or the good ones. */
export function TicketImportPage() {
  const { outletId = '' } = useParams();
  const { t } = useI18n();
  const user = useUser();
  const outlet = useOutlet(outletId);
  const allowed = canEditLobbySetup(user, outletId);
  return (
    <>
      <PageHeader
        title={t('ticketImport.title')}
        subTitle={outlet.data?.name ?? ''}
        crumbs={[{ title: t('nav.lobby'), to: `/lobby/${outletId}` }, { title: t('ticketImport.title') }]}
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <LobbyNav outletId={outletId} active="import" />
        {allowed ? (
          <ImportWizard outletId={outletId} key={outletId} />
        ) : (
          <Alert type="info" showIcon title={t('ticketImport.noAccess')} data-testid="import-no-access" />
        )}
      </Card>
      {allowed ? <PastImports outletId={outletId} /> : null}
    </>
  );
}

function ImportWizard({ outletId }: { outletId: string }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TicketImportPreview | null>(null);
  const [mapping, setMapping] = useState<TicketImportMapping>({});
  const [saveMapping, setSaveMapping] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | 'report' | null>(null);
  const [result, setResult] = useState<TicketImportBatch | null>(null);
  const saved = useQuery({
    queryKey: ['ticket-import', outletId, 'mapping'],
    queryFn: () => api.get('/outlets/:outletId/ticket-import/mapping', { params: { outletId } }),
  });
  const limits = saved.data?.limits ?? { maxBytes: 32 * 1_048_576, maxRows: 200_000 };

  const runPreview = async (f: File, m: TicketImportMapping | null) => {
    setBusy('preview');
    setProgress(0);
    try {
      const body = await previewTicketLog(outletId, f, m ? { mapping: JSON.stringify(m) } : {}, setProgress);
      setPreview(body);
      setMapping(body.mapping);
      return body;
    } catch (e) {
      showError(e);
      return null;
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const onFile = async (f: File) => {
    setFile(f);
    setResult(null);
    const p = await runPreview(f, null);
    if (p) setStep('map');
    return false;
  };

  const check = async () => {
    if (!file) return;
    if (saveMapping) {
      try {
        await api.put('/outlets/:outletId/ticket-import/mapping', {
          params: { outletId },
          body: { mapping },
        });
        queryClient.invalidateQueries({ queryKey: ['ticket-import', outletId, 'mapping'] });
      } catch (e) {
        showError(e);
        return;
      }
    }
    const p = await runPreview(file, mapping);
    if (p && !p.missingRequired.length) setStep('preview');
  };

  const commit = async (skipInvalid: boolean) => {
    if (!file) return;
    setBusy('commit');
    setProgress(0);
    try {
      const body = await commitTicketLog(
        outletId,
        file,
        { mapping: JSON.stringify(mapping), skipInvalid: skipInvalid ? 'true' : 'false' },
        setProgress,
      );
      setResult(body);
      setStep('result');
      queryClient.invalidateQueries({ queryKey: ['ticket-import', outletId, 'batches'] });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const downloadReport = async () => {
    if (!file) return;
    setBusy('report');
    try {
      const { body, filename } = await ticketLogErrorReport(outletId, file, {
        mapping: JSON.stringify(mapping),
      });
      const name = filename ?? `${t('ticketImport.errorsFileName')}.xlsx`;
      saveBlob(body, name);
      message.success(t('common.exported', { name }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const restart = () => {
    setStep('upload');
    setFile(null);
    setPreview(null);
    setResult(null);
  };

  return (
    <div className="ld-ticket-import" data-testid="ticket-import">
      <Steps
        current={STEPS.indexOf(step)}
        size="small"
        style={{ margin: '12px 0 20px' }}
        items={STEPS.map((s) => ({ title: t(`ticketImport.step.${s}` as MessageKey) }))}
      />
      {step === 'upload' ? (
        <UploadStep
          outletId={outletId}
          onFile={onFile}
          busy={busy === 'preview'}
          progress={progress}
          fileName={file?.name ?? ''}
          maxMb={Math.round(limits.maxBytes / 1_048_576)}
          maxRows={formatNumber(limits.maxRows)}
        />
      ) : null}
      {step === 'map' && preview ? (
        <MapStep
          preview={preview}
          mapping={mapping}
          onChange={setMapping}
          saveMapping={saveMapping}
          onSaveMapping={setSaveMapping}
          busy={busy === 'preview'}
          onBack={restart}
          onCheck={check}
        />
      ) : null}
      {step === 'preview' && preview ? (
        <PreviewStep
          preview={preview}
          busy={busy}
          progress={progress}
          onBack={() => setStep('map')}
          onCommit={commit}
          onReport={downloadReport}
        />
      ) : null}
      {step === 'result' && result ? (
        <Result
          status={result.rowsStored ? 'success' : 'info'}
          title={t(result.rowsStored ? 'ticketImport.result.title' : 'ticketImport.result.nothingNew')}
          data-testid="import-result"
          subTitle={
            <Space orientation="vertical" size={2}>
              <span>
                {t('ticketImport.result.sub', {
                  stored: formatNumber(result.rowsStored),
                  duplicate: formatNumber(result.rowsDuplicate),
                  rejected: formatNumber(result.rowsRejected),
                })}
              </span>
              {result.firstAt ? (
                <span>
                  {t('ticketImport.result.period', {
                    from: formatDateTime(result.firstAt),
                    to: formatDateTime(result.lastAt),
                  })}
                </span>
              ) : null}
            </Space>
          }
          extra={[
            <Button type="primary" key="again" onClick={restart} data-testid="import-again">
              {t('ticketImport.result.again')}
            </Button>,
            <Link key="plan" to={`/lobby/${outletId}/plan`}>
              <Button>{t('ticketImport.result.plan')}</Button>
            </Link>,
          ]}
        />
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------- 1. upload

function UploadStep(props: {
  outletId: string;
  onFile: (f: File) => Promise<boolean>;
  busy: boolean;
  progress: number | null;
  fileName: string;
  maxMb: number;
  maxRows: string;
}) {
  const { t, locale } = useI18n();
  const showError = useApiErrorMessage();
  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={14}>
        <div data-testid="import-dropzone">
          <Upload.Dragger
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={props.busy}
            beforeUpload={(f) => {
              void props.onFile(f);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('ticketImport.upload.drop')}</p>
            <p className="ant-upload-hint">
              {t('ticketImport.upload.hint', { maxMb: props.maxMb, maxRows: props.maxRows })}
            </p>
          </Upload.Dragger>
        </div>
        {props.busy ? (
          <div style={{ marginTop: 12 }} data-testid="import-progress">
            <Typography.Text type="secondary">
              {t('ticketImport.upload.reading', { name: props.fileName })}
            </Typography.Text>
            <Progress
              percent={props.progress ?? 100}
              status="active"
              showInfo={props.progress !== null && props.progress < 100}
            />
          </div>
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          style={{ marginTop: 12 }}
          data-testid="import-template"
          onClick={() =>
            downloadFrom(
              '/outlets/:outletId/ticket-import/template.csv',
              { params: { outletId: props.outletId } },
              locale === 'zh-CN' ? '叫号记录导入模板.csv' : 'ticket-import-template.csv',
            ).catch(showError)
          }
        >
          {t('ticketImport.upload.template')}
        </Button>
      </Col>
      <Col xs={24} lg={10}>
        <Rules />
      </Col>
    </Row>
  );
}

function Rules() {
  const { t } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      title={t('ticketImport.rules.title')}
      data-testid="import-rules"
      description={
        <ul style={{ paddingInlineStart: 18, margin: 0 }}>
          <li>{t('ticketImport.rules.time')}</li>
          <li>{t('ticketImport.rules.past')}</li>
          <li>{t('ticketImport.rules.values')}</li>
          <li>{t('ticketImport.rules.repeat')}</li>
        </ul>
      }
    />
  );
}

// ---------------------------------------------------------------- 2. map columns

function MapStep(props: {
  preview: TicketImportPreview;
  mapping: TicketImportMapping;
  onChange: (m: TicketImportMapping) => void;
  saveMapping: boolean;
  onSaveMapping: (v: boolean) => void;
  busy: boolean;
  onBack: () => void;
  onCheck: () => void;
}) {
  const { t, locale, formatNumber } = useI18n();
  const { preview, mapping } = props;
  const used = new Map<string, number>();
  for (const f of TICKET_IMPORT_FIELDS)
    if (mapping[f]) used.set(mapping[f]!, (used.get(mapping[f]!) ?? 0) + 1);
  const missing = TICKET_IMPORT_REQUIRED.filter((f) => !mapping[f]);
  const clash = [...used.values()].some((n) => n > 1);
  /** The column's values in the first rows of the file, to show what a choice means. */
  const sampleOf = (header: string) => {
    const i = preview.headers.indexOf(header);
    const values = preview.rawRows.map((r) => r[i] ?? '').filter(Boolean);
    return i < 0 || !values.length
      ? null
      : [...new Set(values)].slice(0, 2).join(locale === 'zh-CN' ? '、' : ', ');
  };
  return (
    <div data-testid="import-map">
      <Space orientation="vertical" size={4} style={{ marginBottom: 16 }}>
        <Typography.Text>
          <FileTextOutlined />{' '}
          {t('ticketImport.map.file', {
            name: preview.fileName,
            columns: preview.headers.length,
            rows: formatNumber(preview.rowsTotal),
          })}
          {preview.encoding ? (
            <Tag style={{ marginInlineStart: 8 }}>{preview.encoding.toUpperCase()}</Tag>
          ) : null}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('ticketImport.map.intro')} {t(`ticketImport.map.source.${preview.mappingSource}` as MessageKey)}
        </Typography.Text>
      </Space>
      <Form layout="vertical" requiredMark>
        <Row gutter={[16, 0]}>
          {TICKET_IMPORT_FIELDS.map((f) => {
            const value = mapping[f] ?? null;
            const required = TICKET_IMPORT_REQUIRED.includes(f);
            const dup = value !== null && (used.get(value) ?? 0) > 1;
            const example = value ? sampleOf(value) : null;
            return (
              <Col xs={24} sm={12} xl={8} key={f}>
                <Form.Item
                  label={t(`ticketImport.field.${f}` as MessageKey)}
                  required={required}
                  validateStatus={(required && !value) || dup ? 'error' : undefined}
                  help={
                    required && !value ? (
                      t('ticketImport.map.required')
                    ) : dup ? (
                      t('ticketImport.map.duplicateColumn')
                    ) : example ? (
                      <span
                        title={example}
                        style={{
                          display: 'block',
                          overflow: 'hidden',
                          whiteSpace: 'nowrap',
                          textOverflow: 'ellipsis',
                        }}
                      >
                        {t('ticketImport.map.sampleOf', { value: example })}
                      </span>
                    ) : (
                      '\u00a0'
                    )
                  }
                >
                  <Select
                    data-testid={`map-${f}`}
                    value={value ?? ''}
                    placeholder={t('ticketImport.map.choose')}
                    onChange={(v: string) => props.onChange({ ...mapping, [f]: v || null })}
                    options={[
                      { value: '', label: <span className="ld-muted">{t('ticketImport.map.none')}</span> },
                      ...preview.headers.map((h) => ({ value: h, label: h })),
                    ]}
                  />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
      </Form>
      <div className="ld-toolbar" style={{ flexWrap: 'wrap' }}>
        <Checkbox
          checked={props.saveMapping}
          onChange={(e) => props.onSaveMapping(e.target.checked)}
          data-testid="map-save"
        >
          {t('ticketImport.map.save')}
        </Checkbox>
        <Space>
          <Button onClick={props.onBack}>{t('ticketImport.restart')}</Button>
          <Button
            type="primary"
            onClick={props.onCheck}
            loading={props.busy}
            disabled={missing.length > 0 || clash}
            data-testid="map-check"
          >
            {t('ticketImport.map.check')}
          </Button>
        </Space>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- 3. preview and commit

function PreviewStep(props: {
  preview: TicketImportPreview;
  busy: 'preview' | 'commit' | 'report' | null;
  progress: number | null;
  onBack: () => void;
  onCommit: (skipInvalid: boolean) => void;
  onReport: () => void;
}) {
  const { t, locale, formatNumber, formatDateTime } = useI18n();
  const pagination = usePagination();
  const types = useBusinessTypes();
  const { preview: p } = props;
  const [errorPage, setErrorPage] = useState({ page: 1, pageSize: 10 });
  const typeName = useMemo(() => {
    const m = new Map((types.data?.items ?? []).map((b) => [b.code, businessTypeName(b, locale)]));
    return (code: string | null) => (code ? (m.get(code) ?? code) : '');
  }, [types.data, locale]);

  const sampleColumns: TableProps<TicketImportPreviewRow>['columns'] = [
    { title: t('ticketImport.col.line'), dataIndex: 'line', width: 72 },
    { title: t('ticketImport.field.ticket'), dataIndex: 'ticket', width: 100 },
    { title: t('ticketImport.field.businessType'), dataIndex: 'businessType', render: typeName },
    {
      title: t('ticketImport.field.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => t(`ticketImport.kind.${k}` as MessageKey),
    },
    {
      title: t('ticketImport.field.at'),
      dataIndex: 'at',
      width: 170,
      render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
    },
    { title: t('ticketImport.field.counter'), dataIndex: 'counter', width: 100, render: (v) => v ?? '—' },
    {
      title: t('ticketImport.field.toBusinessType'),
      dataIndex: 'toBusinessType',
      render: (v: string | null) => (v ? typeName(v) : '—'),
    },
  ];
  const errorColumns: TableProps<TicketImportRowError>['columns'] = [
    { title: t('ticketImport.col.line'), dataIndex: 'line', width: 72 },
    {
      title: t('ticketImport.col.column'),
      dataIndex: 'column',
      width: 140,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('ticketImport.col.value'),
      dataIndex: 'value',
      width: 180,
      render: (v: string | null) => <span style={{ wordBreak: 'break-all' }}>{v || '—'}</span>,
    },
    { title: t('ticketImport.col.message'), dataIndex: 'message' },
  ];
  const committing = props.busy === 'commit';

  return (
    <div data-testid="import-preview">
      <Row gutter={[12, 12]} className="ld-stat-cards" style={{ marginBottom: 16 }}>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic title={t('ticketImport.stat.total')} value={formatNumber(p.rowsTotal)} />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic
              title={t('ticketImport.stat.good')}
              value={formatNumber(p.rowsGood)}
              styles={{ content: { color: '#389e0d' } }}
              data-testid="stat-good"
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic
              title={t('ticketImport.stat.bad')}
              value={formatNumber(p.rowsBad)}
              styles={{ content: { color: p.rowsBad ? '#cf1322' : undefined } }}
              data-testid="stat-bad"
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic title={t('ticketImport.stat.duplicate')} value={formatNumber(p.rowsDuplicate)} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small">
            <Statistic
              title={t('ticketImport.stat.period')}
              value={p.firstAt ? `${formatDateTime(p.firstAt)} – ${formatDateTime(p.lastAt)}` : '—'}
              styles={{ content: { fontSize: 16, lineHeight: '38px' } }}
            />
          </Card>
        </Col>
      </Row>

      <Typography.Title level={5}>
        {t('ticketImport.sample.title', { count: p.sample.length })}
      </Typography.Title>
      <Table<TicketImportPreviewRow>
        rowKey="line"
        size="small"
        columns={sampleColumns}
        dataSource={p.sample}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description={t('ticketImport.sample.empty')} /> }}
        data-testid="import-sample"
        style={{ marginBottom: 20 }}
      />

      <div className="ld-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {p.errorsTotal
            ? t('ticketImport.errors.title', { count: formatNumber(p.errorsTotal) })
            : t('ticketImport.errors.none')}
        </Typography.Title>
        {p.errorsTotal ? (
          <Button
            icon={<DownloadOutlined />}
            onClick={props.onReport}
            loading={props.busy === 'report'}
            data-testid="import-error-report"
          >
            {t('ticketImport.errors.download')}
          </Button>
        ) : null}
      </div>
      {p.errorsTotal > p.errors.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '8px 0' }}
          title={t('ticketImport.errors.truncated', { shown: formatNumber(p.errors.length) })}
        />
      ) : null}
      {p.errorsTotal ? (
        <Table<TicketImportRowError>
          rowKey={(e) => `${e.line}-${e.field ?? ''}-${e.code}`}
          size="small"
          columns={errorColumns}
          dataSource={p.errors}
          scroll={{ x: 640 }}
          style={{ marginTop: 8 }}
          data-testid="import-errors"
          pagination={pagination(errorPage.page, errorPage.pageSize, p.errors.length, {
            onChange: (page, pageSize) => setErrorPage({ page, pageSize }),
          })}
        />
      ) : null}

      <div style={{ marginTop: 20 }}>
        {p.rowsBad ? (
          <Alert
            type="warning"
            showIcon
            data-testid="import-has-errors"
            title={t('ticketImport.commit.hasErrors', {
              bad: formatNumber(p.rowsBad),
              good: formatNumber(p.rowsGood),
            })}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {committing ? (
          <div style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t('ticketImport.commit.running')}</Typography.Text>
            <Progress percent={props.progress ?? 100} status="active" showInfo={false} />
          </div>
        ) : null}
        <div className="ld-toolbar" style={{ justifyContent: 'flex-end', flexWrap: 'wrap' }}>
          <Button onClick={props.onBack} disabled={committing}>
            {t('ticketImport.back')}
          </Button>
          {p.rowsBad === 0 ? (
            <Button
              type="primary"
              loading={committing}
              disabled={!p.rowsGood}
              onClick={() => props.onCommit(false)}
              data-testid="import-commit"
            >
              {t('ticketImport.commit.all', { count: formatNumber(p.rowsGood) })}
            </Button>
          ) : (
            <Popconfirm
              title={t('ticketImport.commit.confirmTitle')}
              description={t('ticketImport.commit.confirm', {
                bad: formatNumber(p.rowsBad),
                good: formatNumber(p.rowsGood),
              })}
              okText={t('ticketImport.commit.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'import-confirm' } as unknown as ButtonProps}
              onConfirm={() => props.onCommit(true)}
              disabled={!p.rowsGood}
            >
              <Button
                type="primary"
                danger
                loading={committing}
                disabled={!p.rowsGood}
                data-testid="import-commit-good"
              >
                {t('ticketImport.commit.goodOnly', { count: formatNumber(p.rowsGood) })}
              </Button>
            </Popconfirm>
          )}
        </div>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- past imports

const BATCH_KEYS = ['page', 'pageSize'] as const;

function PastImports({ outletId }: { outletId: string }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const pagination = usePagination();
  const [s, set] = useUrlState(BATCH_KEYS);
  const page = toInt(s.page, 1);
  const pageSize = Math.min(toInt(s.pageSize, 10), 200);
  const list = useQuery({
    queryKey: ['ticket-import', outletId, 'batches', page, pageSize],
    queryFn: () =>
      api.get('/outlets/:outletId/ticket-import/batches', {
        params: { outletId },
        query: { page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<TicketImportBatch>['columns'] = [
    {
      title: t('ticketImport.batches.at'),
      dataIndex: 'createdAt',
      width: 160,
      render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
    },
    {
      title: t('ticketImport.batches.file'),
      dataIndex: 'fileName',
      width: 220,
      render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span>,
    },
    { title: t('ticketImport.batches.by'), dataIndex: 'createdByName', width: 110 },
    {
      title: t('ticketImport.batches.total'),
      dataIndex: 'rowsTotal',
      width: 90,
      align: 'right',
      render: formatNumber,
    },
    {
      title: t('ticketImport.batches.stored'),
      dataIndex: 'rowsStored',
      width: 90,
      align: 'right',
      render: formatNumber,
    },
    {
      title: t('ticketImport.batches.duplicate'),
      dataIndex: 'rowsDuplicate',
      width: 90,
      align: 'right',
      render: formatNumber,
    },
    {
      title: t('ticketImport.batches.rejected'),
      dataIndex: 'rowsRejected',
      width: 90,
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="danger">{formatNumber(v)}</Typography.Text> : 0),
    },
    {
      title: t('ticketImport.batches.period'),
      key: 'period',
      width: 200,
      render: (_, b) =>
        b.firstAt ? (
          <span className="ld-two-line">
            <span className="ld-nowrap">{formatDateTime(b.firstAt)}</span>
            <span className="ld-muted ld-nowrap">{formatDateTime(b.lastAt)}</span>
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card
      variant="borderless"
      style={{ marginTop: 16 }}
      title={t('ticketImport.batches.title')}
      extra={
        <ExportButton
          list="/outlets/:outletId/ticket-import/batches"
          params={{ outletId }}
          filename={`${t('ticketImport.batches.fileName')}.xlsx`}
        />
      }
    >
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<TicketImportBatch>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1100 }}
          data-testid="import-batches"
          locale={{ emptyText: <Empty description={t('ticketImport.batches.empty')} /> }}
          pagination={pagination(page, pageSize, list.data?.total ?? 0, {
            onChange: (p, ps) =>
              set({ page: p === 1 ? '' : String(p), pageSize: ps === 10 ? '' : String(ps) }),
          })}
        />
      )}
    </Card>
  );
}

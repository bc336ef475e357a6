import {
  InfoCircleOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  FileWordOutlined,
  InboxOutlined,
  SoundOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import type { ComplaintAttachment as Attachment, Complaint } from '@liangdian/shared/api';
import { ApiError, api, downloadFrom, uploadTo } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { QueryTable } from '../../components/QueryTable';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { formatBytes } from './AttachmentSize';

/** The kind shown for a media type, with its icon. */
const KINDS: { test: (t: string) => boolean; key: string; icon: React.ReactNode }[] = [
  {
    test: (t) => t === 'application/pdf',
    key: 'pdf',
    icon: <FilePdfOutlined style={{ color: '#cf1322' }} />,
  },
  {
    test: (t) => t.startsWith('image/'),
    key: 'image',
    icon: <FileImageOutlined style={{ color: '#1677ff' }} />,
  },
  {
    test: (t) => t.includes('wordprocessingml'),
    key: 'word',
    icon: <FileWordOutlined style={{ color: '#2f54eb' }} />,
  },
  {
    test: (t) => t.includes('spreadsheetml'),
    key: 'excel',
    icon: <FileExcelOutlined style={{ color: '#389e0d' }} />,
  },
  { test: (t) => t.startsWith('audio/'), key: 'audio', icon: <SoundOutlined style={{ color: '#d46b08' }} /> },
  { test: (t) => t.startsWith('text/'), key: 'text', icon: <FileTextOutlined /> },
];
const kindOf = (mediaType: string) =>
  KINDS.find((k) => k.test(mediaType)) ?? { key: 'other', icon: <FileOutlined /> };

interface Pending {
  uid: string;
  name: string;
  percent: number;
  error: string | null;
}

/**
 * Evidence files of a complaint: drop or pick several files, each checked against the server's
 * limits before it is sent, uploaded with progress; listed with kind, size, uploader and time;
 * downloads are audited by the server. Files cannot be deleted (the case record stays whole).
 * Consultants have no access (the server answers 403), so the panel is not shown to them.
 */
export function AttachmentPanel({ complaint }: { complaint: Complaint }) {
  const { t, tEnum, formatDateTime, formatNumber } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [pending, setPending] = useState<Pending[]>([]);
  const mayUpload = complaintCan.register(user);
  const key = ['complaint', complaint.id, 'attachments'];

  const limits = useQuery({
    queryKey: ['complaint-attachment-limits'],
    queryFn: () => api.get('/complaints/attachment-limits'),
    staleTime: 10 * 60_000,
  });
  const files = useQuery({
    queryKey: key,
    queryFn: () => api.get('/complaints/:id/attachments', { params: { id: complaint.id } }),
  });

  const maxText = limits.data ? formatBytes(limits.data.maxBytes, formatNumber) : '…';
  const allowed = limits.data?.extensions.join(', ') ?? '';

  /** The same checks as the server (size, extension); its content sniffing can still refuse. */
  const precheck = (file: File): string | null => {
    if (!limits.data) return null;
    const ext = file.name.toLowerCase().split('.').pop() ?? '';
    if (!file.name.includes('.') || !limits.data.extensions.includes(ext))
      return t('complaintEdit.attach.typeRefused', { name: file.name, allowed });
    if (file.size > limits.data.maxBytes)
      return t('complaintEdit.attach.tooLarge', {
        name: file.name,
        size: formatBytes(file.size, formatNumber),
        max: maxText,
      });
    if (file.size === 0) return t('complaintEdit.attach.emptyFile', { name: file.name });
    return null;
  };

  const plainError = (file: File, e: unknown): string => {
    if (e instanceof ApiError) {
      if (e.status === 413)
        return t('complaintEdit.attach.tooLarge', {
          name: file.name,
          size: formatBytes(file.size, formatNumber),
          max: maxText,
        });
      if (e.code === 'ATTACHMENT_TYPE_NOT_ALLOWED')
        return t('complaintEdit.attach.contentRefused', { name: file.name, allowed });
      if (e.status === 0) return t('error.network');
      if (e.status === 403) return e.detail || t('error.forbidden');
      return e.detail || e.code;
    }
    return t('error.unknown');
  };

  const update = (uid: string, p: Partial<Pending>) =>
    setPending((list) => list.map((x) => (x.uid === uid ? { ...x, ...p } : x)));

  const upload = async (file: File & { uid?: string }) => {
    const uid = file.uid ?? `${file.name}-${file.size}-${Date.now()}`;
    const refused = precheck(file);
    setPending((list) => [...list, { uid, name: file.name, percent: 0, error: refused }]);
    if (refused) return;
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      await uploadTo('/complaints/:id/attachments', { id: complaint.id }, body, {
        onProgress: (percent) => update(uid, { percent }),
      });
      setPending((list) => list.filter((x) => x.uid !== uid));
      message.success(t('complaintEdit.attach.uploaded', { name: file.name }));
      queryClient.invalidateQueries({ queryKey: key });
    } catch (e) {
      update(uid, { error: plainError(file, e) });
    }
  };

  const download = async (a: Attachment) => {
    try {
      await downloadFrom(
        '/complaints/:id/attachments/:attachmentId',
        { params: { id: complaint.id, attachmentId: a.id } },
        a.fileName,
      );
    } catch (e) {
      showError(e);
    }
  };

  const items = files.data?.items ?? [];
  return (
    <Card
      variant="borderless"
      className="ld-card"
      data-testid="attachments"
      title={
        <span>
          <span data-testid="attachments-title">{t('complaintEdit.attach.title')}</span>
          {items.length ? <span className="ld-muted"> · {formatNumber(items.length)}</span> : null}
        </span>
      }
    >
      {mayUpload ? (
        <Upload.Dragger
          multiple
          showUploadList={false}
          accept={limits.data?.extensions.map((e) => `.${e}`).join(',')}
          customRequest={() => undefined}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="attachment-drop"
          style={{ marginBottom: 12 }}
        >
          <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('complaintEdit.attach.drop')}</p>
          <p className="ant-upload-hint" data-testid="attachment-limits">
            {t('complaintEdit.attach.limits', { max: maxText, allowed: allowed || '…' })}
          </p>
        </Upload.Dragger>
      ) : null}
      {pending.map((p) => (
        <div key={p.uid} style={{ marginBottom: 8 }} data-testid="attachment-pending">
          {p.error ? (
            <Alert
              type="error"
              showIcon
              title={p.error}
              data-testid="attachment-error"
              closable={{ onClose: () => setPending((list) => list.filter((x) => x.uid !== p.uid)) }}
            />
          ) : (
            <div>
              <div className="ld-nowrap" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {p.name}
              </div>
              <Progress percent={p.percent} size="small" status="active" />
            </div>
          )}
        </div>
      ))}
      <QueryTable<Attachment>
        query={files}
        size="small"
        pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
        loading={files.isLoading}
        dataSource={items}
        scroll={{ x: 620 }}
        data-testid="attachment-list"
        empty={t('complaintEdit.attach.empty')}
        columns={[
          {
            title: t('complaintEdit.attach.name'),
            dataIndex: 'fileName',
            ellipsis: { showTitle: false },
            render: (v: string, a) => (
              <Tooltip title={v}>
                <span data-testid="attachment-name">
                  <span style={{ marginInlineEnd: 6 }}>{kindOf(a.mediaType).icon}</span>
                  {v}
                </span>
              </Tooltip>
            ),
          },
          {
            title: t('complaintEdit.attach.kind'),
            dataIndex: 'mediaType',
            width: 90,
            render: (v: string) => tEnum('complaintEdit.attach.kinds', kindOf(v).key),
          },
          {
            title: t('complaintEdit.attach.size'),
            dataIndex: 'size',
            width: 90,
            align: 'right',
            render: (v: number) => <span className="ld-nowrap">{formatBytes(v, formatNumber)}</span>,
          },
          {
            title: t('complaintEdit.attach.uploader'),
            dataIndex: 'uploadedByName',
            width: 100,
            render: (v: string | null) => v ?? <span className="ld-muted">—</span>,
          },
          {
            title: t('complaintEdit.attach.time'),
            dataIndex: 'createdAt',
            width: 140,
            render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 80,
            render: (_: unknown, a) => (
              <Tooltip title={t('complaintEdit.attach.downloadHint')}>
                <Button
                  size="small"
                  type="link"
                  icon={<DownloadOutlined />}
                  onClick={() => download(a)}
                  data-testid="attachment-download"
                  aria-label={t('complaintEdit.attach.download')}
                />
              </Tooltip>
            ),
          },
        ]}
      />
      <div className="ld-muted" style={{ fontSize: 12, marginTop: 8 }}>
        <InfoCircleOutlined style={{ marginInlineEnd: 4 }} />
        {t('complaintEdit.attach.noDelete')}
      </div>
    </Card>
  );
}

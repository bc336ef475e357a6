import type { MachineToken, MachineTokenCreated, Outlet } from '@liangdian/shared/api';
import { CopyOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { canEditLobbySetup } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { useFormSubmit } from '../../components/FormModal';
import { QueryTable } from '../../components/QueryTable';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { toInt, useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';

const KEYS = ['revoked', 'page', 'pageSize'] as const;

/** Ticket-machine tokens (叫号机令牌): created here, shown once, revoked with confirmation. */
export function MachineTokensTab({ outlet, editable }: { outlet: Outlet; editable: boolean }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const user = useUser();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const [s, set] = useUrlState(KEYS);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<MachineTokenCreated | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  // Reading tokens needs the same right as managing them (docs/lobby.md).
  const allowed = canEditLobbySetup(user, outlet.id);
  const canEdit = editable && allowed;
  const page = toInt(s.page, 1);
  const pageSize = Math.min(toInt(s.pageSize, 20), 200);
  const filters = { revoked: s.revoked };

  const list = useQuery({
    queryKey: ['outlet', outlet.id, 'machine-tokens', filters, page, pageSize],
    queryFn: () =>
      api.get('/outlets/:outletId/machine-tokens', {
        params: { outletId: outlet.id },
        query: {
          ...filters,
          page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['outlet', outlet.id, 'machine-tokens'] });
  const { busy, submit: create } = useFormSubmit(form, {
    save: (v) =>
      api.post('/outlets/:outletId/machine-tokens', {
        params: { outletId: outlet.id },
        body: { name: v.name.trim() },
      }),
    // the new token is shown once, in its own dialog
    successMessage: () => null,
    onSaved: (c) => {
      setCreating(false);
      setCreated(c);
      refresh();
    },
  });

  if (!allowed) {
    return (
      <Alert type="info" showIcon title={t('lobby.setup.tokens.noAccess')} data-testid="tokens-no-access" />
    );
  }

  const revoke = async (tok: MachineToken) => {
    try {
      await api.post('/outlets/:outletId/machine-tokens/:tokenId/revoke', {
        params: { outletId: outlet.id, tokenId: tok.id },
      });
      message.success(t('lobby.setup.tokens.revoked', { name: tok.name }));
      refresh();
    } catch (e) {
      showError(e);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('lobby.setup.tokens.copied'));
    } catch {
      message.warning(t('lobby.setup.tokens.copyFailed'));
    }
  };

  const columns: TableProps<MachineToken>['columns'] = [
    {
      title: t('lobby.setup.tokens.name'),
      dataIndex: 'name',
      render: (v: string) => <span style={{ wordBreak: 'break-word' }}>{v}</span>,
    },
    {
      title: t('lobby.setup.tokens.prefix'),
      dataIndex: 'prefix',
      width: 130,
      render: (v: string) => <span className="ld-mono">{v}…</span>,
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 100,
      render: (_, tok) =>
        tok.revokedAt ? (
          <Tag>{t('lobby.setup.tokens.statusRevoked')}</Tag>
        ) : (
          <Tag color="green">{t('lobby.setup.tokens.statusActive')}</Tag>
        ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
    },
    {
      title: t('lobby.setup.tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 160,
      render: (v: string | null) =>
        v ? (
          <span className="ld-nowrap">{formatDateTime(v)}</span>
        ) : (
          <span className="ld-muted">{t('lobby.setup.tokens.never')}</span>
        ),
    },
    {
      title: t('lobby.setup.tokens.revokedAt'),
      dataIndex: 'revokedAt',
      width: 160,
      render: (v: string | null) => (v ? <span className="ld-nowrap">{formatDateTime(v)}</span> : '—'),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, tok) =>
        tok.revokedAt ? null : (
          <Popconfirm
            title={t('lobby.setup.tokens.revokeTitle', { name: tok.name })}
            description={t('lobby.setup.tokens.revokeWarning')}
            okText={t('lobby.setup.tokens.revoke')}
            okButtonProps={{ danger: true, 'data-testid': 'token-revoke-ok' }}
            onConfirm={() => revoke(tok)}
          >
            <Button type="link" danger size="small" style={{ paddingInline: 4 }} data-testid="token-revoke">
              {t('lobby.setup.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    });
  }

  return (
    <>
      <p className="ld-muted" style={{ marginTop: 0 }}>
        {t('lobby.setup.tokens.intro')}
      </p>
      <div className="ld-toolbar" style={{ flexWrap: 'wrap' }}>
        <Segmented
          value={s.revoked || 'all'}
          onChange={(v) => set({ revoked: v === 'all' ? '' : v })}
          options={[
            { value: 'all', label: t('lobby.setup.tokens.filterAll') },
            { value: 'false', label: t('lobby.setup.tokens.statusActive') },
            { value: 'true', label: t('lobby.setup.tokens.statusRevoked') },
          ]}
        />
        <div style={{ marginLeft: 'auto', display: 'flex', gap: 8, alignItems: 'center' }}>
          <span className="ld-muted">
            {t('common.totalCount', { n: formatNumber(list.data?.total ?? 0) })}
          </span>
          <ExportButton
            list="/outlets/:outletId/machine-tokens"
            params={{ outletId: outlet.id }}
            query={filters}
            filename={`machine-tokens-${outlet.code}.xlsx`}
          />
          {canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="token-new"
              onClick={() => {
                form.resetFields();
                setCreating(true);
              }}
            >
              {t('lobby.setup.tokens.new')}
            </Button>
          ) : null}
        </div>
      </div>
      <QueryTable<MachineToken>
        query={list}
        columns={columns}
        loading={list.isLoading || list.isPlaceholderData}
        scroll={{ x: 900 }}
        data-testid="token-table"
        rowClassName={(r) => (r.revokedAt ? 'ld-muted' : '')}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, size) => set({ page: p === 1 ? '' : p, pageSize: size === 20 ? '' : size }, false),
        }}
        empty={t('lobby.setup.tokens.empty')}
      />
      <Modal
        open={creating}
        title={t('lobby.setup.tokens.new')}
        okText={t('lobby.setup.tokens.create')}
        onOk={create}
        onCancel={() => setCreating(false)}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'token-create' }}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" autoComplete="off" onFinish={create}>
          <Form.Item
            name="name"
            label={t('lobby.setup.tokens.name')}
            extra={t('lobby.setup.tokens.nameHint')}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              { max: 60, message: t('form.max', { n: 60 }) },
            ]}
          >
            <Input data-testid="token-name" placeholder={t('lobby.setup.tokens.namePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={
          <span>
            <KeyOutlined /> {t('lobby.setup.tokens.createdTitle', { name: created?.name ?? '' })}
          </span>
        }
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="token-done">
            {t('lobby.setup.tokens.done')}
          </Button>
        }
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('lobby.setup.tokens.onceTitle')}
          description={t('lobby.setup.tokens.onceWarning')}
        />
        <div style={{ display: 'flex', gap: 8, alignItems: 'stretch' }}>
          <Typography.Text
            code
            className="ld-mono"
            data-testid="token-value"
            style={{
              flex: 1,
              wordBreak: 'break-all',
              padding: '6px 8px',
              fontSize: 13,
              display: 'block',
            }}
          >
            {created?.token}
          </Typography.Text>
          <Button
            icon={<CopyOutlined />}
            onClick={() => created && copy(created.token)}
            data-testid="token-copy"
          >
            {t('lobby.setup.tokens.copy')}
          </Button>
        </div>
        <p className="ld-muted" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('lobby.setup.tokens.usage')}
        </p>
      </Modal>
    </>
  );
}

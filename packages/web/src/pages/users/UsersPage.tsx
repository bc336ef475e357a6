import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Dropdown,
  Form,
  Input,
  Modal,
  Select,
  Space,
  type TableProps,
  Tag,
  Tooltip,
} from 'antd';
import { USER_ROLES, type UserRole } from '@liangdian/shared';
import type { User } from '@liangdian/shared/api';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { OUTLET_SCOPED_ROLES } from '../../auth/permissions';
import { PasswordPolicy, passwordPolicyRules } from '../../components/ChangePasswordModal';
import { ExportButton } from '../../components/ExportButton';
import { FormModal, type RecordModalProps, useFormSubmit, useRecordForm } from '../../components/FormModal';
import { requiredRule } from '../../components/formRules';
import { OutletSelect } from '../../components/OutletSelect';
import { ListPageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { EditLink } from '../../components/RowActions';
import { FilterSelect, NewButton, SearchFilter, StatusFilter } from '../../components/TableToolbar';
import { useEditModal } from '../../components/useEditModal';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useUrlState } from '../../components/useUrlState';
import { QueryTable } from '../../components/QueryTable';
import { useI18n } from '../../i18n/i18n';
import { InitialPasswordField, UserNameFields } from './UserFields';
import { usePagedList } from '../../components/usePagination';

interface Values {
  username: string;
  displayName: string;
  role: UserRole;
  outletId: string | null;
  password: string;
}

function UserModal({ modal, onSaved }: RecordModalProps<User>) {
  const { t, tEnum } = useI18n();
  const user = modal.editing;
  const { form, modalProps } = useRecordForm<Values, User>(modal, {
    fill: (user) =>
      user
        ? { username: user.username, displayName: user.displayName, role: user.role, outletId: user.outletId }
        : { outletId: null },
    save: async (v, user) => {
      if (user) {
        await api.patch('/users/:userId', {
          params: { userId: user.id },
          body: { displayName: v.displayName.trim(), role: v.role, outletId: v.outletId ?? null },
        });
      } else {
        await api.post('/users', {
          body: {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            role: v.role,
            outletId: v.outletId ?? null,
            password: v.password,
          },
        });
      }
    },
    onSaved,
    errorFields: {
      USERNAME_TAKEN: 'username',
      PASSWORD_POLICY: 'password',
      STAFF_ROLE_MISMATCH: 'role',
      STAFF_NOT_IN_OUTLET: 'outletId',
    },
  });
  const role = Form.useWatch('role', form);
  const needsOutlet = (OUTLET_SCOPED_ROLES as readonly string[]).includes(role ?? '');

  return (
    <FormModal {...modalProps} title={user ? t('users.edit') : t('users.new')}>
      <UserNameFields usernameLocked={!!user} />
      <Form.Item name="role" label={t('users.role')} rules={[requiredRule(t)]}>
        <Select options={USER_ROLES.map((r) => ({ value: r, label: tEnum('userRole', r) }))} />
      </Form.Item>
      <Form.Item
        name="outletId"
        label={t('users.scope')}
        extra={needsOutlet ? t('users.scopeOutletHint') : t('users.scopeBranchHint')}
        rules={[{ required: needsOutlet, message: t('users.outletRequired') }]}
      >
        <OutletSelect placeholder={t('users.wholeBranch')} />
      </Form.Item>
      {user ? null : <InitialPasswordField />}
    </FormModal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const { busy, submit } = useFormSubmit(form, {
    save: async (v) => {
      if (user)
        await api.post('/users/:userId/reset-password', {
          params: { userId: user.id },
          body: { password: v.password },
        });
    },
    onSaved: onClose,
    successMessage: () => t('users.passwordReset'),
    errorFields: { PASSWORD_POLICY: 'password' },
  });
  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);
  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetPasswordFor', { name: user.displayName }) : ''}
      okText={t('common.save')}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      onOk={user ? submit : undefined}
    >
      <PasswordPolicy />
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="password" label={t('password.new')} rules={passwordPolicyRules(t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const KEYS = ['page', 'pageSize', 'q', 'role', 'outletId', 'active'] as const;

export function UsersPage() {
  const { t, tEnum, formatDateTime } = useI18n();
  const me = useUser();
  const { message, modal } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const [s, set] = useUrlState(KEYS);
  const editModal = useEditModal<User>();
  const [resetting, setResetting] = useState<User | null>(null);
  const filters = { q: s.q, role: s.role, outletId: s.outletId, active: s.active };
  const { list, table } = usePagedList(s, set, ['users', filters], (paging) =>
    api.get('/users', { query: { ...filters, ...paging } }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const act = async (u: User, action: 'deactivate' | 'reactivate' | 'unlock') => {
    try {
      await api.post(`/users/:userId/${action}`, { params: { userId: u.id } });
      message.success(t(`users.done.${action}`));
      refresh();
    } catch (e) {
      showError(e);
    }
  };

  const isLocked = (u: User) => !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();

  const columns: TableProps<User>['columns'] = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 140,
      render: (v: string, u) => (
        <Space size={4}>
          <span className="ld-mono">{v}</span>
          {isLocked(u) ? (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
              <LockOutlined style={{ color: '#cf1322' }} />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    { title: t('users.role'), dataIndex: 'role', width: 130, render: (v: string) => tEnum('userRole', v) },
    {
      // the scope, and under it the staff record the login belongs to (outlet logins)
      title: t('users.scope'),
      dataIndex: 'outletName',
      width: 180,
      render: (v: string | null, u) => (
        <>
          <div>{v ?? <span className="ld-muted">{t('users.wholeBranch')}</span>}</div>
          {u.staffName && u.outletId ? (
            <div className="ld-user-staff">
              {t('users.staffLabel')}
              <Link
                to={`/outlets/${u.outletId}/staff?q=${encodeURIComponent(u.staffName)}`}
                title={t('users.staffLinkHint', { name: u.staffName })}
                data-testid="user-staff"
              >
                {u.staffName}
              </Link>
            </div>
          ) : u.outletId ? (
            <div className="ld-user-staff">{t('users.noStaff')}</div>
          ) : null}
        </>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 160,
      responsive: ['lg'],
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 110,
      render: (v: boolean, u) => (
        <Space size={4} wrap>
          <StatusTag active={v} />
          {isLocked(u) ? (
            <Tag color="error" variant="filled">
              {t('users.locked')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, u) => (
        <Space size={0}>
          <EditLink onClick={() => editModal.edit(u)} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'reset', label: t('users.resetPassword') },
                ...(isLocked(u) ? [{ key: 'unlock', label: t('users.unlock') }] : []),
                { type: 'divider' as const },
                u.active
                  ? {
                      key: 'deactivate',
                      label: t('common.deactivate'),
                      danger: true,
                      disabled: u.id === me.id,
                    }
                  : { key: 'reactivate', label: t('common.reactivate') },
              ],
              onClick: ({ key }) => {
                if (key === 'reset') setResetting(u);
                else if (key === 'unlock') {
                  modal.confirm({
                    title: t('users.unlockConfirm', { name: u.displayName }),
                    okText: t('common.confirm'),
                    cancelText: t('common.cancel'),
                    onOk: () => act(u, 'unlock'),
                  });
                } else if (key === 'deactivate' || key === 'reactivate') {
                  modal.confirm({
                    title:
                      key === 'deactivate'
                        ? t('common.deactivateConfirm', { name: u.displayName })
                        : t('common.reactivateConfirm', { name: u.displayName }),
                    okText: t('common.confirm'),
                    cancelText: t('common.cancel'),
                    okButtonProps: { danger: key === 'deactivate' },
                    onOk: () => act(u, key),
                  });
                }
              },
            }}
          >
            <Button type="link" size="small" style={{ paddingInline: 4 }}>
              {t('common.more')}
            </Button>
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPageHeader group="system" page="users" total={list.data?.total}>
        <ExportButton list="/users" query={filters} filename="users.xlsx" />
        <NewButton label={t('users.new')} onClick={editModal.create} />
      </ListPageHeader>
      <Card variant="borderless">
        <div className="ld-filters">
          <SearchFilter
            placeholder={t('users.searchPlaceholder')}
            value={s.q}
            onSearch={(v) => set({ q: v })}
          />
          <FilterSelect
            placeholder={t('users.role')}
            value={s.role}
            onChange={(v) => set({ role: v })}
            options={USER_ROLES.map((r) => ({ value: r, label: tEnum('userRole', r) }))}
          />
          <OutletSelect
            value={s.outletId || null}
            onChange={(v) => set({ outletId: v })}
            placeholder={t('users.outletFilter')}
            style={{ width: 200 }}
          />
          <StatusFilter value={s.active} onChange={(v) => set({ active: v })} />
        </div>
        <QueryTable<User>
          query={list}
          columns={columns}
          scroll={{ x: 900 }}
          empty={t('users.empty')}
          {...table}
        />
      </Card>
      <UserModal modal={editModal} onSaved={refresh} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

import { Alert, Form, Input, Modal } from 'antd';
import { legacyApi } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n/i18n';
import { useFormSubmit } from './FormModal';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Client-side copy of the server's password policy (docs/api.md); the server has the last word. */
export function passwordPolicyRules(t: ReturnType<typeof useI18n>['t'], username?: string) {
  return [
    { required: true, message: t('password.required') },
    { min: 10, message: t('password.min') },
    {
      validator: (_: unknown, v: string | undefined) =>
        !v || (/[A-Za-z]/.test(v) && /\d/.test(v))
          ? Promise.resolve()
          : Promise.reject(new Error(t('password.mix'))),
    },
    {
      validator: (_: unknown, v: string | undefined) =>
        !v || !username || v !== username
          ? Promise.resolve()
          : Promise.reject(new Error(t('password.notUsername'))),
    },
  ];
}

export function PasswordPolicy() {
  const { t } = useI18n();
  return <Alert className="ld-policy" type="info" showIcon title={t('password.policy')} />;
}

export function ChangePasswordModal({
  open,
  onClose,
  username,
  forced,
}: {
  open: boolean;
  onClose: () => void;
  username: string;
  forced?: boolean;
}) {
  const { reload } = useAuth();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useFormSubmit(form, {
    save: (v) =>
      legacyApi.post('/auth/change-password', {
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      }),
    successMessage: () => t('password.changed'),
    onSaved: () => {
      form.resetFields();
      // the session no longer says "must change password" once reloaded
      void reload().finally(onClose);
    },
    errorFields: { PASSWORD_POLICY: 'newPassword', INVALID_CREDENTIALS: 'currentPassword' },
  });

  return (
    <Modal
      open={open}
      title={t('password.change')}
      onOk={submit}
      okText={t('common.save')}
      confirmLoading={busy}
      onCancel={onClose}
      closable={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      mask={{ closable: !forced }}
      destroyOnHidden
      forceRender
    >
      {forced ? (
        <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 12 }} />
      ) : null}
      <PasswordPolicy />
      <Form form={form} layout="vertical" requiredMark="optional" autoComplete="off">
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={passwordPolicyRules(t, username)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

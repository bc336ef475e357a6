import { PASSWORD_MIN_LENGTH } from '@liangdian/shared';
import { Alert, Form, Input, Modal } from 'antd';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n/i18n';
import { useFormSubmit } from './FormModal';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * The password's length as a form rule. Whether it is common or built from the user's name only
 * the server decides (lib/password-policy.ts); its reason comes back on the field.
 */
export function passwordPolicyRules(t: ReturnType<typeof useI18n>['t']) {
  return [
    { required: true, message: t('password.required') },
    { min: PASSWORD_MIN_LENGTH, message: t('password.min', { min: PASSWORD_MIN_LENGTH }) },
  ];
}

export function PasswordPolicy() {
  const { t } = useI18n();
  return (
    <Alert
      className="ld-policy"
      type="info"
      showIcon
      title={t('password.policy', { min: PASSWORD_MIN_LENGTH })}
    />
  );
}

export function ChangePasswordModal({
  open,
  onClose,
  forced,
}: {
  open: boolean;
  onClose: () => void;
  forced?: boolean;
}) {
  const { reload } = useAuth();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, submit } = useFormSubmit(form, {
    save: (v) =>
      api.post('/auth/change-password', {
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
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
        <Form.Item name="newPassword" label={t('password.new')} rules={passwordPolicyRules(t)}>
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

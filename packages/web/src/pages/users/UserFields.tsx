import { Form, Input } from 'antd';
import { PasswordPolicy, passwordPolicyRules } from '../../components/ChangePasswordModal';
import { useI18n } from '../../i18n/i18n';

/** The username and name fields of an account form (the user page and the staff tab's "create login"). */
export function UserNameFields({ usernameLocked, testId }: { usernameLocked?: boolean; testId?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="username"
        label={t('users.username')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { pattern: /^[A-Za-z0-9._-]{2,40}$/, message: t('users.usernameInvalid') },
        ]}
      >
        <Input
          disabled={usernameLocked}
          className="ld-mono"
          data-testid={testId ? `${testId}-username` : undefined}
        />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input />
      </Form.Item>
    </>
  );
}

/** The first password of a new account, under the password policy. */
export function InitialPasswordField({ testId }: { testId?: string }) {
  const { t } = useI18n();
  return (
    <>
      <PasswordPolicy />
      <Form.Item name="password" label={t('users.initialPassword')} rules={passwordPolicyRules(t)}>
        <Input.Password autoComplete="new-password" data-testid={testId ? `${testId}-password` : undefined} />
      </Form.Item>
    </>
  );
}

import { loginRolesForStaff, type Outlet, type Staff } from '@liangdian/shared/api';
import { Alert, Form, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { FormModal, useFormSubmit } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { InitialPasswordField, UserNameFields } from './UserFields';

interface Values {
  username: string;
  displayName: string;
  role: ReturnType<typeof loginRolesForStaff>[number];
  password: string;
}

/** A suggestion for the username: the employee number, lower case (users may change it). */
const suggestedUsername = (s: Staff) => s.employeeNo.toLowerCase().replace(/[^a-z0-9._-]/g, '');

/**
 * Creates the login of a staff member (admins only): scoped to the staff member's outlet, role
 * `staff` unless they hold the lobby manager or outlet head post (POST /users with `staffId`).
 */
export function StaffLoginModal({
  outlet,
  staff,
  onClose,
  onSaved,
}: {
  outlet: Outlet;
  staff: Staff | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tEnum } = useI18n();
  const [form] = Form.useForm<Values>();
  const roles = staff ? loginRolesForStaff(staff.roles) : [];
  const { busy, submit } = useFormSubmit(form, {
    save: (v) =>
      api.post('/users', {
        body: {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          outletId: outlet.id,
          password: v.password,
          staffId: staff!.id,
        },
      }),
    successMessage: (u) =>
      t('staffLogin.created', { name: u.staffName ?? u.displayName, username: u.username }),
    onSaved,
    errorFields: {
      USERNAME_TAKEN: 'username',
      PASSWORD_POLICY: 'password',
      STAFF_ROLE_MISMATCH: 'role',
    },
  });

  useEffect(() => {
    if (!staff) return;
    form.resetFields();
    form.setFieldsValue({ username: suggestedUsername(staff), displayName: staff.name, role: 'staff' });
  }, [staff, form]);

  return (
    <FormModal
      open={!!staff}
      title={staff ? t('staffLogin.title', { name: staff.name }) : ''}
      form={form}
      busy={busy}
      onOk={submit}
      onClose={onClose}
      testId="staff-login-form"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('staffLogin.intro', { outlet: outlet.name })}
      />
      <UserNameFields testId="staff-login" />
      <Form.Item
        name="role"
        label={t('users.role')}
        extra={t('staffLogin.roleHint')}
        rules={[{ required: true }]}
      >
        <Select
          data-testid="staff-login-role"
          options={roles.map((r) => ({ value: r, label: tEnum('userRole', r) }))}
        />
      </Form.Item>
      <InitialPasswordField testId="staff-login" />
    </FormModal>
  );
}

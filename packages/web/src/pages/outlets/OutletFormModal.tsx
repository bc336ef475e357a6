import type { Outlet } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Switch } from 'antd';
import { api } from '../../api/client';
import { FormModal, type ModalProps, useFormSubmit, useResetOnOpen } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';

interface Values {
  branchId: string;
  code: string;
  name: string;
  address?: string;
  phone?: string;
  pilot: boolean;
}

export function useBranches() {
  return useQuery({
    queryKey: ['branches'],
    queryFn: () => api.get('/branches'),
    staleTime: 5 * 60_000,
  });
}

/** Create an outlet (no `outlet`) or edit one. */
export function OutletFormModal({
  open,
  outlet,
  onClose,
  onSaved,
}: ModalProps<Outlet> & { outlet?: Outlet }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const branches = useBranches();
  const { busy, submit } = useFormSubmit(form, {
    save: (v) => {
      const body = {
        code: v.code.trim(),
        name: v.name.trim(),
        address: v.address?.trim() ?? '',
        phone: v.phone?.trim() ?? '',
        pilot: v.pilot,
      };
      return outlet
        ? api.patch('/outlets/:outletId', { params: { outletId: outlet.id }, body })
        : api.post('/outlets', { body: { ...body, branchId: v.branchId } });
    },
    onSaved,
    successMessage: (saved) => (outlet ? t('common.saved') : t('outlets.created', { name: saved.name })),
    errorFields: { OUTLET_CODE_TAKEN: 'code' },
  });

  useResetOnOpen(
    form,
    open,
    () => {
      if (outlet)
        return {
          branchId: outlet.branchId,
          code: outlet.code,
          name: outlet.name,
          address: outlet.address ?? '',
          phone: outlet.phone ?? '',
          pilot: outlet.pilot,
        };
      const only = branches.data?.items.length === 1 ? branches.data.items[0]?.id : undefined;
      return { pilot: false, ...(only ? { branchId: only } : {}) };
    },
    [outlet, branches.data],
  );

  return (
    <FormModal
      open={open}
      title={outlet ? t('outlets.edit') : t('outlets.new')}
      form={form}
      busy={busy}
      onOk={submit}
      onClose={onClose}
      testId="outlet-form"
    >
      {outlet ? null : (
        <Form.Item
          name="branchId"
          label={t('outlets.branch')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            loading={branches.isLoading}
            options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="code"
        label={t('outlets.code')}
        tooltip={t('outlets.codeHint')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { max: 32, message: t('form.max', { n: 32 }) },
          { pattern: /^[A-Za-z0-9_-]+$/, message: t('form.codeChars') },
        ]}
      >
        <Input data-testid="outlet-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('outlets.name')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { max: 100, message: t('form.max', { n: 100 }) },
        ]}
      >
        <Input data-testid="outlet-name" />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('outlets.address')}
        rules={[{ max: 200, message: t('form.max', { n: 200 }) }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('outlets.phone')}
        rules={[
          { max: 32, message: t('form.max', { n: 32 }) },
          { pattern: /^[0-9+\-() ]*$/, message: t('staff.phoneInvalid') },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="pilot" label={t('outlets.pilot')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

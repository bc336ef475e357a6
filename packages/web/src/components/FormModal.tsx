import { App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { applyServerErrors } from './formErrors';
import { useApiErrorMessage } from './useApiErrorMessage';

/**
 * Validates `form`, runs `save`, then shows a success message ("已保存" unless `successMessage`
 * says otherwise) and calls `onSaved`. Server validation errors go on the fields (conflict codes
 * through `errorFields`); anything else is shown as a plain message.
 */
export function useFormSubmit<V, R = void>(
  form: FormInstance<V>,
  {
    save,
    onSaved,
    successMessage,
    errorFields,
  }: {
    save: (values: V) => Promise<R>;
    onSaved: (result: R) => void;
    successMessage?: (result: R) => string;
    errorFields?: Record<string, string>;
  },
): { busy: boolean; submit: () => Promise<void> } {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const result = await save(v);
      message.success(successMessage ? successMessage(result) : t('common.saved'));
      onSaved(result);
    } catch (e) {
      if (!applyServerErrors(form, e, errorFields)) showError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}

/** A modal with a vertical form and a "保存" button, for creating or editing one record. */
export function FormModal<V>({
  open,
  title,
  form,
  busy,
  onOk,
  onClose,
  width,
  testId,
  children,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  busy: boolean;
  onOk: () => void;
  onClose: () => void;
  width?: number;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={title}
      onOk={onOk}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      forceRender
      width={width}
    >
      <Form form={form} layout="vertical" autoComplete="off" data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

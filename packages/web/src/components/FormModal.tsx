import { App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { applyServerErrors } from './formErrors';
import { useApiErrorMessage } from './useApiErrorMessage';
import type { EditModal } from './useEditModal';

/**
 * Validates `form`, runs `save`, then shows a success message ("已保存" unless `successMessage`
 * says otherwise) and calls `onSaved`. Server validation errors go on the fields (conflict codes
 * through `errorFields`); `onError` may show any other failure itself (it answers true then);
 * anything else is shown as a plain message.
 */
export interface SubmitOptions<V, R> {
  save: (values: V) => Promise<R>;
  onSaved: (result: R) => void;
  /** the success toast (default "已保存"); null: none, the caller shows the result itself */
  successMessage?: (result: R) => string | null;
  errorFields?: Record<string, string>;
  onError?: (error: unknown) => boolean;
}

export function useFormSubmit<V, R = void>(
  form: FormInstance<V>,
  { save, onSaved, successMessage, errorFields, onError }: SubmitOptions<V, R>,
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
      const text = successMessage ? successMessage(result) : t('common.saved');
      if (text) message.success(text);
      onSaved(result);
    } catch (e) {
      if (!applyServerErrors(form, e, errorFields) && !onError?.(e)) showError(e);
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

/** The props of a modal that saves something: whether it is open, and what to do on cancel and once saved. */
export interface ModalProps<R> {
  open: boolean;
  onClose: () => void;
  onSaved: (result: R) => void;
}

/**
 * Resets `form` each time the modal opens and fills it with `fill()` (nothing when it answers
 * undefined); while open, a change of one of `deps` fills it again.
 */
export function useResetOnOpen<V>(
  form: FormInstance<V>,
  open: boolean,
  fill: () => Partial<V> | undefined,
  deps: readonly unknown[] = [],
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill is read when the modal opens; deps say when else
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const values = fill();
    if (values) form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, form, ...deps]);
}

/** The props of a create/edit modal over a table: its state, and what to do once a row is saved. */
export interface RecordModalProps<Row> {
  modal: EditModal<Row>;
  onSaved: () => void;
}

/**
 * The form of a create/edit modal over a table (`modal` from useEditModal): each time the modal
 * opens the form is reset and filled with `fill(row)` (row is null when creating); `save` gets
 * the values and the row; once saved the modal closes and `onSaved` runs. `modalProps` are the
 * FormModal props that follow from it (open, form, busy, onOk, onClose).
 */
export function useRecordForm<V, Row, R = void>(
  modal: EditModal<Row>,
  {
    fill,
    save,
    onSaved,
    ...more
  }: Omit<SubmitOptions<V, R>, 'save' | 'onSaved'> & {
    fill: (row: Row | null) => Partial<V> | undefined;
    save: (values: V, row: Row | null) => Promise<R>;
    onSaved: (result: R) => void;
  },
) {
  const [form] = Form.useForm<V>();
  const { busy, submit } = useFormSubmit(form, {
    ...more,
    save: (v) => save(v, modal.editing),
    onSaved: (result) => {
      modal.close();
      onSaved(result);
    },
  });
  const { open, editing } = modal;
  useResetOnOpen(form, open, () => fill(editing), [editing]);
  return {
    form,
    busy,
    submit,
    modalProps: { open, form, busy, onOk: submit, onClose: modal.close },
  };
}

import { Alert, Form, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * The form of a lobby set-up tab: a "read only" note above it when the user may not edit (the
 * fields are disabled then), and `onDirty` on every change so the tab can say "未保存".
 */
export function SetupForm<V>({
  form,
  editable,
  onDirty,
  requiredMark,
  children,
}: {
  form: FormInstance<V>;
  editable: boolean;
  onDirty: () => void;
  requiredMark?: FormProps['requiredMark'];
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      {!editable ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('lobby.setup.readOnly')} />
      ) : null}
      <Form<V>
        form={form}
        layout="vertical"
        disabled={!editable}
        onValuesChange={onDirty}
        autoComplete="off"
        requiredMark={requiredMark}
      >
        {children}
      </Form>
    </>
  );
}

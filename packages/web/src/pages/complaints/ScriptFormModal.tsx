import { SCRIPT_STAGES } from '@liangdian/shared';
import type { ComplaintScript, ScriptCreate } from '@liangdian/shared/api';
import { Alert, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { type ModalProps, useFormSubmit, useResetOnOpen } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';
import { enumOptions } from './shared';

type Values = ScriptCreate;

/** Adds a script, or edits one: a change of any field is saved as the next version. */
export function ScriptFormModal({
  open,
  script,
  scenarios,
  onClose,
  onSaved,
}: ModalProps<ComplaintScript> & {
  /** null: a new script */
  script: ComplaintScript | null;
  /** scenarios already in use, offered while typing */
  scenarios: string[];
}) {
  const { t, tEnum } = useI18n();
  const [form] = Form.useForm<Values>();

  useResetOnOpen(form, open, () => script ?? undefined, [script]);

  const { busy, submit } = useFormSubmit(form, {
    save: (values) =>
      script
        ? api.patch('/complaint-scripts/:id', { params: { id: script.id }, body: values })
        : api.post('/complaint-scripts', { body: values }),
    successMessage: (saved) =>
      script && saved.version > script.version
        ? t('coaching.script.savedVersion', { version: saved.version })
        : t('common.saved'),
    onSaved,
  });

  return (
    <Modal
      open={open}
      title={
        script
          ? t('coaching.script.editTitle', { title: script.title, version: script.version })
          : t('coaching.script.new')
      }
      onOk={submit}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'script-submit' }}
      confirmLoading={busy}
      width={720}
      destroyOnHidden
    >
      {script ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('coaching.script.versionHint', { version: script.version + 1 })}
        />
      ) : null}
      <Form form={form} layout="vertical" data-testid="script-form" requiredMark>
        <div className="ld-coaching-form-row">
          <Form.Item
            name="stage"
            label={t('coaching.script.stage')}
            rules={[{ required: true, message: t('coaching.required') }]}
          >
            <Select
              options={enumOptions(tEnum, 'coaching.stage', SCRIPT_STAGES)}
              placeholder={t('common.pleaseSelect')}
              data-testid="script-stage"
            />
          </Form.Item>
          <Form.Item
            name="scenario"
            label={t('coaching.script.scenario')}
            rules={[{ required: true, whitespace: true, message: t('coaching.required') }]}
          >
            <AutoComplete
              options={scenarios.map((s) => ({ value: s }))}
              showSearch={{
                filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()),
              }}
              maxLength={100}
              placeholder={t('coaching.script.scenarioPlaceholder')}
              data-testid="script-scenario"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="title"
          label={t('coaching.script.title')}
          rules={[{ required: true, whitespace: true, message: t('coaching.required') }, { max: 200 }]}
        >
          <Input maxLength={200} data-testid="script-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('coaching.script.body')}
          rules={[{ required: true, whitespace: true, message: t('coaching.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 5, maxRows: 14 }}
            maxLength={10_000}
            showCount
            data-testid="script-body"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

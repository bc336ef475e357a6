import { beijingWeekSlot, fromBeijingWallClock, toBeijingIso } from '@liangdian/engine/time';
import type { LobbyMode } from '@liangdian/shared';
import type { LobbyView, ModeOverride } from '@liangdian/shared/api';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { useFormSubmit, useResetOnOpen } from '../../components/FormModal';
import { useI18n } from '../../i18n/i18n';

interface Values {
  mode: LobbyMode | 'plan';
  reason: string;
  /** "HH:mm" today, or empty: to the end of the day */
  until?: string;
}

/** Half hours from the next one to 23:30 of the outlet's day (Beijing time, whatever the browser's zone). */
function untilOptions(view: LobbyView): string[] {
  const first = beijingWeekSlot(view.at).slot + 1;
  const out: string[] = [];
  for (let slot = first; slot < 48; slot++) {
    out.push(`${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`);
  }
  return out;
}

/**
 * Overrides the mode in force (a reason is required; until a time today, or the end of the day),
 * or returns to the plan (`mode: "plan"`, with a reason too).
 */
export function TabletModeModal({
  outletId,
  view,
  open,
  backToPlan,
  onClose,
  onDone,
}: {
  outletId: string;
  view: LobbyView;
  open: boolean;
  /** opened from "back to plan": the mode is fixed to "plan" */
  backToPlan: boolean;
  onClose: () => void;
  onDone: (view: LobbyView) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const times = useMemo(() => untilOptions(view), [view]);

  useResetOnOpen(
    form,
    open,
    (): Partial<Values> => ({
      mode: backToPlan ? 'plan' : view.mode.mode === 'fixed' ? 'rotating' : 'fixed',
      reason: '',
      until: undefined,
    }),
    [backToPlan, view.mode.mode],
  );

  const { busy, submit } = useFormSubmit(form, {
    save: async (v) => {
      // "back to plan" has no mode field on the form
      const target = backToPlan ? 'plan' : v.mode;
      const body: ModeOverride = { mode: target, reason: v.reason.trim() };
      // "HH:mm" of the outlet's (Beijing) day
      if (target !== 'plan' && v.until) body.until = toBeijingIso(fromBeijingWallClock(view.day, v.until));
      const next = await api.post('/outlets/:outletId/lobby/mode', { params: { outletId }, body });
      return { next, target };
    },
    successMessage: ({ target }) =>
      target === 'plan' ? t('lobby.live.mode.backDone') : t('lobby.live.mode.overrideDone'),
    onSaved: ({ next }) => onDone(next),
  });

  return (
    <Modal
      open={open}
      title={backToPlan ? t('lobby.live.mode.backTitle') : t('lobby.live.mode.overrideTitle')}
      okText={t('common.confirm')}
      okButtonProps={{ size: 'large', 'data-testid': 'mode-submit' }}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        {backToPlan ? (
          <p>{t('lobby.live.mode.backHint')}</p>
        ) : (
          <Form.Item name="mode" label={t('lobby.live.mode.label')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              data-testid="mode-choice"
              options={[
                { value: 'fixed', label: t('lobby.live.mode.fixed') },
                { value: 'rotating', label: t('lobby.live.mode.rotating') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('lobby.live.mode.reason')}
          rules={[{ required: true, whitespace: true, message: t('lobby.live.mode.reasonRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('lobby.live.mode.reasonPlaceholder')}
            data-testid="mode-reason"
          />
        </Form.Item>
        {backToPlan ? null : (
          <Form.Item name="until" label={t('lobby.live.mode.until')} extra={t('lobby.live.mode.untilHint')}>
            <Select
              allowClear
              size="large"
              placeholder={t('lobby.live.mode.untilEndOfDay')}
              options={times.map((v) => ({ value: v, label: v }))}
              data-testid="mode-until"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

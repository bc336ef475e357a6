import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ComplaintDrill } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { type ModalProps, useFormSubmit, useResetOnOpen } from '../../components/FormModal';
import { OutletSelect } from '../../components/OutletSelect';
import { useI18n } from '../../i18n/i18n';
import { beijingToday, dayPickerValue, fromDayPicker, isAfterBeijingToday } from '../../time';
import { StaffOfOutletSelect } from './DrillStaffSelect';

interface RubricItem {
  item: string;
  score: number | null;
  max: number | null;
}
interface Values {
  outletId: string;
  heldOn: Dayjs;
  scriptId?: string;
  scenario: string;
  participants: string[];
  evaluator: string;
  rubric: RubricItem[];
  comments?: string;
}

/** The usual criteria of a complaint drill; the evaluator may change, add or drop any. */
const DEFAULT_RUBRIC = ['reception', 'empathy', 'verification', 'wording', 'resolution'] as const;

export function DrillFormModal({ open, onClose, onSaved }: ModalProps<ComplaintDrill>) {
  const { t, tEnum, formatPercent } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const [scriptQ, setScriptQ] = useState('');
  const outletId = Form.useWatch('outletId', form);
  const rubric = Form.useWatch('rubric', form) ?? [];
  const total = rubric.reduce((n, r) => n + (r?.score ?? 0), 0);
  const max = rubric.reduce((n, r) => n + (r?.max ?? 0), 0);

  const scripts = useQuery({
    queryKey: ['complaint-scripts', 'pick', scriptQ],
    queryFn: () => api.get('/complaint-scripts', { query: { q: scriptQ, active: true, pageSize: 30 } }),
    enabled: open,
  });

  useResetOnOpen(
    form,
    open,
    () => ({
      outletId: user.outletId ?? undefined,
      heldOn: dayPickerValue(beijingToday()),
      evaluator: user.displayName || user.username,
      participants: [],
      rubric: DEFAULT_RUBRIC.map((k) => ({ item: tEnum('coaching.rubric', k), score: null, max: 20 })),
    }),
    [user, tEnum],
  );

  const { busy, submit } = useFormSubmit(form, {
    save: (v) =>
      api.post('/complaint-drills', {
        body: {
          outletId: v.outletId,
          heldOn: fromDayPicker(v.heldOn),
          scenario: v.scenario.trim(),
          evaluator: v.evaluator.trim(),
          participants: v.participants,
          rubric: v.rubric.map((r) => ({ item: r.item.trim(), score: r.score ?? 0, max: r.max ?? 1 })),
          comments: v.comments?.trim() ?? '',
        },
      }),
    successMessage: (saved) => t('coaching.drill.saved', { score: saved.score, max: saved.maxScore }),
    onSaved,
  });

  const required = { required: true, message: t('coaching.required') };

  return (
    <Modal
      open={open}
      title={t('coaching.drill.new')}
      onOk={submit}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'drill-submit' }}
      confirmLoading={busy}
      width={760}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="drill-form">
        <div className="ld-coaching-form-row">
          <Form.Item name="outletId" label={t('complaints.outlet')} rules={[required]}>
            {user.outletId ? (
              <Select
                disabled
                options={[{ value: user.outletId, label: user.outletName ?? user.outletId }]}
              />
            ) : (
              <OutletSelect allowClear={false} onChange={() => form.setFieldValue('participants', [])} />
            )}
          </Form.Item>
          <Form.Item name="heldOn" label={t('coaching.drill.heldOn')} rules={[required]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={isAfterBeijingToday} />
          </Form.Item>
        </div>
        <Form.Item name="scriptId" label={t('coaching.drill.script')} extra={t('coaching.drill.scriptHint')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setScriptQ }}
            loading={scripts.isFetching}
            placeholder={t('coaching.drill.scriptPlaceholder')}
            options={(scripts.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${tEnum('coaching.stage', s.stage)} · ${s.title}（${s.scenario}）`,
            }))}
            onChange={(id) => {
              const s = scripts.data?.items.find((x) => x.id === id);
              if (s)
                form.setFieldValue(
                  'scenario',
                  `${s.scenario}${t('coaching.drill.scriptRef', { title: s.title, version: s.version })}`,
                );
            }}
            data-testid="drill-script"
          />
        </Form.Item>
        <Form.Item
          name="scenario"
          label={t('coaching.drill.scenario')}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={500}
            data-testid="drill-scenario"
          />
        </Form.Item>
        <div className="ld-coaching-form-row">
          <Form.Item
            name="participants"
            label={t('coaching.drill.participants')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('coaching.drill.participantsRequired') },
            ]}
          >
            <StaffOfOutletSelect outletId={outletId} multiple testId="drill-participants" />
          </Form.Item>
          <Form.Item
            name="evaluator"
            label={t('coaching.drill.evaluator')}
            rules={[{ ...required, whitespace: true }]}
          >
            <Input maxLength={50} data-testid="drill-evaluator" />
          </Form.Item>
        </div>
        <div className="ant-form-item-label">
          <span className="ant-form-item-required">{t('coaching.drill.rubric')}</span>
        </div>
        <Form.List name="rubric">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div className="ld-rubric-row" key={f.key} data-testid="rubric-row">
                  <Form.Item name={[f.name, 'item']} rules={[{ ...required, whitespace: true }]}>
                    <Input
                      maxLength={100}
                      placeholder={t('coaching.drill.criterion')}
                      aria-label={t('coaching.drill.criterion')}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'score']}
                    dependencies={[['rubric', f.name, 'max']]}
                    rules={[
                      required,
                      ({ getFieldValue }) => ({
                        validator: (_, v: number | null) => {
                          const m = getFieldValue(['rubric', f.name, 'max']) as number | null;
                          return v !== null && v !== undefined && m && v > m
                            ? Promise.reject(new Error(t('coaching.drill.scoreTooBig', { max: m })))
                            : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <InputNumber
                      min={0}
                      max={100}
                      precision={0}
                      style={{ width: '100%' }}
                      placeholder={t('coaching.drill.score')}
                      aria-label={t('coaching.drill.scoreOf', { n: i + 1 })}
                      data-testid={`rubric-score-${i}`}
                    />
                  </Form.Item>
                  <span className="ld-rubric-sep">/</span>
                  <Form.Item name={[f.name, 'max']} rules={[required]}>
                    <InputNumber
                      min={1}
                      max={100}
                      precision={0}
                      style={{ width: '100%' }}
                      aria-label={t('coaching.drill.maxOf', { n: i + 1 })}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(f.name)}
                    aria-label={t('coaching.drill.removeCriterion')}
                  />
                </div>
              ))}
              <div className="ld-rubric-total">
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ item: '', score: null, max: 10 })}
                  disabled={fields.length >= 30}
                >
                  {t('coaching.drill.addCriterion')}
                </Button>
                <span data-testid="drill-total">
                  {t('coaching.drill.total')}：<strong>{total}</strong> / {max}
                  {max ? <span className="ld-muted">（{formatPercent(total / max)}）</span> : null}
                </span>
              </div>
            </>
          )}
        </Form.List>
        <Form.Item name="comments" label={t('coaching.drill.comments')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={5000}
            data-testid="drill-comments"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import type { RosterRulesView } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { RosterSettingsHeader, useRosterEditable, useWeekdays } from './rosterSettings';
import './rosterSettings.css';
import {
  fieldPath,
  plainMessage,
  formToRules,
  HALF_HOUR_OPTIONS,
  type RulesForm,
  rulesToForm,
  SHIFT_LENGTHS,
} from './rosterSettingsModel';

const LABOUR = [
  'maxHoursPerDay',
  'maxOvertimeHoursPerDay',
  'maxHoursPerWeek',
  'maxOvertimeHoursPerWeek',
  'minDaysOffPerWeek',
  'minRestHours',
] as const;
const WEIGHTS = [
  'underCoverage',
  'overCoverage',
  'overtime',
  'underContract',
  'preference',
  'fairness',
] as const;
const BREAK_MINUTES = [30, 60, 90, 120];
const rulesKey = (outletId: string) => ['roster-rules', outletId];

/**
 * 排班规则: the outlet's labour rules (hours, rest, days off, overtime), opening hours, the shifts
 * each role may work with their meal break, split shifts, and the soft goals' weights with what
 * each means; the domain's defaults beside every field and "restore defaults"; refusals on the
 * fields they name. Read-only without roster.edit.
 */
export function RosterRulesPage() {
  const { outletId = '' } = useParams();
  const { t, formatDateTime, formatNumber } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const editable = useRosterEditable(outletId);
  const weekdays = useWeekdays();
  const [form] = Form.useForm<RulesForm>();
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const q = useQuery({
    queryKey: rulesKey(outletId),
    queryFn: () => api.get('/outlets/:outletId/roster-rules', { params: { outletId } }),
  });
  const view = q.data;
  const defaults = view?.defaults;
  useEffect(() => {
    if (view && !dirty) form.setFieldsValue(rulesToForm(view.rules));
  }, [view, dirty, form]);
  // preserve: the roles are held in the store, not shown as fields
  const shifts = Form.useWatch('shifts', { form, preserve: true }) ?? [];

  const label = (path: (string | number)[]): string => {
    const [head, a, b] = path;
    if (head === 'labour' && typeof a === 'string') return t(`rosterSettings.labour.${a}` as MessageKey);
    if (head === 'weights' && typeof a === 'string') return t(`rosterSettings.weight.${a}` as MessageKey);
    if (head === 'hours' && typeof a === 'number') return `${t('rosterSettings.hours')} ${weekdays[a] ?? ''}`;
    if (head === 'shifts' && typeof a === 'number') {
      const role = shifts[a]?.role;
      const what = typeof b === 'string' ? t(`rosterSettings.shift.${b}` as MessageKey) : '';
      return `${role ? t(`staffRole.${role}` as MessageKey) : ''} ${what}`.trim();
    }
    return String(head ?? '');
  };

  const save = async () => {
    const ok = await form.validateFields().catch(() => null);
    if (!ok) return;
    // the whole store: the roles and weekdays are held, not shown as fields
    const values = form.getFieldsValue(true) as RulesForm;
    setSaving(true);
    try {
      const saved = await api.put('/outlets/:outletId/roster-rules', {
        params: { outletId },
        body: formToRules(values),
      });
      queryClient.setQueryData<RosterRulesView>(rulesKey(outletId), saved);
      setDirty(false);
      form.setFieldsValue(rulesToForm(saved.rules));
      message.success(t('rosterSettings.rules.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const fields = e.errors.map((x) => ({ name: fieldPath(x.field), errors: [plainMessage(x.message)] }));
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        const first = fields[0]!;
        form.scrollToField(first.name);
        message.error(
          t('rosterSettings.refused', {
            what: fields.map((f) => `${label(f.name)}：${f.errors[0]}`).join('；'),
          }),
        );
      } else showError(e);
    } finally {
      setSaving(false);
    }
  };
  const restore = () => {
    if (!defaults) return;
    form.setFieldsValue(rulesToForm(defaults));
    setDirty(true);
    message.info(t('rosterSettings.rules.restored'));
  };
  const undo = () => {
    if (!view) return;
    form.resetFields();
    form.setFieldsValue(rulesToForm(view.rules));
    setDirty(false);
  };

  const byDefault = (text: string) => (
    <span className="ld-muted">{t('rosterSettings.default', { value: text })}</span>
  );
  const hours = (n: number | undefined) =>
    n === undefined ? '—' : t('rosterSettings.hoursValue', { n: formatNumber(n) });

  return (
    <>
      <RosterSettingsHeader outletId={outletId} active="rules" />
      <QueryError error={q.error} onRetry={() => q.refetch()} />
      {view ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="rules-source">
          <Tag color={view.source === 'outlet' ? 'blue' : 'default'}>
            {t(`rosterSettings.source.${view.source}` as MessageKey)}
          </Tag>
          {view.updatedAt ? (
            <Typography.Text type="secondary">
              {t('rosterSettings.updated', { by: view.updatedBy ?? '—', at: formatDateTime(view.updatedAt) })}
            </Typography.Text>
          ) : null}
          {!editable ? <Tag>{t('rosterSettings.readOnly')}</Tag> : null}
        </Space>
      ) : null}
      <Form<RulesForm>
        form={form}
        layout="vertical"
        disabled={!editable || !view}
        onValuesChange={() => setDirty(true)}
        autoComplete="off"
        data-testid="rules-form"
      >
        <Card title={t('rosterSettings.section.labour')} variant="borderless" style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {LABOUR.map((k) => (
              <Col xs={24} md={12} xl={8} key={k}>
                <Form.Item
                  name={['labour', k]}
                  label={t(`rosterSettings.labour.${k}` as MessageKey)}
                  rules={[{ required: true, message: t('rosterSettings.required') }]}
                  extra={
                    <>
                      {t(`rosterSettings.labour.${k}.help` as MessageKey)}{' '}
                      {byDefault(
                        k === 'minDaysOffPerWeek'
                          ? t('rosterSettings.daysValue', { n: defaults?.labour[k] ?? '—' })
                          : hours(defaults?.labour[k]),
                      )}
                    </>
                  }
                >
                  <InputNumber
                    step={k === 'minDaysOffPerWeek' ? 1 : 0.5}
                    style={{ width: 140 }}
                    addonAfter={
                      k === 'minDaysOffPerWeek'
                        ? t('rosterSettings.unit.days')
                        : t('rosterSettings.unit.hours')
                    }
                    data-testid={`rule-${k}`}
                  />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name={['labour', 'lateShiftEndsAfter']}
                label={t('rosterSettings.labour.lateShiftEndsAfter')}
                extra={
                  <>
                    {t('rosterSettings.labour.lateShiftEndsAfter.help')}{' '}
                    {byDefault(defaults?.labour.lateShiftEndsAfter ?? '—')}
                  </>
                }
              >
                <Select
                  options={HALF_HOUR_OPTIONS}
                  style={{ width: 140 }}
                  data-testid="rule-lateShiftEndsAfter"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="splitShiftsAllowed"
                label={t('rosterSettings.splitShifts')}
                valuePropName="checked"
                extra={
                  <>
                    {t('rosterSettings.splitShifts.help')}{' '}
                    {byDefault(
                      defaults?.splitShiftsAllowed ? t('rosterSettings.yes') : t('rosterSettings.no'),
                    )}
                  </>
                }
              >
                <Switch data-testid="rule-splitShifts" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('rosterSettings.section.shifts')} variant="borderless" style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">{t('rosterSettings.shifts.help')}</Typography.Paragraph>
          <Form.List name="shifts">
            {(fields) =>
              fields.map((f) => {
                const role = shifts[f.name]?.role;
                const d = defaults?.shifts.find((s) => s.role === role);
                const on = shifts[f.name]?.mealBreak?.on ?? false;
                return (
                  <div key={f.key} className="ld-rules-role" data-testid={`rule-role-${role ?? f.name}`}>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {role ? t(`staffRole.${role}` as MessageKey) : ''}
                    </Typography.Title>
                    <Row gutter={16}>
                      <Col xs={24} lg={10}>
                        <Form.Item
                          name={[f.name, 'shiftStarts']}
                          label={t('rosterSettings.shift.shiftStarts')}
                          rules={[{ required: true, message: t('rosterSettings.required') }]}
                          extra={byDefault(d?.shiftStarts.join('、') ?? '—')}
                        >
                          <Select mode="multiple" options={HALF_HOUR_OPTIONS} maxTagCount="responsive" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} lg={6}>
                        <Form.Item
                          name={[f.name, 'shiftLengthsHours']}
                          label={t('rosterSettings.shift.shiftLengthsHours')}
                          rules={[{ required: true, message: t('rosterSettings.required') }]}
                          extra={byDefault(d?.shiftLengthsHours.map(hours).join('、') ?? '—')}
                        >
                          <Select
                            mode="multiple"
                            options={SHIFT_LENGTHS.map((n) => ({ value: n, label: hours(n) }))}
                            maxTagCount="responsive"
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} lg={8}>
                        <Form.Item label={t('rosterSettings.shift.mealBreak')} style={{ marginBottom: 0 }}>
                          <Space wrap align="start">
                            <Form.Item name={[f.name, 'mealBreak', 'on']} valuePropName="checked" noStyle>
                              <Checkbox>{t('rosterSettings.shift.mealBreakOn')}</Checkbox>
                            </Form.Item>
                            <Form.Item name={[f.name, 'mealBreak', 'minutes']} noStyle>
                              <Select
                                disabled={!on || !editable}
                                style={{ width: 100 }}
                                options={BREAK_MINUTES.map((m) => ({
                                  value: m,
                                  label: t('rosterSettings.minutesValue', { n: m }),
                                }))}
                              />
                            </Form.Item>
                          </Space>
                        </Form.Item>
                        <Space wrap align="start" style={{ marginTop: 8 }}>
                          <Form.Item
                            name={[f.name, 'mealBreak', 'afterHours']}
                            label={t('rosterSettings.shift.afterHours')}
                          >
                            <InputNumber disabled={!on || !editable} step={0.5} style={{ width: 90 }} />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'mealBreak', 'from']}
                            label={t('rosterSettings.shift.windowFrom')}
                          >
                            <Select
                              disabled={!on || !editable}
                              options={HALF_HOUR_OPTIONS}
                              style={{ width: 90 }}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[f.name, 'mealBreak', 'to']}
                            label={t('rosterSettings.shift.windowTo')}
                          >
                            <Select
                              disabled={!on || !editable}
                              options={HALF_HOUR_OPTIONS}
                              style={{ width: 90 }}
                            />
                          </Form.Item>
                        </Space>
                        <div className="ld-muted">
                          {t('rosterSettings.default', {
                            value: d?.mealBreak
                              ? t('rosterSettings.shift.breakText', {
                                  minutes: d.mealBreak.minutes,
                                  after: formatNumber(d.mealBreak.afterHours),
                                  from: d.mealBreak.window[0],
                                  to: d.mealBreak.window[1],
                                })
                              : t('rosterSettings.no'),
                          })}
                        </div>
                      </Col>
                    </Row>
                  </div>
                );
              })
            }
          </Form.List>
        </Card>

        <Card title={t('rosterSettings.section.hours')} variant="borderless" style={{ marginBottom: 12 }}>
          <Form.List name="hours">
            {(fields) => (
              <Row gutter={[16, 0]}>
                {fields.map((f) => (
                  <Col xs={24} md={12} xl={8} key={f.key}>
                    <Space align="start" wrap>
                      <Typography.Text strong style={{ display: 'inline-block', width: 48, paddingTop: 5 }}>
                        {weekdays[f.name]}
                      </Typography.Text>
                      <Form.Item name={[f.name, 'open']}>
                        <Select
                          options={HALF_HOUR_OPTIONS}
                          style={{ width: 86 }}
                          aria-label={t('rosterSettings.open')}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'close']}>
                        <Select
                          options={HALF_HOUR_OPTIONS}
                          style={{ width: 86 }}
                          aria-label={t('rosterSettings.close')}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'closed']} valuePropName="checked">
                        <Checkbox>{t('rosterSettings.closed')}</Checkbox>
                      </Form.Item>
                    </Space>
                  </Col>
                ))}
              </Row>
            )}
          </Form.List>
          <Typography.Text type="secondary">
            {t('rosterSettings.default', {
              value: defaults
                ? [defaults.hours[0], defaults.hours[5]]
                    .map((h, i) =>
                      h
                        ? `${t(i === 0 ? 'rosterSettings.weekdays' : 'rosterSettings.weekends')} ${h.open}–${h.close}`
                        : '',
                    )
                    .join('，')
                : '—',
            })}
          </Typography.Text>
        </Card>

        <Card title={t('rosterSettings.section.weights')} variant="borderless" style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">{t('rosterSettings.weights.help')}</Typography.Paragraph>
          <Row gutter={16}>
            {WEIGHTS.map((k) => (
              <Col xs={24} md={12} xl={8} key={k}>
                <Form.Item
                  name={['weights', k]}
                  label={t(`rosterSettings.weight.${k}` as MessageKey)}
                  rules={[{ required: true, message: t('rosterSettings.required') }]}
                  extra={
                    <>
                      {t(`rosterSettings.weight.${k}.help` as MessageKey)}{' '}
                      {byDefault(formatNumber(defaults?.weights[k]))}
                    </>
                  }
                >
                  <InputNumber style={{ width: 140 }} data-testid={`weight-${k}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      </Form>
      {editable ? (
        <div className="ld-rules-actions">
          {dirty ? <Alert type="warning" showIcon message={t('rosterSettings.unsaved')} /> : null}
          <Space>
            <Button type="primary" onClick={save} loading={saving} disabled={!view} data-testid="rules-save">
              {t('common.save')}
            </Button>
            <Button onClick={undo} disabled={!dirty} data-testid="rules-undo">
              {t('rosterSettings.undo')}
            </Button>
            <Button onClick={restore} disabled={!defaults} data-testid="rules-restore">
              {t('rosterSettings.restore')}
            </Button>
          </Space>
        </div>
      ) : null}
    </>
  );
}

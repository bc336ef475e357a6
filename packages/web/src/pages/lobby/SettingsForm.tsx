import {
  type LobbySettings,
  MODE_OBJECTIVE_DEFAULTS,
  MODE_OBJECTIVE_KEYS,
  type ModeObjectiveKey,
  type ModeObjectivePut,
} from '@liangdian/shared/api';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Col, Divider, Form, InputNumber, Row, Select, Skeleton, Space, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useFormSubmit } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { settingsKey, useLobbySettings } from './PlanApi';
import { SetupForm } from './SetupForm';

interface Values {
  /** percent in the form, a share on the wire */
  serviceLevelTarget: number;
  targetWaitMinutes: number;
  promptTimeoutSeconds: number;
  /** the outlet's weights for "recommend"; empty fields take the defaults */
  modeObjective: Partial<Record<ModeObjectiveKey, number | null>>;
  /** the forecast's day types (PlanForecast) */
  pensionDays: number[];
  paydays: number[];
  /** the elastic-window prompt: on/off, the surge in percent, the minimum of arrivals */
  elasticEnabled: boolean;
  elasticSurgePercent: number;
  elasticMinArrivals: number;
}

const toValues = (s: LobbySettings): Values => ({
  serviceLevelTarget: Math.round(s.serviceLevelTarget * 1000) / 10,
  targetWaitMinutes: s.targetWaitMinutes,
  promptTimeoutSeconds: s.promptTimeoutSeconds,
  modeObjective: Object.fromEntries(MODE_OBJECTIVE_KEYS.map((k) => [k, s.modeObjective?.[k] ?? null])),
  pensionDays: s.pensionDays,
  paydays: s.paydays,
  elasticEnabled: s.elastic.enabled,
  elasticSurgePercent: Math.round(s.elastic.surgeShare * 100),
  elasticMinArrivals: s.elastic.minArrivals,
});
const sortedDays = (ds: number[] | undefined) => [...(ds ?? [])].sort((a, b) => a - b);

/** The weights given (null when none: the defaults). */
function objectiveOf(v: Values['modeObjective'] | undefined): ModeObjectivePut | null {
  const out: ModeObjectivePut = {};
  for (const k of MODE_OBJECTIVE_KEYS) {
    const x = v?.[k];
    if (typeof x === 'number') out[k] = x;
  }
  return Object.keys(out).length ? out : null;
}

/** The lobby's service-level target and the backfill prompt time-out. */
export function SettingsForm({ outletId, editable }: { outletId: string; editable: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const settings = useLobbySettings(outletId);
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const level = Form.useWatch('serviceLevelTarget', form);
  const wait = Form.useWatch('targetWaitMinutes', form);

  useEffect(() => {
    if (settings.data && !dirty) form.setFieldsValue(toValues(settings.data));
  }, [settings.data, dirty, form]);

  const { busy, submit: save } = useFormSubmit(form, {
    save: (v) =>
      api.put('/outlets/:outletId/lobby/settings', {
        params: { outletId },
        body: {
          serviceLevelTarget: Math.round(v.serviceLevelTarget * 10) / 1000,
          targetWaitMinutes: v.targetWaitMinutes,
          promptTimeoutSeconds: v.promptTimeoutSeconds,
          modeObjective: objectiveOf(v.modeObjective),
          pensionDays: sortedDays(v.pensionDays),
          paydays: sortedDays(v.paydays),
          elastic: {
            enabled: v.elasticEnabled,
            surgeShare: v.elasticSurgePercent / 100,
            minArrivals: v.elasticMinArrivals,
          },
        },
      }),
    onSaved: (saved) => {
      queryClient.setQueryData(settingsKey(outletId), saved);
      form.setFieldsValue(toValues(saved));
      setDirty(false);
    },
  });

  if (settings.error) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  if (!settings.data) return <Skeleton active paragraph={{ rows: 4 }} />;

  return (
    <div style={{ maxWidth: 640 }} data-testid="lobby-settings">
      <SetupForm form={form} editable={editable} onDirty={() => setDirty(true)}>
        <Form.Item
          label={t('lobby.setup.settings.serviceLevel')}
          extra={
            typeof level === 'number' && typeof wait === 'number'
              ? t('lobby.setup.settings.serviceLevelMeans', { p: level, m: wait })
              : null
          }
          required
        >
          <Space wrap>
            <Form.Item
              name="serviceLevelTarget"
              noStyle
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber
                min={1}
                max={100}
                precision={1}
                suffix="%"
                style={{ width: 140 }}
                data-testid="settings-level"
              />
            </Form.Item>
            <span>{t('lobby.setup.settings.within')}</span>
            <Form.Item
              name="targetWaitMinutes"
              noStyle
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber
                min={1}
                max={240}
                precision={0}
                suffix={t('lobby.setup.rules.minutes')}
                style={{ width: 140 }}
                data-testid="settings-wait"
              />
            </Form.Item>
            {t('lobby.setup.settings.withinEnd') ? <span>{t('lobby.setup.settings.withinEnd')}</span> : null}
          </Space>
        </Form.Item>
        <Form.Item
          name="promptTimeoutSeconds"
          label={t('lobby.setup.settings.promptTimeout')}
          extra={t('lobby.setup.settings.promptTimeoutHint')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <InputNumber
            min={10}
            max={3600}
            precision={0}
            suffix={t('lobby.setup.settings.seconds')}
            style={{ width: 180 }}
            data-testid="settings-timeout"
          />
        </Form.Item>
        <Form.Item
          label={t('lobby.setup.settings.elastic')}
          extra={t('lobby.setup.settings.elasticHint')}
          required
        >
          <Space wrap>
            <Form.Item name="elasticEnabled" valuePropName="checked" noStyle>
              <Switch data-testid="settings-elastic-enabled" />
            </Form.Item>
            <span>{t('lobby.setup.settings.elasticSurge')}</span>
            <Form.Item
              name="elasticSurgePercent"
              noStyle
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber
                min={0}
                max={500}
                precision={0}
                suffix="%"
                style={{ width: 120 }}
                data-testid="settings-elastic-surge"
              />
            </Form.Item>
            <span>{t('lobby.setup.settings.elasticMin')}</span>
            <Form.Item
              name="elasticMinArrivals"
              noStyle
              rules={[{ required: true, message: t('form.required') }]}
            >
              <InputNumber
                min={1}
                max={500}
                precision={0}
                suffix={t('lobby.setup.settings.people')}
                style={{ width: 120 }}
                data-testid="settings-elastic-min"
              />
            </Form.Item>
          </Space>
        </Form.Item>
        {(['pensionDays', 'paydays'] as const).map((name) => (
          <Form.Item
            key={name}
            name={name}
            label={t(`lobby.forecast.settings.${name}`)}
            extra={t(`lobby.forecast.settings.${name}Hint`)}
          >
            <Select
              mode="multiple"
              allowClear
              style={{ maxWidth: 480 }}
              options={Array.from({ length: 31 }, (_, i) => ({
                value: i + 1,
                label: t('lobby.forecast.settings.day', { d: i + 1 }),
              }))}
              data-testid={`settings-${name}`}
            />
          </Form.Item>
        ))}
        <Divider titlePlacement="start" plain>
          {t('modes.settings.title')}
        </Divider>
        <div className="ld-muted" style={{ marginBottom: 12 }}>
          {t('modes.settings.hint')}
        </div>
        <Row gutter={16}>
          {MODE_OBJECTIVE_KEYS.map((k) => (
            <Col key={k} xs={24} sm={12}>
              <Form.Item
                name={['modeObjective', k]}
                label={`${t(`modes.w.${k}` as MessageKey)}${t('modes.settings.default', { v: MODE_OBJECTIVE_DEFAULTS[k] })}`}
              >
                <InputNumber
                  min={0}
                  max={1000}
                  placeholder={String(MODE_OBJECTIVE_DEFAULTS[k])}
                  style={{ width: 140 }}
                  data-testid={`settings-w-${k}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </SetupForm>
      {editable ? (
        <Space>
          <Button type="primary" loading={busy} disabled={!dirty} onClick={save} data-testid="settings-save">
            {t('common.save')}
          </Button>
          {dirty ? (
            <>
              <Button
                onClick={() => {
                  setDirty(false);
                  form.setFieldsValue(toValues(settings.data));
                }}
              >
                {t('lobby.setup.discard')}
              </Button>
              <Tag color="warning">{t('lobby.setup.unsaved')}</Tag>
            </>
          ) : null}
        </Space>
      ) : null}
    </div>
  );
}

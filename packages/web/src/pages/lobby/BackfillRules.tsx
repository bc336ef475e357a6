import type { BackfillRule } from '@liangdian/shared/api';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  type FormInstance,
  InputNumber,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { businessTypeName, useBusinessTypes } from '../business-types/useBusinessTypes';
import { STAFF_ROLES } from '@liangdian/shared';
import { rulesKey, useActiveStaff, useBackfillRules, useOutletPosts } from './PlanApi';
import { SetupForm } from './SetupForm';

interface BackupRow {
  kind: 'staff' | 'role';
  staffId?: string;
  role?: string;
}
interface RuleRow {
  id?: string;
  postId?: string;
  triggers: { postEmpty?: boolean; queueLength?: number | null; oldestWaitMinutes?: number | null };
  businessTypes?: string[];
  backups: BackupRow[];
}
interface Values {
  rules: RuleRow[];
}

const toRows = (rules: BackfillRule[]): RuleRow[] =>
  rules.map((r) => ({
    id: r.id,
    postId: r.postId,
    triggers: {
      postEmpty: !!r.triggers.postEmpty,
      queueLength: r.triggers.queueLength ?? null,
      oldestWaitMinutes: r.triggers.oldestWaitMinutes ?? null,
    },
    businessTypes: r.businessTypes ?? [],
    backups: r.backups.map((b) =>
      b.staffId ? { kind: 'staff', staffId: b.staffId } : { kind: 'role', role: b.role },
    ),
  }));

const toBody = (rows: RuleRow[]): { rules: BackfillRule[] } => ({
  rules: rows.map((r) => {
    const triggers: BackfillRule['triggers'] = {};
    if (r.triggers?.postEmpty) triggers.postEmpty = true;
    if (typeof r.triggers?.queueLength === 'number') triggers.queueLength = r.triggers.queueLength;
    if (typeof r.triggers?.oldestWaitMinutes === 'number')
      triggers.oldestWaitMinutes = r.triggers.oldestWaitMinutes;
    return {
      ...(r.id ? { id: r.id } : {}),
      postId: r.postId ?? '',
      triggers,
      ...(r.businessTypes?.length ? { businessTypes: r.businessTypes } : {}),
      backups: (r.backups ?? []).map((b) =>
        b.kind === 'staff' ? { staffId: b.staffId ?? '' } : { role: b.role ?? '' },
      ),
    };
  }),
});

/**
 * Server field errors (`body.rules.0.backups.1.staffId`) onto the form's fields; those that name
 * no field (a rule's triggers as a whole) are returned per rule, to show in that rule's card.
 */
function applyRuleErrors(form: FormInstance<Values>, error: unknown): Record<number, string[]> | null {
  if (!(error instanceof ApiError) || error.errors.length === 0) return null;
  const loose: Record<number, string[]> = {};
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const known = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  for (const e of error.errors) {
    const parts = e.field
      .split('.')
      .filter((p, i) => !(i === 0 && p === 'body'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const rule = parts[0] === 'rules' && typeof parts[1] === 'number' ? parts[1] : -1;
    const registered = known.has(JSON.stringify(parts));
    if (registered) fields.push({ name: parts, errors: [e.message] });
    else loose[rule] = [...(loose[rule] ?? []), e.message];
  }
  if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return loose;
}

export function BackfillRules({ outletId, editable }: { outletId: string; editable: boolean }) {
  const { t, tEnum, locale } = useI18n();
  const { meta } = useAuth();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const rules = useBackfillRules(outletId);
  const posts = useOutletPosts(outletId);
  const staff = useActiveStaff(outletId);
  const types = useBusinessTypes();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [loose, setLoose] = useState<Record<number, string[]>>({});
  const [tried, setTried] = useState(false);
  const roles = meta?.staffRoles?.length ? meta.staffRoles : STAFF_ROLES;

  useEffect(() => {
    if (rules.data && !dirty) form.setFieldsValue({ rules: toRows(rules.data.rules) });
  }, [rules.data, dirty, form]);

  const postOptions = useMemo(
    () =>
      (posts.data?.items ?? [])
        .filter((p) => p.active)
        .map((p) => ({
          value: p.id,
          label: p.zoneName && p.zoneName !== p.name ? `${p.name} · ${p.zoneName}` : p.name,
        })),
    [posts.data],
  );
  const staffOptions = useMemo(
    () =>
      (staff.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.name}（${s.roles.map((r) => tEnum('staffRole', r)).join('、')}）`,
      })),
    [staff.data, tEnum],
  );
  const roleOptions = roles.map((r) => ({ value: r, label: tEnum('staffRole', r) }));
  const typeOptions = (types.data?.items ?? [])
    .filter((b) => b.active)
    .map((b) => ({ value: b.code, label: businessTypeName(b, locale) }));

  const save = async () => {
    setLoose({});
    setTried(true);
    const v = await form.validateFields().catch(() => null);
    if (!v || !(v.rules ?? []).every((r) => hasTrigger(r.triggers))) return;
    setBusy(true);
    try {
      const saved = await api.put('/outlets/:outletId/backfill-rules', {
        params: { outletId },
        body: toBody(v.rules ?? []),
      });
      queryClient.setQueryData(rulesKey(outletId), saved);
      form.setFieldsValue({ rules: toRows(saved.rules) });
      setDirty(false);
      setTried(false);
      message.success(t('lobby.setup.rules.saved', { n: saved.rules.length }));
    } catch (e) {
      const l = applyRuleErrors(form, e);
      if (l) {
        setLoose(l);
        message.error(t('lobby.setup.rules.invalid'));
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setDirty(false);
    setTried(false);
    setLoose({});
    form.setFieldsValue({ rules: toRows(rules.data?.rules ?? []) });
  };

  if (rules.error) return <QueryError error={rules.error} onRetry={() => rules.refetch()} />;
  if (!rules.data) return <Skeleton active paragraph={{ rows: 6 }} />;

  return (
    <div data-testid="backfill-rules">
      <div className="ld-toolbar" style={{ flexWrap: 'wrap' }}>
        <span className="ld-muted" style={{ flex: '1 1 360px' }}>
          {t('lobby.setup.rules.intro')}
        </span>
        <Space wrap>
          {dirty ? (
            <Tag color="warning" data-testid="rules-dirty">
              {t('lobby.setup.unsaved')}
            </Tag>
          ) : null}
          {editable && dirty ? <Button onClick={discard}>{t('lobby.setup.discard')}</Button> : null}
          {editable ? (
            <Button type="primary" loading={busy} disabled={!dirty} onClick={save} data-testid="rules-save">
              {t('common.save')}
            </Button>
          ) : null}
        </Space>
      </div>
      <SetupForm form={form} editable={editable} onDirty={() => setDirty(true)} requiredMark={false}>
        <Form.List name="rules">
          {(fields, { add, remove, move }) => (
            <>
              {fields.length === 0 ? (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t('lobby.setup.rules.empty')}
                  style={{ margin: '24px 0' }}
                />
              ) : null}
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid={`rule-${index}`}
                  title={
                    <Space>
                      <UserSwitchOutlined />
                      {t('lobby.setup.rules.ruleN', { n: index + 1 })}
                    </Space>
                  }
                  extra={
                    editable ? (
                      <Space size={0}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={index === 0}
                          aria-label={t('lobby.setup.moveUp')}
                          onClick={() => {
                            move(index, index - 1);
                            setDirty(true);
                          }}
                        />
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={index === fields.length - 1}
                          aria-label={t('lobby.setup.moveDown')}
                          onClick={() => {
                            move(index, index + 1);
                            setDirty(true);
                          }}
                        />
                        <Popconfirm
                          title={t('lobby.setup.rules.removeConfirm')}
                          onConfirm={() => {
                            remove(index);
                            setDirty(true);
                          }}
                        >
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('lobby.setup.rules.remove')}
                          />
                        </Popconfirm>
                      </Space>
                    ) : null
                  }
                >
                  {loose[index]?.length ? (
                    <Alert
                      type="error"
                      showIcon
                      style={{ marginBottom: 12 }}
                      title={loose[index].join('；')}
                      data-testid={`rule-${index}-error`}
                    />
                  ) : null}
                  <div
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
                      columnGap: 16,
                    }}
                  >
                    <Form.Item
                      name={[field.name, 'postId']}
                      label={t('lobby.setup.rules.post')}
                      rules={[{ required: true, message: t('form.required') }]}
                    >
                      <Select
                        options={postOptions}
                        loading={posts.isLoading}
                        placeholder={t('common.pleaseSelect')}
                        data-testid={`rule-${index}-post`}
                        showSearch={{ optionFilterProp: 'label' }}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'businessTypes']}
                      label={t('lobby.setup.rules.businessTypes')}
                      tooltip={t('lobby.setup.rules.businessTypesHint')}
                    >
                      <Select
                        mode="multiple"
                        allowClear
                        options={typeOptions}
                        placeholder={t('lobby.setup.rules.businessTypesDefault')}
                        maxTagCount="responsive"
                      />
                    </Form.Item>
                  </div>
                  <div className="ld-muted" style={{ marginBottom: 6 }}>
                    {t('lobby.setup.rules.triggers')}
                  </div>
                  <Space wrap align="start" size={[24, 0]}>
                    <Form.Item name={[field.name, 'triggers', 'postEmpty']} valuePropName="checked">
                      <Checkbox data-testid={`rule-${index}-post-empty`}>
                        {t('lobby.setup.rules.postEmpty')}
                      </Checkbox>
                    </Form.Item>
                    <Form.Item name={[field.name, 'triggers', 'queueLength']}>
                      <InputNumber
                        min={1}
                        max={10000}
                        precision={0}
                        style={{ width: 230 }}
                        prefix={t('lobby.setup.rules.queueLength')}
                        suffix={t('lobby.setup.rules.people')}
                        placeholder={t('lobby.setup.rules.off')}
                        data-testid={`rule-${index}-queue`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'triggers', 'oldestWaitMinutes']}>
                      <InputNumber
                        min={0.5}
                        max={1440}
                        step={0.5}
                        style={{ width: 230 }}
                        prefix={t('lobby.setup.rules.oldestWait')}
                        suffix={t('lobby.setup.rules.minutes')}
                        placeholder={t('lobby.setup.rules.off')}
                        data-testid={`rule-${index}-wait`}
                      />
                    </Form.Item>
                  </Space>
                  <TriggerHint form={form} index={field.name} show={tried} />
                  <div className="ld-muted" style={{ margin: '4px 0 6px' }}>
                    {t('lobby.setup.rules.backups')}
                  </div>
                  <Form.List
                    name={[field.name, 'backups']}
                    rules={[
                      {
                        validator: (_, v: BackupRow[] | undefined) =>
                          v?.length
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('lobby.setup.rules.backupRequired'))),
                      },
                    ]}
                  >
                    {(bfields, b, { errors }) => (
                      <>
                        {bfields.map((bf, bi) => (
                          <BackupLine
                            key={bf.key}
                            form={form}
                            path={['rules', field.name, 'backups', bf.name]}
                            name={bf.name}
                            order={bi}
                            count={bfields.length}
                            editable={editable}
                            staffOptions={staffOptions}
                            roleOptions={roleOptions}
                            testId={`rule-${index}-backup-${bi}`}
                            onMove={(d) => {
                              b.move(bi, bi + d);
                              setDirty(true);
                            }}
                            onRemove={() => {
                              b.remove(bi);
                              setDirty(true);
                            }}
                          />
                        ))}
                        <Form.ErrorList errors={errors} />
                        {editable ? (
                          <Button
                            size="small"
                            icon={<PlusOutlined />}
                            onClick={() => {
                              b.add({ kind: 'staff' });
                              setDirty(true);
                            }}
                            data-testid={`rule-${index}-add-backup`}
                          >
                            {t('lobby.setup.rules.addBackup')}
                          </Button>
                        ) : null}
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              {editable ? (
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  data-testid="rule-add"
                  onClick={() => {
                    add({ triggers: { postEmpty: true }, businessTypes: [], backups: [{ kind: 'staff' }] });
                    setDirty(true);
                  }}
                >
                  {t('lobby.setup.rules.add')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </SetupForm>
    </div>
  );
}

const hasTrigger = (v: RuleRow['triggers'] | undefined) =>
  !!v?.postEmpty || typeof v?.queueLength === 'number' || typeof v?.oldestWaitMinutes === 'number';

/** "Set at least one trigger" under a rule's triggers, once the user has tried to save. */
function TriggerHint({ form, index, show }: { form: FormInstance<Values>; index: number; show: boolean }) {
  const { t } = useI18n();
  const v = Form.useWatch(['rules', index, 'triggers'], form) as RuleRow['triggers'] | undefined;
  if (!show || hasTrigger(v)) return null;
  return (
    <div className="ant-form-item-explain-error" style={{ marginTop: -16, marginBottom: 12 }} role="alert">
      {t('lobby.setup.rules.triggerRequired')}
    </div>
  );
}

function BackupLine({
  form,
  path,
  name,
  order,
  count,
  editable,
  staffOptions,
  roleOptions,
  testId,
  onMove,
  onRemove,
}: {
  form: FormInstance<Values>;
  path: (string | number)[];
  name: number;
  order: number;
  count: number;
  editable: boolean;
  staffOptions: { value: string; label: string }[];
  roleOptions: { value: string; label: string }[];
  testId: string;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const kind = Form.useWatch([...path, 'kind'], form) as BackupRow['kind'] | undefined;
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }} data-testid={testId}>
      <span className="ld-muted" style={{ width: 20, lineHeight: '32px', textAlign: 'right' }}>
        {order + 1}.
      </span>
      <Form.Item name={[name, 'kind']} style={{ marginBottom: 8 }}>
        <Segmented
          options={[
            { value: 'staff', label: t('lobby.setup.rules.byStaff') },
            { value: 'role', label: t('lobby.setup.rules.byRole') },
          ]}
        />
      </Form.Item>
      {kind === 'role' ? (
        <Form.Item
          name={[name, 'role']}
          style={{ flex: '1 1 220px', marginBottom: 8 }}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={roleOptions} placeholder={t('lobby.setup.rules.pickRole')} />
        </Form.Item>
      ) : (
        <Form.Item
          name={[name, 'staffId']}
          style={{ flex: '1 1 220px', marginBottom: 8 }}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            options={staffOptions}
            placeholder={t('lobby.setup.rules.pickStaff')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid={`${testId}-staff`}
          />
        </Form.Item>
      )}
      {editable ? (
        <Space size={0} style={{ marginTop: 4 }}>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={order === 0}
            aria-label={t('lobby.setup.moveUp')}
            onClick={() => onMove(-1)}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={order === count - 1}
            aria-label={t('lobby.setup.moveDown')}
            onClick={() => onMove(1)}
          />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('lobby.setup.rules.removeBackup')}
            onClick={onRemove}
          />
        </Space>
      ) : null}
    </div>
  );
}

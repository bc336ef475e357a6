import { PlusOutlined } from '@ant-design/icons';
import type { PreferenceCreate, StaffElastic, StaffPreference } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  type FormInstance,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { FormModal, useResetOnOpen } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import {
  PersonField,
  RosterSettingsHeader,
  useRosterEditable,
  useRosterStaff,
  useWeekdays,
} from './rosterSettings';
import {
  cellKey,
  type DayWish,
  fieldPath,
  plainMessage,
  gridChanges,
  gridOf,
  HALF_HOUR_OPTIONS,
  isDayPreference,
  nextWish,
  wishAt,
} from './rosterSettingsModel';
import './rosterSettings.css';

const WEEKDAY_INDEXES = [0, 1, 2, 3, 4, 5, 6];
const prefsKey = (outletId: string) => ['staff-preferences', outletId];

/** Every preference of the outlet (the grid needs them all: a few per person), page by page. */
async function allPreferences(outletId: string): Promise<StaffPreference[]> {
  const out: StaffPreference[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get('/outlets/:outletId/staff-preferences', {
      params: { outletId },
      query: { page, pageSize: 200 },
    });
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

/**
 * 排班偏好: the outlet's people × weekdays, each day wanted (希望上班), unwanted (希望休息) or
 * neutral, changed by a click and saved together; and the shift preferences (a time of day,
 * on a weekday or every day, wanted or unwanted, with a weight), added and removed one by one.
 */
export function RosterPreferencesPage() {
  const { outletId = '' } = useParams();
  const { t, formatNumber } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const editable = useRosterEditable(outletId);
  const weekdays = useWeekdays();
  const staff = useRosterStaff(outletId);
  const prefs = useQuery({ queryKey: prefsKey(outletId), queryFn: () => allPreferences(outletId) });
  const grid = useMemo(() => gridOf(prefs.data ?? []), [prefs.data]);
  const [draft, setDraft] = useState<Map<string, DayWish>>(new Map());
  const [saving, setSaving] = useState(false);
  const [adding, setAdding] = useState(false);
  const [person, setPerson] = useState<string | undefined>(undefined);
  const changes = gridChanges(grid, draft);
  const changed = changes.deletes.length + changes.creates.length > 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: prefsKey(outletId) });

  const wish = (staffId: string, d: number) => draft.get(cellKey(staffId, d)) ?? wishAt(grid, staffId, d);
  const toggle = (staffId: string, d: number) =>
    setDraft((m) => {
      const next = new Map(m);
      const k = cellKey(staffId, d);
      const w = nextWish(wish(staffId, d));
      if (w === wishAt(grid, staffId, d) && (grid.get(k)?.ids.length ?? 0) <= 1) next.delete(k);
      else next.set(k, w);
      return next;
    });
  const saveGrid = async () => {
    setSaving(true);
    try {
      for (const id of changes.deletes)
        await api.delete('/outlets/:outletId/staff-preferences/:id', { params: { outletId, id } });
      for (const body of changes.creates)
        await api.post('/outlets/:outletId/staff-preferences', { params: { outletId }, body });
      message.success(t('rosterSettings.prefs.saved'));
      setDraft(new Map());
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
      await refresh();
    }
  };
  const remove = async (p: StaffPreference) => {
    try {
      await api.delete('/outlets/:outletId/staff-preferences/:id', { params: { outletId, id: p.id } });
      message.success(t('rosterSettings.prefs.deleted'));
      await refresh();
    } catch (e) {
      showError(e);
    }
  };

  const gridColumns: TableProps<StaffElastic>['columns'] = [
    {
      title: t('rosterSettings.person'),
      dataIndex: 'staffName',
      width: 110,
      fixed: 'left',
    },
    ...WEEKDAY_INDEXES.map((d) => ({
      title: weekdays[d],
      key: `d${d}`,
      width: 96,
      className: 'ld-pref-cell',
      render: (_: unknown, p: StaffElastic) => {
        const w = wish(p.staffId, d);
        const dirty = draft.has(cellKey(p.staffId, d));
        return (
          <Button
            size="small"
            className={`ld-pref-${w}${dirty ? ' ld-pref-changed' : ''}`}
            disabled={!editable}
            onClick={() => toggle(p.staffId, d)}
            aria-label={`${p.staffName} ${weekdays[d]} ${t(`rosterSettings.prefs.wish.${w}` as MessageKey)}`}
            data-testid={`pref-cell-${d}`}
            data-wish={w}
          >
            {w === 'neutral' ? '—' : t(`rosterSettings.prefs.wish.${w}` as MessageKey)}
          </Button>
        );
      },
    })),
    {
      title: t('rosterSettings.prefs.shiftCount'),
      key: 'shifts',
      width: 90,
      render: (_: unknown, p: StaffElastic) => {
        const n = (prefs.data ?? []).filter((x) => x.staffId === p.staffId && !isDayPreference(x)).length;
        return n ? formatNumber(n) : <span className="ld-muted">—</span>;
      },
    },
  ];

  const shiftPrefs = (prefs.data ?? [])
    .filter((p) => !isDayPreference(p))
    .filter((p) => !person || p.staffId === person)
    .sort((a, b) => a.staffName.localeCompare(b.staffName, 'zh-CN') || (a.weekday ?? -1) - (b.weekday ?? -1));
  const shiftColumns: TableProps<StaffPreference>['columns'] = [
    { title: t('rosterSettings.person'), dataIndex: 'staffName', width: 110 },
    {
      title: t('rosterSettings.prefs.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: StaffPreference['kind']) => (
        <Tag color={v === 'wanted' ? 'green' : 'red'}>
          {t(`rosterSettings.prefs.kind.${v}` as MessageKey)}
        </Tag>
      ),
    },
    {
      title: t('rosterSettings.prefs.weekday'),
      dataIndex: 'weekday',
      width: 100,
      render: (v: number | null) => (v === null ? t('rosterSettings.prefs.everyDay') : weekdays[v]),
    },
    {
      title: t('rosterSettings.prefs.shift'),
      key: 'shift',
      width: 130,
      render: (_: unknown, p) =>
        p.fromTime ? `${p.fromTime}–${p.toTime}` : t('rosterSettings.prefs.wholeDay'),
    },
    { title: t('rosterSettings.prefs.weight'), dataIndex: 'weight', width: 80, align: 'right' },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, p: StaffPreference) => (
              <Popconfirm
                title={t('rosterSettings.prefs.confirmDelete', { name: p.staffName })}
                onConfirm={() => remove(p)}
              >
                <Button type="link" size="small" danger data-testid="pref-delete">
                  {t('rosterSettings.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <RosterSettingsHeader outletId={outletId} active="preferences" />
      <QueryError
        error={staff.error ?? prefs.error}
        onRetry={() => {
          staff.refetch();
          prefs.refetch();
        }}
      />
      <Card
        variant="borderless"
        title={t('rosterSettings.prefs.days')}
        style={{ marginBottom: 12 }}
        extra={
          editable ? (
            <Space>
              <Button onClick={() => setDraft(new Map())} disabled={!changed} data-testid="pref-undo">
                {t('rosterSettings.undo')}
              </Button>
              <Button
                type="primary"
                onClick={saveGrid}
                loading={saving}
                disabled={!changed}
                data-testid="pref-save"
              >
                {t('common.save')}
              </Button>
            </Space>
          ) : (
            <Tag>{t('rosterSettings.readOnly')}</Tag>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('rosterSettings.prefs.daysHelp')}</Typography.Paragraph>
        {changed ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            message={t('rosterSettings.prefs.pending', { n: draft.size })}
            data-testid="pref-pending"
          />
        ) : null}
        <Table<StaffElastic>
          className="ld-pref-grid"
          rowKey="staffId"
          size="small"
          bordered
          columns={gridColumns}
          dataSource={staff.data?.items}
          loading={staff.isFetching || prefs.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          onRow={(p) => ({ 'data-testid': 'pref-row', 'data-name': p.staffName }) as object}
          data-testid="pref-grid"
        />
      </Card>
      <Card
        variant="borderless"
        title={t('rosterSettings.prefs.shifts')}
        extra={
          <Space>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('rosterSettings.allPeople')}
              value={person}
              onChange={setPerson}
              options={(staff.data?.items ?? []).map((p) => ({ value: p.staffId, label: p.staffName }))}
              style={{ width: 150 }}
              data-testid="pref-person"
            />
            <ExportButton
              list="/outlets/:outletId/staff-preferences"
              params={{ outletId }}
              query={{ staffId: person }}
              filename="preferences.xlsx"
            />
            {editable ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="pref-add"
              >
                {t('rosterSettings.prefs.add')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('rosterSettings.prefs.shiftsHelp')}</Typography.Paragraph>
        <Table<StaffPreference>
          rowKey="id"
          size="middle"
          columns={shiftColumns}
          dataSource={shiftPrefs}
          loading={prefs.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('rosterSettings.prefs.empty') }}
          data-testid="pref-shift-table"
        />
      </Card>
      <ShiftPreferenceModal
        outletId={outletId}
        staff={staff.data?.items ?? []}
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={async () => {
          setAdding(false);
          await refresh();
        }}
      />
    </>
  );
}

type ShiftPrefForm = Omit<PreferenceCreate, 'weekday'> & { weekday: number | 'all' };

function ShiftPreferenceModal({
  outletId,
  staff,
  open,
  onClose,
  onSaved,
}: {
  outletId: string;
  staff: StaffElastic[];
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const weekdays = useWeekdays();
  const [form] = Form.useForm<ShiftPrefForm>();
  const [busy, setBusy] = useState(false);
  useResetOnOpen(form, open, () => ({ kind: 'unwanted' as const, weekday: 'all' as const, weight: 1 }));
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api.post('/outlets/:outletId/staff-preferences', {
        params: { outletId },
        body: { ...v, weekday: v.weekday === 'all' ? null : v.weekday },
      });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (!showOnFields(form, e)) showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal
      open={open}
      title={t('rosterSettings.prefs.add')}
      form={form}
      busy={busy}
      onOk={submit}
      onClose={onClose}
      testId="pref-form"
    >
      <PersonField staff={staff} />
      <Form.Item name="kind" label={t('rosterSettings.prefs.kind')}>
        <Radio.Group
          optionType="button"
          options={(['wanted', 'unwanted'] as const).map((k) => ({
            value: k,
            label: t(`rosterSettings.prefs.kind.${k}` as MessageKey),
          }))}
        />
      </Form.Item>
      <Form.Item name="weekday" label={t('rosterSettings.prefs.weekday')}>
        <Select
          options={[
            { value: 'all', label: t('rosterSettings.prefs.everyDay') },
            ...WEEKDAY_INDEXES.map((d) => ({ value: d, label: weekdays[d] })),
          ]}
          style={{ width: 140 }}
        />
      </Form.Item>
      <Space align="start">
        <Form.Item
          name="fromTime"
          label={t('rosterSettings.from')}
          rules={[{ required: true, message: t('rosterSettings.required') }]}
        >
          <Select showSearch options={HALF_HOUR_OPTIONS} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item
          name="toTime"
          label={t('rosterSettings.to')}
          rules={[{ required: true, message: t('rosterSettings.required') }]}
        >
          <Select showSearch options={HALF_HOUR_OPTIONS} style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="weight"
        label={t('rosterSettings.prefs.weight')}
        extra={t('rosterSettings.prefs.weightHelp')}
      >
        <InputNumber style={{ width: 110 }} />
      </Form.Item>
    </FormModal>
  );
}

/** Puts a refusal on the fields it names; true when one was shown. */
function showOnFields<V>(form: FormInstance<V>, e: unknown): boolean {
  if (!(e instanceof ApiError) || !e.errors.length) return false;
  form.setFields(
    e.errors.map((x) => ({ name: fieldPath(x.field), errors: [plainMessage(x.message)] })) as Parameters<
      typeof form.setFields
    >[0],
  );
  return true;
}

import { PlusOutlined } from '@ant-design/icons';
import type { LeaveCreate, StaffElastic, StaffLeave } from '@liangdian/shared/api';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { ExportButton } from '../../components/ExportButton';
import { FormModal, useResetOnOpen } from '../../components/FormModal';
import { QueryTable } from '../../components/QueryTable';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useEditModal } from '../../components/useEditModal';
import { usePagedList } from '../../components/usePagination';
import { useUrlState } from '../../components/useUrlState';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { dayPickerValue, fromDayPicker } from '../../time';
import { PersonField, RosterSettingsHeader, useRosterEditable, useRosterStaff } from './rosterSettings';
import {
  daysBetween,
  fieldPath,
  plainMessage,
  HALF_HOUR_OPTIONS,
  type LeaveSpan,
  monthRange,
  spanOf,
  spanTimes,
} from './rosterSettingsModel';
import './rosterSettings.css';

const KEYS = ['page', 'pageSize', 'staffId', 'month', 'tab'] as const;
const SPANS: LeaveSpan[] = ['day', 'am', 'pm', 'hours'];

interface LeaveForm {
  staffId: string;
  kind: StaffLeave['kind'];
  days: [Dayjs, Dayjs];
  span: LeaveSpan;
  fromTime: string | null;
  toTime: string | null;
  note: string;
}

/** Shows a refusal on the fields it names (`body.toDay` → the days); true when one was shown. */
function showOnFields<V>(form: FormInstance<V>, e: unknown, rename: Record<string, string>) {
  if (!(e instanceof ApiError) || !e.errors.length) return false;
  const fields = e.errors.map((x) => {
    const name = fieldPath(x.field).join('.');
    return { name: rename[name] ?? name, errors: [plainMessage(x.message)] };
  });
  form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return true;
}

/**
 * 请假与不可排: leave and unavailability per person (days, whole or half days or hours, kind,
 * note), a paged list by person and month with its .xlsx twin, added, changed and removed by
 * the outlet head; and a tab of elastic staff (弹性人员) with their flexible window.
 */
export function RosterLeavePage() {
  const { outletId = '' } = useParams();
  const { t } = useI18n();
  const [s, set] = useUrlState(KEYS);
  const tab = s.tab === 'elastic' ? 'elastic' : 'leave';
  return (
    <>
      <RosterSettingsHeader outletId={outletId} active="leave" />
      <Card variant="borderless">
        <Radio.Group
          value={tab}
          onChange={(e) => set({ tab: e.target.value === 'elastic' ? 'elastic' : '' })}
          optionType="button"
          options={[
            { value: 'leave', label: t('rosterSettings.leave.tab') },
            { value: 'elastic', label: t('rosterSettings.elastic.tab') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="leave-tabs"
        />
        {tab === 'leave' ? (
          <LeaveList outletId={outletId} s={s} set={set} />
        ) : (
          <ElasticList outletId={outletId} />
        )}
      </Card>
    </>
  );
}

function LeaveList({
  outletId,
  s,
  set,
}: {
  outletId: string;
  s: Record<(typeof KEYS)[number], string>;
  set: ReturnType<typeof useUrlState<(typeof KEYS)[number]>>[1];
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const editable = useRosterEditable(outletId);
  const staff = useRosterStaff(outletId);
  const modal = useEditModal<StaffLeave>();
  const range = monthRange(s.month);
  const filters = { staffId: s.staffId || undefined, from: range?.from, to: range?.to };
  const { list, table } = usePagedList(s, set, ['staff-leave', outletId, filters], (paging) =>
    api.get('/outlets/:outletId/staff-leave', { params: { outletId }, query: { ...filters, ...paging } }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['staff-leave', outletId] });
  const remove = async (r: StaffLeave) => {
    try {
      await api.delete('/outlets/:outletId/staff-leave/:id', { params: { outletId, id: r.id } });
      message.success(t('rosterSettings.leave.deleted'));
      await refresh();
    } catch (e) {
      showError(e);
    }
  };
  const hoursText = (r: StaffLeave) => {
    const span = spanOf(r.fromTime, r.toTime);
    return span === 'hours'
      ? `${r.fromTime}–${r.toTime}`
      : t(`rosterSettings.leave.span.${span}` as MessageKey);
  };

  const columns: TableProps<StaffLeave>['columns'] = [
    { title: t('rosterSettings.person'), dataIndex: 'staffName', width: 120 },
    {
      title: t('rosterSettings.leave.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (v: StaffLeave['kind']) => (
        <Tag color={v === 'leave' ? 'orange' : 'default'}>
          {t(`rosterSettings.leave.kind.${v}` as MessageKey)}
        </Tag>
      ),
    },
    {
      title: t('rosterSettings.leave.days'),
      key: 'days',
      width: 240,
      render: (_: unknown, r) => (
        <span className="ld-nowrap">
          {r.fromDay === r.toDay
            ? formatDate(r.fromDay)
            : `${formatDate(r.fromDay)} – ${formatDate(r.toDay)}`}
          <span className="ld-muted">
            {' '}
            {t('rosterSettings.daysValue', { n: daysBetween(r.fromDay, r.toDay) })}
          </span>
        </span>
      ),
    },
    {
      title: t('rosterSettings.leave.hours'),
      key: 'hours',
      width: 120,
      render: (_: unknown, r) => hoursText(r),
    },
    {
      title: t('rosterSettings.leave.note'),
      dataIndex: 'note',
      ellipsis: true,
      render: (v: string) => v || '—',
    },
    {
      title: t('rosterSettings.leave.recorded'),
      key: 'recorded',
      width: 200,
      render: (_: unknown, r) => (
        <div className="ld-two-line">
          <span>{r.createdBy}</span>
          <span className="ld-muted">{formatDateTime(r.createdAt)}</span>
        </div>
      ),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, r: StaffLeave) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => modal.edit(r)} data-testid="leave-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('rosterSettings.leave.confirmDelete', { name: r.staffName })}
                  onConfirm={() => remove(r)}
                >
                  <Button type="link" size="small" danger data-testid="leave-delete">
                    {t('rosterSettings.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <div className="ld-filters">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('rosterSettings.allPeople')}
          value={filters.staffId}
          onChange={(v: string | undefined) => set({ staffId: v ?? '' })}
          options={(staff.data?.items ?? []).map((p) => ({ value: p.staffId, label: p.staffName }))}
          style={{ width: 160 }}
          data-testid="leave-person"
        />
        <DatePicker
          picker="month"
          allowClear
          placeholder={t('rosterSettings.allMonths')}
          value={range ? dayjs(`${s.month}-01`, 'YYYY-MM-DD') : null}
          onChange={(d) => set({ month: d ? d.format('YYYY-MM') : '' })}
          style={{ width: 140 }}
          data-testid="leave-month"
        />
        <Space style={{ marginLeft: 'auto' }}>
          <ExportButton
            list="/outlets/:outletId/staff-leave"
            params={{ outletId }}
            query={filters}
            filename={`leave${s.month ? `-${s.month}` : ''}.xlsx`}
          />
          {editable ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={modal.create} data-testid="leave-add">
              {t('rosterSettings.leave.add')}
            </Button>
          ) : null}
        </Space>
      </div>
      <QueryTable<StaffLeave>
        query={list}
        columns={columns}
        scroll={{ x: 1000 }}
        empty={t('rosterSettings.leave.empty')}
        data-testid="leave-table"
        {...table}
      />
      <LeaveModal
        outletId={outletId}
        staff={staff.data?.items ?? []}
        editing={modal.editing}
        open={modal.open}
        onClose={modal.close}
        onSaved={async () => {
          modal.close();
          await refresh();
        }}
      />
    </>
  );
}

function LeaveModal({
  outletId,
  staff,
  editing,
  open,
  onClose,
  onSaved,
}: {
  outletId: string;
  staff: StaffElastic[];
  editing: StaffLeave | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [form] = Form.useForm<LeaveForm>();
  const [busy, setBusy] = useState(false);
  const span = Form.useWatch('span', form);
  const fill = (): Partial<LeaveForm> =>
    editing
      ? {
          staffId: editing.staffId,
          kind: editing.kind,
          days: [dayPickerValue(editing.fromDay), dayPickerValue(editing.toDay)],
          span: spanOf(editing.fromTime, editing.toTime),
          fromTime: editing.fromTime,
          toTime: editing.toTime,
          note: editing.note,
        }
      : { kind: 'leave', span: 'day', note: '' };
  useResetOnOpen(form, open, fill, [editing]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: LeaveCreate = {
      staffId: v.staffId,
      kind: v.kind,
      fromDay: fromDayPicker(v.days[0]),
      toDay: fromDayPicker(v.days[1]),
      ...spanTimes(v.span, v),
      note: v.note ?? '',
    };
    setBusy(true);
    try {
      if (editing)
        await api.put('/outlets/:outletId/staff-leave/:id', { params: { outletId, id: editing.id }, body });
      else await api.post('/outlets/:outletId/staff-leave', { params: { outletId }, body });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      const rename = {
        fromDay: 'days',
        toDay: 'days',
        ...(v.span === 'hours' ? {} : { fromTime: 'span', toTime: 'span' }),
      };
      if (!showOnFields(form, e, rename)) showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal
      open={open}
      title={
        editing
          ? t('rosterSettings.leave.editTitle', { name: editing.staffName })
          : t('rosterSettings.leave.add')
      }
      form={form}
      busy={busy}
      onOk={submit}
      onClose={onClose}
      testId="leave-form"
    >
      <PersonField staff={staff} testId="leave-form-person" />
      <Form.Item name="kind" label={t('rosterSettings.leave.kind')}>
        <Radio.Group
          optionType="button"
          options={(['leave', 'unavailable'] as const).map((k) => ({
            value: k,
            label: t(`rosterSettings.leave.kind.${k}` as MessageKey),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="days"
        label={t('rosterSettings.leave.days')}
        rules={[{ required: true, message: t('rosterSettings.leave.pickDays') }]}
      >
        <DatePicker.RangePicker style={{ width: '100%' }} data-testid="leave-form-days" />
      </Form.Item>
      <Form.Item
        name="span"
        label={t('rosterSettings.leave.hours')}
        extra={t('rosterSettings.leave.span.help')}
      >
        <Radio.Group
          optionType="button"
          options={SPANS.map((k) => ({
            value: k,
            label: t(`rosterSettings.leave.span.${k}` as MessageKey),
          }))}
          data-testid="leave-form-span"
        />
      </Form.Item>
      {span === 'hours' ? (
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
      ) : null}
      <Form.Item name="note" label={t('rosterSettings.leave.note')}>
        <Input.TextArea maxLength={500} rows={2} data-testid="leave-form-note" />
      </Form.Item>
    </FormModal>
  );
}

interface ElasticForm {
  elastic: boolean;
  windowFrom: string | null;
  windowTo: string | null;
  maxWeeklyHours: number | null;
}

/** 弹性人员: who may start at any half hour inside their flexible window, and a weekly cap. */
function ElasticList({ outletId }: { outletId: string }) {
  const { t, tEnum, formatNumber } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const editable = useRosterEditable(outletId);
  const staff = useRosterStaff(outletId);
  const [editing, setEditing] = useState<StaffElastic | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ElasticForm>();
  const on = Form.useWatch('elastic', form);
  const save = async () => {
    if (!editing) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api.put('/outlets/:outletId/staff-elastic/:staffId', {
        params: { outletId, staffId: editing.staffId },
        body: {
          elastic: v.elastic,
          windowFrom: v.windowFrom ?? null,
          windowTo: v.windowTo ?? null,
          maxWeeklyHours: v.maxWeeklyHours ?? null,
        },
      });
      message.success(t('common.saved'));
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['roster-staff', outletId] });
    } catch (e) {
      if (!showOnFields(form, e, {})) showError(e);
    } finally {
      setBusy(false);
    }
  };
  const columns: TableProps<StaffElastic>['columns'] = [
    { title: t('rosterSettings.person'), dataIndex: 'staffName', width: 120 },
    {
      title: t('rosterSettings.elastic.roles'),
      dataIndex: 'roles',
      render: (v: string[]) => v.map((r) => tEnum('staffRole', r)).join('、') || '—',
    },
    {
      title: t('rosterSettings.elastic.elastic'),
      dataIndex: 'elastic',
      width: 100,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('rosterSettings.elastic.yes')}</Tag> : <span className="ld-muted">—</span>,
    },
    {
      title: t('rosterSettings.elastic.window'),
      key: 'window',
      width: 160,
      render: (_: unknown, r) =>
        r.elastic
          ? r.windowFrom
            ? `${r.windowFrom}–${r.windowTo}`
            : t('rosterSettings.elastic.anyTime')
          : '—',
    },
    {
      title: t('rosterSettings.elastic.cap'),
      dataIndex: 'maxWeeklyHours',
      width: 140,
      render: (v: number | null) =>
        v === null ? '—' : t('rosterSettings.hoursValue', { n: formatNumber(v) }),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: StaffElastic) => (
              <Button
                type="link"
                size="small"
                onClick={() => {
                  setEditing(r);
                  form.resetFields();
                  form.setFieldsValue({
                    elastic: r.elastic,
                    windowFrom: r.windowFrom,
                    windowTo: r.windowTo,
                    maxWeeklyHours: r.maxWeeklyHours,
                  });
                }}
                data-testid="elastic-edit"
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('rosterSettings.elastic.help')}</Typography.Paragraph>
      <Table<StaffElastic>
        rowKey="staffId"
        size="middle"
        columns={columns}
        dataSource={staff.data?.items}
        loading={staff.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="elastic-table"
      />
      <Modal
        open={editing !== null}
        title={editing ? t('rosterSettings.elastic.editTitle', { name: editing.staffName }) : ''}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        confirmLoading={busy}
        forceRender
      >
        <Form form={form} layout="vertical" autoComplete="off">
          <Form.Item name="elastic" label={t('rosterSettings.elastic.elastic')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Space align="start">
            <Form.Item name="windowFrom" label={t('rosterSettings.elastic.windowFrom')}>
              <Select
                allowClear
                showSearch
                disabled={!on}
                options={HALF_HOUR_OPTIONS}
                style={{ width: 110 }}
              />
            </Form.Item>
            <Form.Item name="windowTo" label={t('rosterSettings.elastic.windowTo')}>
              <Select
                allowClear
                showSearch
                disabled={!on}
                options={HALF_HOUR_OPTIONS}
                style={{ width: 110 }}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="maxWeeklyHours"
            label={t('rosterSettings.elastic.cap')}
            extra={t('rosterSettings.elastic.capHelp')}
          >
            <InputNumber step={0.5} style={{ width: 140 }} addonAfter={t('rosterSettings.unit.hours')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CalendarWarning, HolidayDay } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  type TableProps,
  Tag,
  Tooltip,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { requiredRule, requiredText } from '../../components/formRules';
import { QueryTable } from '../../components/QueryTable';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { usePagedList } from '../../components/usePagination';
import { useUrlState } from '../../components/useUrlState';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { beijingToday, fromDayPicker } from '../../time';
import { warningsByDay } from './calendarWarnings';

const KEYS = ['page', 'pageSize', 'year'] as const;

/**
 * The official holiday calendar (法定节假日 and 调休) the regulator's forwarding deadline counts
 * on (Art. 33): paged, exportable, with the server's warnings about entries that look wrong and
 * years without entries; an administrator adds next year's entries from the State Council's notice.
 */
export function HolidayCalendarPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const user = useUser();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const editable = complaintCan.editCalendar(user);
  const thisYear = Number(beijingToday().slice(0, 4));
  const [s, set] = useUrlState(KEYS, {});
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ day: Dayjs; kind: HolidayDay['kind']; name: string }>();
  const year = s.year ? Number(s.year) : undefined;
  const { list, table } = usePagedList(s, set, ['holiday-calendar', 'list', year ?? null], (paging) =>
    api.get('/holiday-calendar', { query: { ...(year ? { year } : {}), ...paging } }),
  );
  const warnings = useQuery({
    queryKey: ['holiday-calendar', 'warnings'],
    queryFn: () => api.get('/holiday-calendar/warnings'),
  });
  const byDay = warningsByDay(warnings.data?.items ?? []);
  const warningText = (w: CalendarWarning) =>
    t(`calendar.warning.${w.code}` as MessageKey, {
      day: w.day ? formatDate(`${w.day}T12:00:00+08:00`) : '',
      year: w.year,
    });

  /** Writes one year again with `change` applied (the API replaces a year as a whole). */
  const rewriteYear = async (y: number, change: (days: HolidayDay[]) => HolidayDay[]) => {
    const current = await api.get('/holiday-calendar', { query: { year: y, page: 1, pageSize: 200 } });
    await api.put('/holiday-calendar', { body: { year: y, days: change(current.items) } });
    await queryClient.invalidateQueries({ queryKey: ['holiday-calendar'] });
    // forwarding deadlines follow the calendar
    await queryClient.invalidateQueries({ queryKey: ['complaints'] });
  };
  const add = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const day = fromDayPicker(v.day);
    try {
      await rewriteYear(Number(day.slice(0, 4)), (days) => [
        ...days.filter((d) => d.day !== day),
        { day, kind: v.kind, name: v.name.trim() },
      ]);
      message.success(t('calendar.saved'));
      setAdding(false);
      form.resetFields();
    } catch (e) {
      showError(e);
    }
  };
  const remove = async (h: HolidayDay) => {
    try {
      await rewriteYear(Number(h.day.slice(0, 4)), (days) => days.filter((d) => d.day !== h.day));
      message.success(t('calendar.saved'));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableProps<HolidayDay>['columns'] = [
    {
      title: t('calendar.day'),
      dataIndex: 'day',
      width: 130,
      render: (v: string) => <span className="ld-mono">{v}</span>,
    },
    {
      title: t('calendar.weekday'),
      key: 'weekday',
      width: 90,
      render: (_: unknown, h) =>
        t(`calendar.weekday.${new Date(`${h.day}T00:00:00Z`).getUTCDay()}` as MessageKey),
    },
    {
      title: t('calendar.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (v: HolidayDay['kind']) => (
        <Tag color={v === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${v}` as MessageKey)}</Tag>
      ),
    },
    { title: t('calendar.name'), dataIndex: 'name' },
    {
      title: t('calendar.check'),
      key: 'check',
      render: (_: unknown, h) => {
        const w = byDay.get(h.day);
        return w ? (
          <Tag color="warning" data-testid="calendar-row-warning">
            {warningText(w)}
          </Tag>
        ) : null;
      },
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, h: HolidayDay) => (
              <Popconfirm title={t('calendar.removeConfirm', { day: h.day })} onConfirm={() => remove(h)}>
                <Tooltip title={t('calendar.remove')}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('calendar.remove')} />
                </Tooltip>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const years = Array.from({ length: thisYear + 2 - 2024 + 1 }, (_, i) => 2024 + i);
  const all = warnings.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        crumbs={[{ title: t('nav.group.complaints') }, { title: t('nav.holidayCalendar') }]}
        subTitle={list.data ? t('common.totalCount', { n: formatNumber(list.data.total) }) : undefined}
        extra={
          <>
            <ExportButton
              list="/holiday-calendar"
              query={year ? { year } : {}}
              filename="holiday-calendar.xlsx"
            />
            {editable ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="calendar-add"
              >
                {t('calendar.add')}
              </Button>
            ) : null}
          </>
        }
      />
      {all.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-warnings"
          title={t('calendar.warnings', { n: all.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {all.map((w) => (
                <li key={`${w.code}-${w.day ?? w.year}`}>{warningText(w)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Card variant="borderless">
        <div className="ld-filters">
          <Select
            allowClear
            placeholder={t('calendar.year')}
            value={year}
            onChange={(v?: number) => set({ year: v ? String(v) : '' })}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 140 }}
            data-testid="calendar-year"
          />
          <span className="ld-muted">{t('calendar.hint')}</span>
        </div>
        <QueryTable<HolidayDay> query={list} rowKey="day" columns={columns} size="small" {...table} />
      </Card>
      <Modal
        open={adding}
        title={t('calendar.add')}
        onCancel={() => setAdding(false)}
        onOk={add}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'holiday' }}>
          <Form.Item name="day" label={t('calendar.day')} rules={[requiredRule(t)]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="kind" label={t('calendar.kind')} rules={[requiredRule(t)]}>
            <Select
              options={(['holiday', 'workday'] as const).map((k) => ({
                value: k,
                label: t(`calendar.kind.${k}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('calendar.name')} rules={requiredText(t, 40)}>
            <Input placeholder={t('calendar.namePlaceholder')} maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

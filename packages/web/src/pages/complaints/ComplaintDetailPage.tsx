import {
  CheckCircleOutlined,
  EditOutlined,
  EyeOutlined,
  MoreOutlined,
  PlusOutlined,
  PrinterOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Dropdown,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Row,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { daysFromToday } from '@liangdian/engine/time';
import { type ComplaintAction, MAIN_LINE, roleTakes } from '@liangdian/shared';
import type { Complaint, ComplaintDecision, ComplaintEvent, RectificationTask } from '@liangdian/shared/api';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { useFormSubmit } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useBusyCall } from '../../components/useBusyCall';
import { useI18n } from '../../i18n/i18n';
import { fromDayPicker } from '../../time';
import { ActionModal } from './ActionModal';
import { AttachmentPanel } from './AttachmentPanel';
import { ComplaintFormModal } from './ComplaintFormModal';
import {
  bilingual,
  ComplaintNotFound,
  ComplaintStatusTag,
  DeadlineBadge,
  ForwardingBadge,
  isRefused,
  PersonalValue,
} from './shared';

const STEPS = MAIN_LINE;
/** The next step of the standard process for each status (the primary button). */
const MAIN: ComplaintAction[] = [
  'acknowledge',
  'investigate',
  'decide',
  'inform',
  'follow_up',
  'close',
  'decide_review',
];
const SIDE: ComplaintAction[] = [
  'extend',
  'pause',
  'resume',
  'new_facts',
  'assess',
  'request_review',
  'merge',
  'withdraw',
];

/** Events that moved the case on (registration and transitions; not edits or clock changes). */
/** Art. 18 on the case: decided and told in time, or which of the two was missed. */
function Art18({ c }: { c: Complaint }) {
  const { t, formatDate } = useI18n();
  const days = c.daysToDecision ?? 0;
  const due = c.deadline.dueOn ?? c.deadline.decisionDueOn;
  if (c.decisionOnTime === false && !c.decidedAt)
    return (
      <Tag color="red" data-testid="art18">
        {t('complaints.art18.withdrawnLate')}
      </Tag>
    );
  if (c.decisionOnTime === false)
    return (
      <Tag color="red" data-testid="art18">
        {t('complaints.art18.lateDecision')} · {t('complaints.onTimeNo', { n: days })}
      </Tag>
    );
  if (c.informOnTime === false)
    return (
      <Tag color="red" data-testid="art18">
        {t('complaints.art18.lateInform')}
      </Tag>
    );
  if (c.onTime)
    return (
      <Tag color="green" data-testid="art18">
        {t('complaints.art18.onTime')} · {t('complaints.onTimeYes', { n: days })}
      </Tag>
    );
  return (
    <Tag color="gold" data-testid="art18">
      {t('complaints.art18.pending', { date: due ? formatDate(`${due}T12:00:00+08:00`) : '—' })}
    </Tag>
  );
}

/** A step recorded more than a minute after it happened (补录): the history says so. */
const recordedLater = (e: ComplaintEvent) =>
  !!e.recordedAt && Date.parse(e.recordedAt) - Date.parse(e.at) > 60_000;

const moves = (events: ComplaintEvent[]) => events.filter((e) => e.fromStatus !== e.toStatus);

function stepIndex(c: Complaint, events: ComplaintEvent[]): number {
  if (c.status === 'review') return STEPS.indexOf('decided');
  const i = STEPS.indexOf(c.status as (typeof STEPS)[number]);
  if (i >= 0) return i;
  // withdrawn / merged: where it stood before
  const last = moves(events)
    .reverse()
    .find((e) => e.toStatus === c.status);
  const from = last?.fromStatus ? STEPS.indexOf(last.fromStatus as (typeof STEPS)[number]) : 0;
  return Math.max(0, from);
}

export function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { t, tEnum, formatDateTime, formatDate, locale } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useApiErrorMessage();
  const wide = Grid.useBreakpoint().lg !== false;
  const [action, setAction] = useState<ComplaintAction | null>(null);
  const [clear, setClear] = useState<Complaint | null>(null);
  const { busy: unmasking, run: runUnmask } = useBusyCall();
  const [editing, setEditing] = useState(false);

  const complaint = useQuery({
    queryKey: ['complaint', id],
    queryFn: () => api.get('/complaints/:id', { params: { id } }),
  });
  const events = useQuery({
    queryKey: ['complaint', id, 'events'],
    queryFn: () => api.get('/complaints/:id/events', { params: { id } }),
    enabled: !complaint.error,
  });

  const refresh = (c?: Complaint) => {
    if (c) queryClient.setQueryData(['complaint', id], c);
    queryClient.invalidateQueries({ queryKey: ['complaint', id] });
    queryClient.invalidateQueries({ queryKey: ['complaints'] });
    queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };

  // Not there, or not the reader's (NOT_FOUND does not say which): a clear page, at once.
  if (isRefused(complaint.error)) return <ComplaintNotFound />;
  const c = complaint.data;
  if (!c) {
    return complaint.error ? (
      <QueryError error={complaint.error} onRetry={() => complaint.refetch()} />
    ) : (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const hidden = c.personalData === 'hidden';
  const shown = clear && clear.id === c.id ? clear : c;
  const mainActions = MAIN.filter((a) => complaintCan.take(user, a, c.status));
  const sideActions = SIDE.filter((a) => {
    if (!complaintCan.take(user, a, c.status)) return false;
    if (a === 'pause') return !c.deadline.pausedSince;
    if (a === 'resume') return !!c.deadline.pausedSince;
    if (a === 'extend') return c.deadline.extensionLevel < 2 && !c.deadline.pausedSince;
    if (a === 'request_review') return !c.reviewRequestedAt;
    return true;
  });
  const evs = events.data?.items ?? [];
  const current = stepIndex(c, evs);
  const ended = c.status === 'withdrawn' || c.status === 'merged';
  const stepAt = (s: string) =>
    moves(evs)
      .reverse()
      .find((e) => e.toStatus === s)?.at;
  /** "Edited: claim, cause" for an update event (the values are in the audit log). */
  const editedFields = (e: ComplaintEvent) => {
    const fields = Array.isArray(e.data?.fields) ? (e.data.fields as string[]) : [];
    return fields.map((f) => tEnum('complaintEdit.field', f)).join(t('common.listSeparator'));
  };

  const unmask = () => {
    let reason = '';
    modal.confirm({
      title: t('complaints.unmaskTitle'),
      content: (
        <div>
          <p className="ld-muted" style={{ marginTop: 0 }}>
            {t('complaints.unmaskHint')}
          </p>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('complaints.unmaskReason')}
            onChange={(e) => {
              reason = e.target.value;
            }}
            data-testid="unmask-reason"
          />
        </div>
      ),
      okText: t('complaints.unmask'),
      onOk: () =>
        runUnmask(
          () => api.post('/complaints/:id/unmask', { params: { id: c.id }, body: { reason: reason.trim() } }),
          setClear,
        ),
    });
  };

  const setEmergency = async (key: string, done: boolean) => {
    try {
      refresh(
        await api.patch('/complaints/:id/emergency', {
          params: { id: c.id },
          body: { items: { [key]: done } },
        }),
      );
    } catch (e) {
      showError(e);
    }
  };

  const dueText = (day: string | null) => (day ? formatDate(`${day}T12:00:00+08:00`) : '—');

  return (
    <>
      <PageHeader
        title={<span data-testid="complaint-no">{c.no}</span>}
        crumbs={[
          { title: t('nav.group.complaints') },
          { title: t('nav.complaints'), to: '/complaints' },
          { title: c.no },
        ]}
        tags={
          <Space size={4} wrap>
            <ComplaintStatusTag status={c.status} />
            <DeadlineBadge complaint={c} />
            {c.major ? (
              <Tag color="red" icon={<WarningOutlined />} data-testid="major-tag">
                {t('complaints.major')}
              </Tag>
            ) : null}
          </Space>
        }
        extra={
          <>
            {c.decision ? (
              <Link to={`/complaints/${c.id}/notice`}>
                <Button icon={<PrinterOutlined />} data-testid="open-notice">
                  {t('complaints.notice')}
                </Button>
              </Link>
            ) : null}
            {complaintCan.editComplaint(user) ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-complaint">
                {t('complaintEdit.edit')}
              </Button>
            ) : null}
            {sideActions.length ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: sideActions.map((a) => ({
                    key: a,
                    label: <span data-testid={`action-${a}`}>{tEnum('complaintAction', a)}</span>,
                    danger: a === 'withdraw',
                  })),
                  onClick: ({ key }) => setAction(key as ComplaintAction),
                }}
              >
                <Button icon={<MoreOutlined />} data-testid="more-actions">
                  {t('complaints.moreActions')}
                </Button>
              </Dropdown>
            ) : null}
            {mainActions.map((a) => (
              <Button key={a} type="primary" onClick={() => setAction(a)} data-testid={`action-${a}`}>
                {tEnum('complaintAction', a)}
              </Button>
            ))}
          </>
        }
      />

      <Card variant="borderless" className="ld-card">
        <Steps
          size="small"
          current={current}
          status={ended ? 'error' : c.status === 'closed' ? 'finish' : 'process'}
          responsive
          // below a wide screen, titles go under the numbers: seven steps side by side keep whole words
          titlePlacement={wide ? 'horizontal' : 'vertical'}
          data-testid="complaint-steps"
          items={STEPS.map((s, i) => ({
            title: tEnum('complaintStatus', s),
            content:
              i <= current ? (
                <span className="ld-step-time">
                  {i === current && ended
                    ? tEnum('complaintStatus', c.status)
                    : i === current && c.status === 'review'
                      ? tEnum('complaintStatus', 'review')
                      : formatDate(stepAt(s))}
                </span>
              ) : undefined,
          }))}
        />
        {!mainActions.length && !ended && c.status !== 'closed' && !roleTakes(user.role, 'acknowledge') ? (
          <div className="ld-muted" style={{ marginTop: 12, fontSize: 13 }}>
            {t('complaints.readOnly')}
          </div>
        ) : null}
      </Card>

      {c.major && c.emergencyChecklist ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="emergency-plan"
          title={t('complaints.emergencyTitle', { n: c.peopleCount })}
          description={
            <div className="ld-checklist">
              {c.emergencyChecklist.map((i) => (
                <Checkbox
                  key={i.key}
                  checked={i.done}
                  disabled={!complaintCan.mayTake(user, 'acknowledge')}
                  onChange={(e) => setEmergency(i.key, e.target.checked)}
                >
                  {locale === 'zh-CN' ? i.zh : i.en}
                </Checkbox>
              ))}
            </div>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card variant="borderless" title={t('complaints.facts.title')} className="ld-card">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 2 }}
              labelStyle={{ width: 110 }}
              items={[
                { key: 'outlet', label: t('complaints.outlet'), children: c.outletName },
                {
                  key: 'received',
                  label: t('complaints.receivedAt'),
                  children: formatDateTime(c.receivedAt),
                },
                {
                  key: 'source',
                  label: t('complaints.source'),
                  children: tEnum('complaintSource', c.source),
                },
                {
                  key: 'channel',
                  label: t('complaints.channel'),
                  children: bilingual(c.channelName, locale),
                },
                {
                  key: 'category',
                  label: t('complaints.category'),
                  children: bilingual(c.categoryName, locale),
                },
                { key: 'cause', label: t('complaints.cause'), children: bilingual(c.causeName, locale) },
                ...(c.source === 'regulator'
                  ? [
                      {
                        key: 'reg',
                        label: t('complaints.forwardedOn'),
                        children: `${dueText(c.regulatorReceivedOn)} → ${dueText(c.forwardedOn)}`,
                      },
                      {
                        key: 'forwarding',
                        label: t('complaints.forwardingDueOn'),
                        children: (
                          <span className="ld-nowrap" data-testid="forwarding-due">
                            {dueText(c.forwardingDueOn)} <ForwardingBadge complaint={c} />
                          </span>
                        ),
                      },
                    ]
                  : []),
                ...(hidden
                  ? []
                  : [
                      {
                        key: 'name',
                        label: t('complaints.complainantName'),
                        children: (
                          <span data-testid="complainant-name-value">
                            <PersonalValue value={shown.complainantName} hidden={false} />
                            {shown.personalData === 'clear' ? (
                              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                                {t('complaints.clearShown')}
                              </Tag>
                            ) : null}
                          </span>
                        ),
                      },
                      {
                        key: 'phone',
                        label: t('complaints.complainantPhone'),
                        children: (
                          <span data-testid="complainant-phone-value">
                            <PersonalValue value={shown.complainantPhone} hidden={false} />
                          </span>
                        ),
                      },
                      {
                        key: 'idno',
                        label: t('complaints.complainantIdNumber'),
                        children: <PersonalValue value={shown.complainantIdNumber} hidden={false} />,
                      },
                    ]),
                { key: 'people', label: t('complaints.peopleCount'), children: c.peopleCount },
                { key: 'staff', label: t('complaints.staff'), children: c.staffName ?? '—' },
                { key: 'handler', label: t('complaints.handler'), children: c.handlerName ?? '—' },
                {
                  key: 'claim',
                  label: t('complaints.claim'),
                  span: 'filled',
                  children: <div className="ld-pre">{c.claim}</div>,
                },
                {
                  key: 'facts',
                  label: t('complaints.facts'),
                  span: 'filled',
                  children: <div className="ld-pre">{c.facts || '—'}</div>,
                },
                ...(c.rootCause
                  ? [
                      {
                        key: 'root',
                        label: t('complaints.rootCause'),
                        span: 'filled' as const,
                        children: <div className="ld-pre">{c.rootCause}</div>,
                      },
                    ]
                  : []),
              ]}
            />
            {hidden ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                title={t('complaints.personalHiddenNote')}
              />
            ) : complaintCan.unmask(user) && shown.personalData !== 'clear' ? (
              <Button
                icon={<EyeOutlined />}
                onClick={unmask}
                loading={unmasking}
                style={{ marginTop: 12 }}
                data-testid="unmask"
              >
                {t('complaints.unmask')}
              </Button>
            ) : null}
          </Card>

          {hidden ? null : <AttachmentPanel complaint={c} />}

          {c.decision ? <DecisionCard title={t('complaints.decision.title')} d={c.decision} /> : null}
          {c.review ? <DecisionCard title={t('complaints.review.title')} d={c.review} /> : null}

          <TasksCard complaint={c} />
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={t('complaints.deadline.title')} className="ld-card">
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'due',
                  label: t('complaints.deadline.current'),
                  children: <DeadlineBadge complaint={c} />,
                },
                {
                  key: 'dd',
                  label: t('complaints.deadline.decisionDueOn'),
                  children: dueText(c.deadline.decisionDueOn),
                },
                {
                  key: 'ext',
                  label: t('complaints.deadline.extension'),
                  children:
                    c.deadline.extensionLevel === 0
                      ? t('complaints.deadline.noExtension')
                      : t('complaints.deadline.extended', { n: c.deadline.extensionLevel }),
                },
                ...(c.deadline.extensionReason
                  ? [
                      {
                        key: 'er',
                        label: t('complaints.extend.reason'),
                        children: c.deadline.extensionReason,
                      },
                    ]
                  : []),
                {
                  key: 'paused',
                  label: t('complaints.deadline.paused'),
                  children: c.deadline.pausedSince
                    ? t('complaints.deadline.pausedSince', { date: formatDate(c.deadline.pausedSince) })
                    : t('complaints.deadline.pausedDays', { n: c.deadline.pausedDays }),
                },
                ...(c.decidedAt || c.decisionOnTime === false
                  ? [
                      {
                        key: 'ontime',
                        label: t('complaints.art18'),
                        children: <Art18 c={c} />,
                      },
                      ...(c.decidedAt
                        ? [
                            {
                              key: 'informed',
                              label: t('complaints.informedAt'),
                              children: c.informedAt
                                ? formatDateTime(c.informedAt)
                                : t('complaints.notInformedYet'),
                            },
                          ]
                        : []),
                    ]
                  : []),
                ...(c.reviewRequestBy && !c.reviewRequestedAt
                  ? [
                      {
                        key: 'rrb',
                        label: t('complaints.review.requestBy'),
                        children:
                          daysFromToday(c.reviewRequestBy, Date.now()) >= 0
                            ? dueText(c.reviewRequestBy)
                            : t('complaints.review.windowClosed'),
                      },
                    ]
                  : []),
                ...(c.reviewDueOn
                  ? [{ key: 'rdo', label: t('complaints.review.dueOn'), children: dueText(c.reviewDueOn) }]
                  : []),
              ]}
            />
          </Card>
          {c.responsibility ? (
            <Card variant="borderless" title={t('complaints.assess.title')} className="ld-card">
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'r',
                    label: t('complaints.assess.responsibility'),
                    children: tEnum('responsibility', c.responsibility),
                  },
                  {
                    key: 's',
                    label: t('complaints.assess.severity'),
                    children: tEnum('severity', c.severity),
                  },
                  { key: 'p', label: t('complaints.assess.staff'), children: c.responsibleStaffName ?? '—' },
                  { key: 'pt', label: t('complaints.assess.points'), children: c.points ?? 0 },
                ]}
              />
            </Card>
          ) : null}
          <Card variant="borderless" title={t('complaints.events')} className="ld-card" data-testid="events">
            <QueryError error={events.error} onRetry={() => events.refetch()} />
            {events.isLoading ? (
              <Skeleton active />
            ) : (
              <Timeline
                items={[...evs].reverse().map((e) => ({
                  key: e.id,
                  color:
                    e.toStatus === 'withdrawn' || e.toStatus === 'merged'
                      ? 'red'
                      : e.fromStatus === e.toStatus
                        ? 'gray'
                        : 'blue',
                  content: (
                    <div className="ld-event">
                      <div>
                        <strong>{tEnum('complaintEvent', e.action)}</strong>
                        {e.fromStatus && e.fromStatus !== e.toStatus ? (
                          <span className="ld-muted">
                            {' '}
                            · {tEnum('complaintStatus', e.fromStatus)} →{' '}
                            {tEnum('complaintStatus', e.toStatus)}
                          </span>
                        ) : null}
                      </div>
                      <div className="ld-muted" style={{ fontSize: 12 }}>
                        {formatDateTime(e.at)} ·{' '}
                        {e.actorName === 'demo' ? t('complaints.demoActor') : e.actorName}
                      </div>
                      {recordedLater(e) ? (
                        <div className="ld-muted" style={{ fontSize: 12 }} data-testid="event-recorded-at">
                          {t('complaints.event.recordedAt', { time: formatDateTime(e.recordedAt!) })}
                        </div>
                      ) : null}
                      {e.action === 'update' && editedFields(e) ? (
                        <div className="ld-event-comment" data-testid="event-edited-fields">
                          {t('complaintEdit.event.fields', { fields: editedFields(e) })}
                        </div>
                      ) : null}
                      {e.comment ? <div className="ld-pre ld-event-comment">{e.comment}</div> : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>

      <ComplaintFormModal
        open={editing}
        complaint={c}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          setClear(null);
          refresh(saved);
        }}
      />
      <ActionModal
        complaint={c}
        action={action}
        onClose={() => setAction(null)}
        onDone={(saved) => {
          setAction(null);
          setClear(null);
          refresh(saved);
          if (saved.status === 'merged' && saved.mergedIntoId) message.info(t('complaints.mergedInfo'));
        }}
      />
    </>
  );
}

function DecisionCard({ title, d }: { title: string; d: ComplaintDecision }) {
  const { t, tEnum, formatDateTime } = useI18n();
  return (
    <Card variant="borderless" title={title} className="ld-card" data-testid="decision-card">
      <Descriptions
        size="small"
        column={1}
        labelStyle={{ width: 120 }}
        items={[
          {
            key: 'f',
            label: t('complaints.decision.factsVerified'),
            children: <div className="ld-pre">{d.factsVerified}</div>,
          },
          {
            key: 'b',
            label: t('complaints.decision.basis'),
            children: <div className="ld-pre">{d.basis}</div>,
          },
          {
            key: 'r',
            label: t('complaints.decision.reasons'),
            children: <div className="ld-pre">{d.reasons}</div>,
          },
          {
            key: 'res',
            label: t('complaints.decision.result'),
            children: <div className="ld-pre">{d.result}</div>,
          },
          {
            key: 'rem',
            label: t('complaints.decision.remedies'),
            children: d.remedies.map((r) => tEnum('remedy', r)).join(t('common.listSeparator')),
          },
          {
            key: 'by',
            label: t('complaints.decision.by'),
            children: `${d.decidedBy} · ${formatDateTime(d.decidedAt)}`,
          },
        ]}
      />
    </Card>
  );
}

function TasksCard({ complaint }: { complaint: Complaint }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const showError = useApiErrorMessage();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ title: string; owner: string; dueOn: Dayjs }>();
  const tasks = useQuery({
    queryKey: ['rectification-tasks', { complaintId: complaint.id }],
    queryFn: () => api.get('/rectification-tasks', { query: { complaintId: complaint.id, pageSize: 100 } }),
  });
  const mayEdit = complaintCan.tasks(user);

  const { busy, submit: add } = useFormSubmit(form, {
    save: (v) =>
      api.post('/complaints/:id/tasks', {
        params: { id: complaint.id },
        body: { title: v.title.trim(), owner: v.owner.trim(), dueOn: fromDayPicker(v.dueOn) },
      }),
    onSaved: () => {
      setAdding(false);
      queryClient.invalidateQueries({ queryKey: ['rectification-tasks'] });
    },
  });
  const complete = async (task: RectificationTask) => {
    try {
      await api.patch('/rectification-tasks/:id', {
        params: { id: task.id },
        body: { status: task.status === 'done' ? 'open' : 'done' },
      });
      queryClient.invalidateQueries({ queryKey: ['rectification-tasks'] });
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      variant="borderless"
      title={t('complaints.tasks')}
      className="ld-card"
      extra={
        mayEdit ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setAdding(true);
            }}
            data-testid="add-task"
          >
            {t('complaints.task.add')}
          </Button>
        ) : null
      }
    >
      <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />
      <Table<RectificationTask>
        rowKey="id"
        size="small"
        pagination={false}
        loading={tasks.isLoading}
        dataSource={tasks.data?.items}
        scroll={{ x: 560 }}
        locale={{
          emptyText: <Empty description={t('complaints.task.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
        }}
        columns={[
          { title: t('complaints.task.title'), dataIndex: 'title' },
          { title: t('complaints.task.owner'), dataIndex: 'owner', width: 100 },
          {
            title: t('complaints.task.dueOn'),
            dataIndex: 'dueOn',
            width: 110,
            render: (v: string, r) => (
              <span
                style={{
                  color: r.status === 'open' && daysFromToday(v, Date.now()) < 0 ? '#cf1322' : undefined,
                }}
              >
                {formatDate(`${v}T12:00:00+08:00`)}
              </span>
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 150,
            render: (v: string, r) =>
              v === 'done' ? (
                <Tag color="green" icon={<CheckCircleOutlined />}>
                  {t('complaints.task.doneAt', { time: formatDateTime(r.doneAt) })}
                </Tag>
              ) : (
                <Tag color="orange">{t('complaints.task.open')}</Tag>
              ),
          },
          ...(mayEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  width: 90,
                  render: (_: unknown, r: RectificationTask) => (
                    <Button size="small" type="link" onClick={() => complete(r)} data-testid="task-toggle">
                      {r.status === 'done' ? t('complaints.task.reopen') : t('complaints.task.complete')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={adding}
        title={t('complaints.task.add')}
        onOk={add}
        onCancel={() => setAdding(false)}
        okText={t('common.save')}
        confirmLoading={busy}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" autoComplete="off">
          <Form.Item
            name="title"
            label={t('complaints.task.title')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input maxLength={200} data-testid="task-title" />
          </Form.Item>
          <Form.Item
            name="owner"
            label={t('complaints.task.owner')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input maxLength={50} data-testid="task-owner" />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t('complaints.task.dueOn')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="task-due" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

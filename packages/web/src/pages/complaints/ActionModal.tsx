import { useQuery } from '@tanstack/react-query';
import { Alert, type Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import {
  COMPLAINT_STEPS,
  type ComplaintAction,
  INFORM_METHODS,
  OPEN_STATUSES,
  PAUSE_KINDS,
  REMEDIES,
  RESPONSIBILITIES,
  SATISFACTIONS,
  SEVERITIES,
} from '@liangdian/shared';
import type { Complaint, StepBodies } from '@liangdian/shared/api';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { useFormSubmit } from '../../components/FormModal';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { beijingPickerValue, fromBeijingPicker } from '../../time';
import { StaffSelect } from './ComplaintFormModal';
import { enumOptions } from './shared';

type Values = Record<string, unknown> & {
  comment?: string;
  /** when the step happened (every step; Beijing time) */
  at?: Dayjs;
  complainantInformedAt?: Dayjs;
};

const OPEN = OPEN_STATUSES.join(',');
/** A date-time field: what the picker shows is Beijing time, whatever the browser's zone. */
const beijing = (d: Dayjs | undefined) => (d ? fromBeijingPicker(d) : undefined);
/** Days after today (Beijing) cannot be picked: nothing is recorded before it happens. */
const afterToday = (d: Dayjs) => d.isAfter(beijingPickerValue().endOf('day'));

/** The label of the step's time: what happened then, in the step's own words. */
const AT_LABEL: Partial<Record<ComplaintAction, MessageKey>> = {
  inform: 'complaints.inform.at',
  request_review: 'complaints.review.at',
  new_facts: 'complaints.newFacts.at',
};

/** POST /complaints/:id/<path> of a step, its path from the state machine (COMPLAINT_STEPS). */
type StepPath = `/complaints/:id/${(typeof COMPLAINT_STEPS)[ComplaintAction]['path']}`;
type StepInput = z.input<(typeof StepBodies)[ComplaintAction]>;
const takeStep = (action: ComplaintAction, id: string, body: Record<string, unknown>) =>
  api.post(`/complaints/:id/${COMPLAINT_STEPS[action].path}` as StepPath, {
    params: { id },
    body: body as StepInput,
  });

function trimmed(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * Builds the request body of a step from the form values (StepBodies of the contract). The time is
 * sent only when the user changed it from the "now" the form opened with: the picker shows whole
 * minutes, and 10:31 would come before a step another tab recorded at 10:31:30 — left alone, the
 * server stamps the moment it records the step.
 */
function bodyOf(action: ComplaintAction, v: Values, openedAt: Dayjs | null): Record<string, unknown> {
  const changed = v.at && !(openedAt && v.at.isSame(openedAt, 'minute'));
  return { ...stepFields(action, v), ...(changed ? { at: beijing(v.at) } : {}) };
}

function stepFields(action: ComplaintAction, v: Values): Record<string, unknown> {
  const comment = trimmed(v.comment) ?? '';
  switch (action) {
    case 'decide':
    case 'decide_review':
      return {
        factsVerified: trimmed(v.factsVerified),
        basis: trimmed(v.basis),
        reasons: trimmed(v.reasons),
        result: trimmed(v.result),
        remedies: v.remedies,
        comment,
      };
    case 'inform':
      return { method: v.method, proof: trimmed(v.proof), comment };
    case 'follow_up':
      return { satisfaction: v.satisfaction, comment };
    case 'close':
      return { rootCause: trimmed(v.rootCause), comment };
    case 'investigate':
      return { comment, ...(v.handlerId ? { handlerId: v.handlerId } : {}) };
    case 'merge':
      return { intoId: v.intoId, comment };
    case 'request_review':
      return { comment };
    case 'extend':
      return {
        reason: trimmed(v.reason),
        approvedBy: trimmed(v.approvedBy),
        complainantInformedAt: beijing(v.complainantInformedAt),
        informMethod: v.informMethod || undefined,
        proof: trimmed(v.proof),
        comment,
      };
    case 'pause':
      return { kind: v.kind, reason: trimmed(v.reason), comment };
    case 'new_facts':
      return { comment };
    case 'assess':
      return {
        responsibility: v.responsibility,
        severity: v.severity,
        responsibleStaffId: v.responsibleStaffId || null,
        comment,
      };
    default:
      return { comment };
  }
}

/** Where a conflict code belongs in the form. */
const CODE_FIELDS: Record<string, string> = {
  COMPLAINT_HANDLER_RECUSED: 'comment',
  COMPLAINT_DEADLINE_PASSED: 'at',
  REVIEW_WINDOW_CLOSED: 'at',
  EXTENSION_REASON_REQUIRED: 'reason',
  EXTENSION_APPROVAL_REQUIRED: 'approvedBy',
  EXTENSION_NOTICE_REQUIRED: 'complainantInformedAt',
  MERGE_TARGET_INVALID: 'intoId',
};

/** One modal per step of the process, with the fields its endpoint needs. */
export function ActionModal({
  complaint,
  action,
  onClose,
  onDone,
}: {
  complaint: Complaint;
  action: ComplaintAction | null;
  onClose: () => void;
  onDone: (c: Complaint) => void;
}) {
  const { t, tEnum } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const [conflict, setConflict] = useState<string | null>(null);
  /** the "now" the time field opened with */
  const openedAt = useRef<Dayjs | null>(null);
  const second = complaint.deadline.extensionLevel >= 1;

  useEffect(() => {
    if (!action) return;
    setConflict(null);
    form.resetFields();
    // now on the Beijing clock, whatever the browser's zone
    const now = beijingPickerValue().second(0);
    if (action === 'decide' || action === 'decide_review') form.setFieldsValue({ remedies: [...REMEDIES] });
    form.setFieldsValue({ at: now });
    openedAt.current = now;
    if (action === 'inform') form.setFieldsValue({ method: 'phone' });
    if (action === 'follow_up') form.setFieldsValue({ satisfaction: 'satisfied' });
    if (action === 'pause') form.setFieldsValue({ kind: 'mediation' });
    if (action === 'extend' && second)
      form.setFieldsValue({ complainantInformedAt: now, informMethod: 'phone' });
    if (action === 'assess')
      form.setFieldsValue({
        responsibility: complaint.responsibility ?? 'partial',
        severity: complaint.severity ?? 'general',
        responsibleStaffId: complaint.responsibleStaffId ?? complaint.staffId ?? undefined,
      });
  }, [action, form, second, complaint]);

  const { busy, submit } = useFormSubmit(form, {
    // the modal shows (and saves) only while a step is chosen
    save: (v) => {
      setConflict(null);
      return action
        ? takeStep(action, complaint.id, bodyOf(action, v, openedAt.current))
        : Promise.resolve(complaint);
    },
    successMessage: () => t('complaints.actionDone', { action: tEnum('complaintAction', action ?? '') }),
    onSaved: onDone,
    errorFields: CODE_FIELDS,
    onError: (e) => {
      if (!(e instanceof ApiError && (e.status === 409 || e.status === 400))) return false;
      setConflict(e.detail || e.code);
      return true;
    },
  });

  const handlers = useQuery({
    queryKey: ['complaints', 'handlers', complaint.outletId],
    queryFn: () => api.get('/complaints/handlers', { query: { outletId: complaint.outletId } }),
    enabled: action === 'investigate',
  });

  const mergeTargets = useQuery({
    queryKey: ['complaints', 'merge-targets', complaint.outletId],
    queryFn: () =>
      api.get('/complaints', { query: { outletId: complaint.outletId, status: OPEN, pageSize: 100 } }),
    enabled: action === 'merge',
  });

  if (!action) return null;

  const req = [{ required: true, whitespace: true, message: t('form.required') }];
  const reqAny = [{ required: true, message: t('form.required') }];
  const commentRequired = action === 'withdraw' || action === 'request_review' || action === 'new_facts';

  const decisionFields = (
    <>
      <Alert type="info" showIcon className="ld-form-note" title={t('complaints.decisionNote')} />
      <Form.Item name="factsVerified" label={t('complaints.decision.factsVerified')} rules={req}>
        <Input.TextArea rows={3} maxLength={5000} data-testid="decision-facts" />
      </Form.Item>
      <Form.Item name="basis" label={t('complaints.decision.basis')} rules={req}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="decision-basis" />
      </Form.Item>
      <Form.Item name="reasons" label={t('complaints.decision.reasons')} rules={req}>
        <Input.TextArea rows={3} maxLength={5000} data-testid="decision-reasons" />
      </Form.Item>
      <Form.Item name="result" label={t('complaints.decision.result')} rules={req}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="decision-result" />
      </Form.Item>
      <Form.Item
        name="remedies"
        label={t('complaints.decision.remedies')}
        tooltip={t('complaints.decision.remediesHint')}
        rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
      >
        <Checkbox.Group options={enumOptions(tEnum, 'remedy', REMEDIES)} />
      </Form.Item>
    </>
  );

  const informFields = (prefix: 'inform' | 'extend') => (
    <>
      <Form.Item
        name={prefix === 'inform' ? 'method' : 'informMethod'}
        label={t('complaints.inform.method')}
        rules={prefix === 'inform' ? reqAny : undefined}
      >
        <Select options={enumOptions(tEnum, 'informMethod', INFORM_METHODS)} />
      </Form.Item>
      {prefix === 'extend' ? (
        <Form.Item name="complainantInformedAt" label={t('complaints.extend.informedAt')} rules={reqAny}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={afterToday}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="proof"
        label={t('complaints.inform.proof')}
        tooltip={t('complaints.inform.proofHint')}
        rules={prefix === 'inform' ? req : undefined}
      >
        <Input.TextArea
          rows={2}
          maxLength={2000}
          data-testid="inform-proof"
          placeholder={t('complaints.inform.proofPlaceholder')}
        />
      </Form.Item>
    </>
  );

  let fields: React.ReactNode = null;
  switch (action) {
    case 'acknowledge':
      fields = (
        <Alert type="info" showIcon className="ld-form-note" title={t('complaints.acknowledgeNote')} />
      );
      break;
    case 'investigate':
      fields = (
        <>
          <Alert type="info" showIcon className="ld-form-note" title={t('complaints.recusalNote')} />
          <Form.Item
            name="handlerId"
            label={t('complaints.handler')}
            extra={t('complaints.handlerDefault', { name: user.displayName })}
          >
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={handlers.isFetching}
              placeholder={complaint.handlerName ?? user.displayName}
              options={(handlers.data?.items ?? []).map((h) => ({
                value: h.id,
                label: `${h.displayName}（${tEnum('userRole', h.role)}）`,
              }))}
            />
          </Form.Item>
        </>
      );
      break;
    case 'decide':
    case 'decide_review':
      fields = decisionFields;
      break;
    case 'inform':
      fields = informFields('inform');
      break;
    case 'follow_up':
      fields = (
        <Form.Item name="satisfaction" label={t('complaints.followUp.satisfaction')} rules={reqAny}>
          <Radio.Group optionType="button" options={enumOptions(tEnum, 'satisfaction', SATISFACTIONS)} />
        </Form.Item>
      );
      break;
    case 'close':
      fields = (
        <Form.Item name="rootCause" label={t('complaints.rootCause')} tooltip={t('complaints.rootCauseHint')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="close-root-cause" />
        </Form.Item>
      );
      break;
    case 'merge':
      fields = (
        <Form.Item
          name="intoId"
          label={t('complaints.merge.into')}
          rules={reqAny}
          tooltip={t('complaints.merge.hint')}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={mergeTargets.isLoading}
            options={(mergeTargets.data?.items ?? [])
              .filter((c) => c.id !== complaint.id)
              .map((c) => ({ value: c.id, label: `${c.no} · ${c.claim.slice(0, 30)}` }))}
          />
        </Form.Item>
      );
      break;
    case 'request_review':
      fields = (
        <Alert
          type="info"
          showIcon
          className="ld-form-note"
          title={t('complaints.reviewNote', { date: complaint.reviewRequestBy ?? '—' })}
        />
      );
      break;
    case 'extend':
      fields = (
        <>
          <Alert
            type={second ? 'warning' : 'info'}
            showIcon
            className="ld-form-note"
            title={second ? t('complaints.extend.secondNote') : t('complaints.extend.firstNote')}
          />
          <Form.Item name="reason" label={t('complaints.extend.reason')} rules={req}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {second ? (
            <>
              <Form.Item name="approvedBy" label={t('complaints.extend.approvedBy')} rules={req}>
                <Input maxLength={100} placeholder={t('complaints.extend.approvedByPlaceholder')} />
              </Form.Item>
              {informFields('extend')}
            </>
          ) : null}
        </>
      );
      break;
    case 'pause':
      fields = (
        <>
          <Form.Item name="kind" label={t('complaints.pause.kind')} rules={reqAny}>
            <Radio.Group optionType="button" options={enumOptions(tEnum, 'pauseKind', PAUSE_KINDS)} />
          </Form.Item>
          <Form.Item name="reason" label={t('complaints.pause.reason')} rules={req}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
      break;
    case 'new_facts':
      fields = (
        <Alert type="warning" showIcon className="ld-form-note" title={t('complaints.newFactsNote')} />
      );
      break;
    case 'withdraw':
      fields = (
        <Alert type="warning" showIcon className="ld-form-note" title={t('complaints.withdrawNote')} />
      );
      break;
    case 'assess':
      fields = (
        <>
          <Form.Item name="responsibility" label={t('complaints.assess.responsibility')} rules={reqAny}>
            <Radio.Group
              optionType="button"
              options={enumOptions(tEnum, 'responsibility', RESPONSIBILITIES)}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('complaints.assess.severity')} rules={reqAny}>
            <Radio.Group optionType="button" options={enumOptions(tEnum, 'severity', SEVERITIES)} />
          </Form.Item>
          <Form.Item name="responsibleStaffId" label={t('complaints.assess.staff')}>
            <StaffSelect outletId={complaint.outletId} />
          </Form.Item>
        </>
      );
      break;
    default:
      fields = null;
  }

  const commentLabel =
    action === 'withdraw'
      ? t('complaints.withdrawReason')
      : action === 'request_review'
        ? t('complaints.review.reason')
        : action === 'new_facts'
          ? t('complaints.newFacts.what')
          : t('complaints.comment');

  return (
    <Modal
      open={!!action}
      title={`${tEnum('complaintAction', action)} · ${complaint.no}`}
      onOk={submit}
      onCancel={onClose}
      okText={t('common.confirm')}
      okButtonProps={
        { danger: action === 'withdraw', 'data-testid': 'action-submit' } as React.ComponentProps<
          typeof Button
        >
      }
      confirmLoading={busy}
      width={action === 'decide' || action === 'decide_review' ? 720 : 560}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" data-testid={`action-form-${action}`}>
        {conflict ? (
          <Alert
            type="error"
            showIcon
            className="ld-form-note"
            title={conflict}
            data-testid="action-conflict"
          />
        ) : null}
        {fields}
        <Form.Item
          name="at"
          label={t(AT_LABEL[action] ?? 'complaints.step.at')}
          tooltip={t('complaints.step.atHint')}
          rules={reqAny}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={afterToday}
            data-testid="action-at"
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={commentLabel}
          rules={commentRequired ? req : [{ max: 2000, message: t('form.max', { n: 2000 }) }]}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid="action-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

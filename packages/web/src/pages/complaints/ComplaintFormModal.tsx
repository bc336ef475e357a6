import { useQuery } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { COMPLAINT_SOURCES, MAJOR_COMPLAINT_PEOPLE } from '@liangdian/shared';
import type { Complaint } from '@liangdian/shared/api';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { applyServerErrors } from '../../components/formErrors';
import { type ModalProps, useResetOnOpen } from '../../components/FormModal';
import { OutletSelect } from '../../components/OutletSelect';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import {
  beijingPickerValue,
  dayPickerValue,
  fromBeijingPicker,
  fromDayPicker,
  isAfterBeijingToday,
} from '../../time';
import { editPatch } from './EditPatch';
import { enumOptions, useCodeLabels } from './shared';

/** Art. 29: 20 or more people together make a major complaint. */
export const MAJOR_PEOPLE = MAJOR_COMPLAINT_PEOPLE;

interface Values {
  outletId: string;
  receivedAt: Dayjs;
  source: Complaint['source'];
  regulatorReceivedOn?: Dayjs | null;
  forwardedOn?: Dayjs | null;
  channel: string;
  category: string;
  cause: string;
  complainantName: string;
  complainantPhone?: string;
  complainantIdNumber?: string;
  /** edit only: remove the stored phone / ID number */
  clearPhone?: boolean;
  clearIdNumber?: boolean;
  staffId?: string | null;
  peopleCount: number;
  claim: string;
  facts?: string;
  rootCause?: string;
}

export function useOutletStaff(outletId: string | null | undefined) {
  return useQuery({
    queryKey: ['staff', 'select', outletId],
    queryFn: () =>
      api.get('/outlets/:outletId/staff', {
        params: { outletId: outletId! },
        query: { pageSize: 200, active: true },
      }),
    enabled: !!outletId,
    staleTime: 60_000,
  });
}

export function StaffSelect({
  outletId,
  value,
  onChange,
  id,
  mode,
  placeholder,
}: {
  outletId: string | null | undefined;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  id?: string;
  mode?: 'multiple';
  placeholder?: string;
}) {
  const { t, tEnum } = useI18n();
  const staff = useOutletStaff(outletId);
  return (
    <Select
      id={id}
      mode={mode}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!outletId}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={staff.isLoading}
      placeholder={placeholder ?? (outletId ? t('common.pleaseSelect') : t('complaints.pickOutletFirst'))}
      options={(staff.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.name} · ${s.roles.map((r) => tEnum('staffRole', r)).join(t('common.listSeparator'))}`,
      }))}
    />
  );
}

/**
 * Registers a complaint (受理登记): every field of POST /complaints. Given `complaint`, edits it
 * instead (PATCH): the fields the server lets change, the complainant's data shown masked and
 * replaced only when typed again.
 */
export function ComplaintFormModal({
  open,
  onClose,
  onSaved,
  complaint,
}: ModalProps<Complaint> & { complaint?: Complaint | null }) {
  const editing = complaint ?? null;
  const { t, tEnum } = useI18n();
  const user = useUser();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const codes = useCodeLabels();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const outletId = Form.useWatch('outletId', form);
  const source = Form.useWatch('source', form);
  const people = Form.useWatch('peopleCount', form) ?? 1;
  const clearPhone = Form.useWatch('clearPhone', form) === true;
  const clearIdNumber = Form.useWatch('clearIdNumber', form) === true;

  // Only when the modal opens: a refetch of the complaint must not wipe what is being typed.
  useResetOnOpen(
    form,
    open,
    (): Partial<Values> =>
      editing
        ? {
            outletId: editing.outletId,
            receivedAt: beijingPickerValue(editing.receivedAt),
            source: editing.source,
            regulatorReceivedOn: editing.regulatorReceivedOn
              ? dayPickerValue(editing.regulatorReceivedOn)
              : null,
            forwardedOn: editing.forwardedOn ? dayPickerValue(editing.forwardedOn) : null,
            channel: editing.channel,
            category: editing.category,
            cause: editing.cause,
            staffId: editing.staffId,
            peopleCount: editing.peopleCount,
            claim: editing.claim,
            facts: editing.facts,
            rootCause: editing.rootCause ?? '',
          }
        : {
            outletId: user.outletId ?? undefined,
            // now on the Beijing clock, whatever the browser's zone
            receivedAt: beijingPickerValue().second(0),
            source: 'walk_in',
            channel: 'branch_premises',
            peopleCount: 1,
          },
    [user.outletId, editing?.id],
  );

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      if (editing) {
        const patch = editPatch(editing, {
          ...v,
          regulatorReceivedOn: v.regulatorReceivedOn ? fromDayPicker(v.regulatorReceivedOn) : null,
          forwardedOn: v.forwardedOn ? fromDayPicker(v.forwardedOn) : null,
        });
        if (!Object.keys(patch).length) {
          message.info(t('complaintEdit.noChanges'));
          onClose();
          return;
        }
        const saved = await api.patch('/complaints/:id', { params: { id: editing.id }, body: patch });
        message.success(t('complaintEdit.saved', { no: saved.no }));
        onSaved(saved);
        return;
      }
      const body = {
        outletId: v.outletId,
        // what the picker shows is Beijing time: 07:32 is 07:32 in Beijing on any laptop
        receivedAt: fromBeijingPicker(v.receivedAt),
        source: v.source,
        // the regulator's dates only for its cases (a value left from another choice is not sent)
        regulatorReceivedOn:
          v.source === 'regulator' && v.regulatorReceivedOn ? fromDayPicker(v.regulatorReceivedOn) : null,
        forwardedOn: v.source === 'regulator' && v.forwardedOn ? fromDayPicker(v.forwardedOn) : null,
        channel: v.channel,
        category: v.category,
        cause: v.cause,
        complainantName: v.complainantName.trim(),
        complainantPhone: v.complainantPhone?.trim() || null,
        complainantIdNumber: v.complainantIdNumber?.trim() || null,
        staffId: v.staffId || null,
        peopleCount: v.peopleCount,
        claim: v.claim.trim(),
        facts: v.facts?.trim() ?? '',
      };
      const saved = await api.post('/complaints', { body });
      message.success(t('complaints.registered', { no: saved.no }));
      onSaved(saved);
    } catch (e) {
      if (!applyServerErrors(form, e, { COMPLAINT_HANDLER_RECUSED: 'staffId' })) showError(e);
    } finally {
      setBusy(false);
    }
  };

  const req = [{ required: true, message: t('form.required') }];
  /** In an edit the complainant's data is optional: empty keeps what is stored. */
  const personalReq = editing ? [] : req;
  const masked = (v: string | null | undefined) =>
    editing ? { placeholder: v || t('complaintEdit.personal.none') } : {};

  return (
    <Modal
      open={open}
      title={editing ? t('complaintEdit.title', { no: editing.no }) : t('complaints.new')}
      onOk={submit}
      onCancel={onClose}
      okText={editing ? t('common.save') : t('complaints.register')}
      okButtonProps={{ 'data-testid': 'complaint-form-submit' }}
      confirmLoading={busy}
      width={760}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        data-testid={editing ? 'complaint-edit-form' : 'complaint-form'}
        requiredMark
      >
        <div className="ld-form-section">{t('complaints.section.receipt')}</div>
        {editing ? (
          <div className="ld-muted ld-form-note" style={{ fontSize: 13 }}>
            {t('complaintEdit.receiptFixed')}
          </div>
        ) : null}
        <Row gutter={16}>
          <Col xs={24} md={editing ? 8 : 12}>
            <Form.Item name="outletId" label={t('complaints.outlet')} rules={req}>
              {editing ? (
                <Select disabled options={[{ value: editing.outletId, label: editing.outletName }]} />
              ) : user.outletId ? (
                <Select disabled options={[{ value: user.outletId, label: user.outletName ?? '' }]} />
              ) : (
                <OutletSelect allowClear={false} />
              )}
            </Form.Item>
          </Col>
          <Col xs={24} md={editing ? 8 : 12}>
            <Form.Item
              name="receivedAt"
              label={t('complaints.receivedAt')}
              tooltip={t('complaints.receivedAtHint')}
              rules={req}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={isAfterBeijingToday}
                disabled={!!editing}
                data-testid="complaint-received-at"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="source" label={t('complaints.source')} rules={req}>
              <Select
                disabled={!!editing}
                options={enumOptions(tEnum, 'complaintSource', COMPLAINT_SOURCES)}
              />
            </Form.Item>
          </Col>
          {source === 'regulator' ? (
            <>
              <Col xs={12} md={8}>
                <Form.Item name="regulatorReceivedOn" label={t('complaints.regulatorReceivedOn')}>
                  <DatePicker style={{ width: '100%' }} data-testid="regulator-received-on" />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="forwardedOn" label={t('complaints.forwardedOn')} rules={req}>
                  <DatePicker style={{ width: '100%' }} data-testid="forwarded-on" />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
        <div className="ld-form-section">{t('complaints.section.classification')}</div>
        <Row gutter={16}>
          {(['channel', 'category', 'cause'] as const).map((code) => (
            <Col key={code} xs={24} md={8}>
              <Form.Item name={code} label={t(`complaints.${code}`)} rules={req}>
                <Select
                  options={codes.options(code)}
                  loading={codes.loading}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <div className="ld-form-section">{t('complaints.section.complainant')}</div>
        <Alert
          type="info"
          showIcon
          className="ld-form-note"
          title={editing ? t('complaintEdit.personal.note') : t('complaints.personalNote')}
          data-testid={editing ? 'personal-edit-note' : undefined}
        />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="complainantName"
              label={t('complaints.complainantName')}
              rules={[...personalReq, { max: 50, message: t('form.max', { n: 50 }) }]}
            >
              <Input data-testid="complainant-name" {...masked(editing?.complainantName)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="complainantPhone"
              label={t('complaints.complainantPhone')}
              rules={[{ pattern: /^[0-9+\-() ]*$/, message: t('staff.phoneInvalid') }]}
              extra={
                editing?.complainantPhone ? (
                  <Form.Item name="clearPhone" valuePropName="checked" noStyle>
                    <Checkbox data-testid="clear-phone">{t('complaintEdit.personal.clear')}</Checkbox>
                  </Form.Item>
                ) : undefined
              }
            >
              <Input
                data-testid="complainant-phone"
                inputMode="tel"
                disabled={clearPhone}
                {...masked(editing?.complainantPhone)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="complainantIdNumber"
              label={t('complaints.complainantIdNumber')}
              rules={[{ pattern: /^[0-9A-Za-z]*$/, message: t('complaints.idInvalid') }]}
              extra={
                editing?.complainantIdNumber ? (
                  <Form.Item name="clearIdNumber" valuePropName="checked" noStyle>
                    <Checkbox data-testid="clear-id">{t('complaintEdit.personal.clear')}</Checkbox>
                  </Form.Item>
                ) : undefined
              }
            >
              <Input
                data-testid="complainant-id"
                disabled={clearIdNumber}
                {...masked(editing?.complainantIdNumber)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="peopleCount" label={t('complaints.peopleCount')} rules={req}>
              <InputNumber
                min={1}
                max={100000}
                precision={0}
                style={{ width: '100%' }}
                data-testid="people-count"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="staffId" label={t('complaints.staff')} tooltip={t('complaints.staffHint')}>
              <StaffSelect outletId={outletId} />
            </Form.Item>
          </Col>
        </Row>
        {people >= MAJOR_PEOPLE ? (
          <Alert
            type="error"
            showIcon
            className="ld-form-note"
            data-testid="major-warning"
            title={t('complaints.majorWarning')}
            description={t('complaints.majorWarningDetail')}
          />
        ) : null}
        <div className="ld-form-section">{t('complaints.section.content')}</div>
        <Form.Item
          name="claim"
          label={t('complaints.claim')}
          rules={[...req, { max: 2000, message: t('form.max', { n: 2000 }) }]}
        >
          <Input.TextArea rows={2} showCount maxLength={2000} data-testid="complaint-claim" />
        </Form.Item>
        <Form.Item
          name="facts"
          label={t('complaints.facts')}
          rules={[{ max: 5000, message: t('form.max', { n: 5000 }) }]}
        >
          <Input.TextArea rows={3} maxLength={5000} data-testid="complaint-facts" />
        </Form.Item>
        {editing ? (
          <Form.Item
            name="rootCause"
            label={t('complaints.rootCause')}
            rules={[{ max: 2000, message: t('form.max', { n: 2000 }) }]}
          >
            <Input.TextArea rows={2} maxLength={2000} data-testid="complaint-root-cause" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

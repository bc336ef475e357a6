import type { BusinessType } from '@liangdian/shared/api';
import { ZONE_KINDS, type ZoneKind } from '@liangdian/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Card, Form, Input, Select, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { FormModal, type RecordModalProps, useRecordForm } from '../../components/FormModal';
import { requiredRule, requiredText } from '../../components/formRules';
import { ExportButton } from '../../components/ExportButton';
import { ListPageHeader } from '../../components/PageHeader';
import { rowActionsColumn, statusColumn } from '../../components/masterColumns';
import { QueryTable } from '../../components/QueryTable';
import { NewButton, StatusFilter } from '../../components/TableToolbar';
import { useEditModal } from '../../components/useEditModal';
import { useI18n } from '../../i18n/i18n';
import { useBusinessTypes } from './useBusinessTypes';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  defaultZoneKind: ZoneKind;
}

function BusinessTypeModal({ modal, onSaved }: RecordModalProps<BusinessType>) {
  const { t, tEnum } = useI18n();
  const { modalProps } = useRecordForm<Values, BusinessType>(modal, {
    fill: (item) => item ?? undefined,
    save: async (v, item) => {
      const body = {
        code: v.code.trim(),
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn.trim(),
        defaultZoneKind: v.defaultZoneKind,
      };
      if (item) await api.patch('/business-types/:id', { params: { id: item.id }, body });
      else await api.post('/business-types', { body });
    },
    onSaved,
    errorFields: { BUSINESS_TYPE_CODE_TAKEN: 'code', CONFLICT: 'code' },
  });

  return (
    <FormModal {...modalProps} title={modal.editing ? t('businessTypes.edit') : t('businessTypes.new')}>
      <Form.Item
        name="code"
        label={t('businessTypes.code')}
        extra={t('businessTypes.codeHint')}
        rules={[
          ...requiredText(t),
          { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('businessTypes.codeInvalid') },
        ]}
      >
        <Input className="ld-mono" />
      </Form.Item>
      {(['nameZh', 'nameEn'] as const).map((name) => (
        <Form.Item key={name} name={name} label={t(`businessTypes.${name}`)} rules={requiredText(t)}>
          <Input />
        </Form.Item>
      ))}
      <Form.Item name="defaultZoneKind" label={t('businessTypes.defaultZone')} rules={[requiredRule(t)]}>
        <Select options={ZONE_KINDS.map((k) => ({ value: k, label: tEnum('zoneKind', k) }))} />
      </Form.Item>
    </FormModal>
  );
}

export function BusinessTypesPage() {
  const { t, tEnum } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const types = useBusinessTypes();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const modal = useEditModal<BusinessType>();
  const editable = can.editBusinessTypes(user);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['business-types'] });

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (types.data?.items ?? []).filter(
      (b) =>
        (!needle || `${b.code} ${b.nameZh} ${b.nameEn}`.toLowerCase().includes(needle)) &&
        (status === undefined || String(b.active) === status),
    );
  }, [types.data, q, status]);

  const columns: TableProps<BusinessType>['columns'] = [
    {
      title: t('businessTypes.code'),
      dataIndex: 'code',
      width: 180,
      sorter: (a, b) => a.code.localeCompare(b.code),
      render: (v: string) => <span className="ld-mono">{v}</span>,
    },
    { title: t('businessTypes.nameZh'), dataIndex: 'nameZh' },
    { title: t('businessTypes.nameEn'), dataIndex: 'nameEn' },
    {
      title: t('businessTypes.defaultZone'),
      dataIndex: 'defaultZoneKind',
      render: (v: string) => tEnum('zoneKind', v),
    },
    statusColumn(t),
  ];
  if (editable)
    columns.push(
      rowActionsColumn(t, {
        path: '/business-types/:id',
        params: (b) => ({ id: b.id }),
        name: (b) => b.nameZh,
        onEdit: modal.edit,
        onDone: refresh,
      }),
    );

  return (
    <>
      <ListPageHeader group="organisation" page="businessTypes" total={types.data?.items.length}>
        <ExportButton list="/business-types" filename="business-types.xlsx" />
        {editable ? <NewButton label={t('businessTypes.new')} onClick={modal.create} /> : null}
      </ListPageHeader>
      <Card variant="borderless">
        <div className="ld-filters">
          <Input.Search
            className="ld-filter-search"
            allowClear
            placeholder={t('businessTypes.searchPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <StatusFilter value={status} onChange={setStatus} />
        </div>
        <QueryTable<BusinessType>
          query={types}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 640 }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
          empty={t('businessTypes.empty')}
        />
      </Card>
      <BusinessTypeModal modal={modal} onSaved={refresh} />
    </>
  );
}

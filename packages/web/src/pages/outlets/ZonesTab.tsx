import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select, type TableProps } from 'antd';
import { ZONE_KINDS } from '@liangdian/shared';
import type { Outlet, Zone } from '@liangdian/shared/api';
import { api } from '../../api/client';
import { FormModal, type RecordModalProps, useRecordForm } from '../../components/FormModal';
import { requiredRule, requiredText } from '../../components/formRules';
import { rowActionsColumn, statusColumn } from '../../components/masterColumns';
import { QueryTable } from '../../components/QueryTable';
import { CountToolbar, NewButton } from '../../components/TableToolbar';
import { useEditModal } from '../../components/useEditModal';
import { ExportButton } from '../../components/ExportButton';
import { useI18n } from '../../i18n/i18n';

export function useZones(outletId: string) {
  return useQuery({
    queryKey: ['outlet', outletId, 'zones'],
    queryFn: () => api.get('/outlets/:outletId/zones', { params: { outletId } }),
  });
}

interface Values {
  kind: Zone['kind'];
  name: string;
  capacity: number;
}

function ZoneModal({ outletId, modal, onSaved }: RecordModalProps<Zone> & { outletId: string }) {
  const { t, tEnum } = useI18n();
  const { form, modalProps } = useRecordForm<Values, Zone>(modal, {
    fill: (zone) => (zone ? { kind: zone.kind, name: zone.name, capacity: zone.capacity } : { capacity: 1 }),
    save: async (v, zone) => {
      const body = { kind: v.kind, name: v.name.trim(), capacity: v.capacity };
      if (zone)
        await api.patch('/outlets/:outletId/zones/:zoneId', { params: { outletId, zoneId: zone.id }, body });
      else await api.post('/outlets/:outletId/zones', { params: { outletId }, body });
    },
    onSaved,
  });

  return (
    <FormModal {...modalProps} title={modal.editing ? t('zones.edit') : t('zones.new')}>
      <Form.Item name="kind" label={t('zones.kind')} rules={[requiredRule(t)]}>
        <Select
          options={ZONE_KINDS.map((k) => ({ value: k, label: tEnum('zoneKind', k) }))}
          onChange={(k: string) => {
            if (!form.getFieldValue('name')) form.setFieldValue('name', tEnum('zoneKind', k));
          }}
        />
      </Form.Item>
      <Form.Item name="name" label={t('zones.name')} rules={requiredText(t, 60)}>
        <Input />
      </Form.Item>
      <Form.Item
        name="capacity"
        label={t('zones.capacity')}
        tooltip={t('zones.capacityHint')}
        rules={[requiredRule(t)]}
      >
        <InputNumber min={0} max={200} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

export function ZonesTab({ outlet, editable }: { outlet: Outlet; editable: boolean }) {
  const { t, tEnum, formatNumber } = useI18n();
  const queryClient = useQueryClient();
  const zones = useZones(outlet.id);
  const modal = useEditModal<Zone>();

  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ['outlet', outlet.id] });
    queryClient.invalidateQueries({ queryKey: ['outlets'] });
  };

  const columns: TableProps<Zone>['columns'] = [
    { title: t('zones.kind'), dataIndex: 'kind', width: 160, render: (v: string) => tEnum('zoneKind', v) },
    { title: t('zones.name'), dataIndex: 'name' },
    {
      title: t('zones.capacity'),
      dataIndex: 'capacity',
      align: 'right',
      width: 110,
      render: (v: number) => formatNumber(v),
    },
    statusColumn(t),
  ];
  if (editable)
    columns.push(
      rowActionsColumn(t, {
        path: '/outlets/:outletId/zones/:zoneId',
        params: (z) => ({ outletId: outlet.id, zoneId: z.id }),
        name: (z) => z.name,
        onEdit: modal.edit,
        onDone: refresh,
      }),
    );

  return (
    <>
      <CountToolbar count={zones.data?.items.length ?? 0}>
        <ExportButton
          list="/outlets/:outletId/zones"
          params={{ outletId: outlet.id }}
          filename={`zones-${outlet.code}.xlsx`}
        />
        {editable ? <NewButton label={t('zones.new')} onClick={modal.create} /> : null}
      </CountToolbar>
      <QueryTable<Zone>
        query={zones}
        columns={columns}
        pagination={false}
        scroll={{ x: 560 }}
        empty={t('zones.empty')}
      />
      <ZoneModal outletId={outlet.id} modal={modal} onSaved={refresh} />
    </>
  );
}

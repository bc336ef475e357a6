import type { Outlet } from '@liangdian/shared/api';
import { EditOutlined, PoweroffOutlined, RedoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { StatusTag } from '../../components/StatusTag';
import { useBusyCall } from '../../components/useBusyCall';
import { useI18n } from '../../i18n/i18n';
import { OutletFormModal } from './OutletFormModal';

export function OverviewTab({ outlet, editable }: { outlet: Outlet; editable: boolean }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { busy, run } = useBusyCall();
  const mayToggle = editable;

  const saved = (o: Outlet) => {
    queryClient.setQueryData(['outlet', o.id], o);
    queryClient.invalidateQueries({ queryKey: ['outlets'] });
  };

  const toggle = () =>
    run(
      () =>
        api.post(outlet.active ? '/outlets/:outletId/deactivate' : '/outlets/:outletId/reactivate', {
          params: { outletId: outlet.id },
        }),
      (o) => {
        saved(o);
        message.success(o.active ? t('common.reactivated') : t('common.deactivated'));
      },
    );

  return (
    <>
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'code', label: t('outlets.code'), children: <span className="ld-mono">{outlet.code}</span> },
          { key: 'name', label: t('outlets.name'), children: outlet.name },
          { key: 'branch', label: t('outlets.branch'), children: outlet.branchName },
          {
            key: 'pilot',
            label: t('outlets.pilot'),
            children: outlet.pilot ? <Tag color="red">{t('common.yes')}</Tag> : t('common.no'),
          },
          { key: 'address', label: t('outlets.address'), children: outlet.address || '—' },
          { key: 'phone', label: t('outlets.phone'), children: outlet.phone || '—' },
          { key: 'staff', label: t('outlets.staffCount'), children: formatNumber(outlet.staffCount) },
          { key: 'zones', label: t('outlets.zoneCount'), children: formatNumber(outlet.zoneCount) },
          { key: 'status', label: t('common.status'), children: <StatusTag active={outlet.active} /> },
          { key: 'created', label: t('common.createdAt'), children: formatDateTime(outlet.createdAt) },
          { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(outlet.updatedAt) },
        ]}
      />
      {editable ? (
        <Space style={{ marginTop: 16 }} wrap>
          <Button
            type="primary"
            icon={<EditOutlined />}
            onClick={() => setEditing(true)}
            data-testid="edit-outlet"
          >
            {t('common.edit')}
          </Button>
          {mayToggle ? (
            <Popconfirm
              title={outlet.active ? t('outlets.deactivateConfirm') : t('outlets.reactivateConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={toggle}
            >
              <Button
                danger={outlet.active}
                loading={busy}
                icon={outlet.active ? <PoweroffOutlined /> : <RedoOutlined />}
              >
                {outlet.active ? t('common.deactivate') : t('common.reactivate')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ) : null}
      <OutletFormModal
        open={editing}
        outlet={outlet}
        onClose={() => setEditing(false)}
        onSaved={(o) => {
          setEditing(false);
          saved(o);
        }}
      />
    </>
  );
}

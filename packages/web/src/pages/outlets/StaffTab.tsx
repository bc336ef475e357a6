import type { Outlet, Staff, StaffCreate } from '@liangdian/shared/api';
import { STAFF_ROLES, type StaffRole } from '@liangdian/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, type TableProps, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { can } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { FormModal, type RecordModalProps, useRecordForm } from '../../components/FormModal';
import { requiredText } from '../../components/formRules';
import { rowActionsColumn, statusColumn } from '../../components/masterColumns';
import { QueryTable } from '../../components/QueryTable';
import { FilterSelect, NewButton, SearchFilter, StatusFilter } from '../../components/TableToolbar';
import { useEditModal } from '../../components/useEditModal';
import { useUrlState } from '../../components/useUrlState';
import { useI18n } from '../../i18n/i18n';
import { businessTypeName, useBusinessTypes } from '../business-types/useBusinessTypes';
import { StaffLoginModal } from '../users/StaffLoginModal';
import { usePosts } from './PostsTab';
import { usePagedList } from '../../components/usePagination';

interface Values {
  employeeNo: string;
  name: string;
  roles: StaffRole[];
  skills: string[];
  phone?: string;
  homePostId?: string | null;
}

function StaffModal({ outletId, modal, onSaved }: RecordModalProps<Staff> & { outletId: string }) {
  const { t, tEnum, locale } = useI18n();
  const staff = modal.editing;
  const types = useBusinessTypes();
  const posts = usePosts(outletId);
  const { modalProps } = useRecordForm<Values, Staff>(modal, {
    fill: (staff) =>
      staff
        ? {
            employeeNo: staff.employeeNo,
            name: staff.name,
            roles: staff.roles,
            skills: staff.skills,
            phone: '',
            homePostId: staff.homePostId,
          }
        : { roles: [], skills: [] },
    save: async (v, staff) => {
      const body: StaffCreate = {
        employeeNo: v.employeeNo.trim(),
        name: v.name.trim(),
        roles: v.roles,
        skills: v.skills,
        homePostId: v.homePostId ?? null,
      };
      // the phone is shown masked: only send it when the user typed a new one
      const phone = v.phone?.trim();
      if (phone) body.phone = phone;
      else if (!staff) body.phone = null;
      if (staff)
        await api.patch('/outlets/:outletId/staff/:staffId', {
          params: { outletId, staffId: staff.id },
          body,
        });
      else await api.post('/outlets/:outletId/staff', { params: { outletId }, body });
    },
    onSaved,
    errorFields: { EMPLOYEE_NO_TAKEN: 'employeeNo' },
  });

  return (
    <FormModal
      {...modalProps}
      title={staff ? t('staff.edit') : t('staff.new')}
      width={600}
      testId="staff-form"
    >
      <Space.Compact block style={{ gap: 12, display: 'flex' }}>
        <Form.Item
          name="employeeNo"
          label={t('staff.employeeNo')}
          style={{ flex: 1 }}
          rules={[...requiredText(t, 32), { pattern: /^[A-Za-z0-9_-]+$/, message: t('form.codeChars') }]}
        >
          <Input data-testid="staff-employee-no" />
        </Form.Item>
        <Form.Item name="name" label={t('staff.name')} style={{ flex: 1 }} rules={requiredText(t, 50)}>
          <Input data-testid="staff-name" />
        </Form.Item>
      </Space.Compact>
      <Form.Item
        name="roles"
        label={t('staff.roles')}
        rules={[{ required: true, message: t('staff.rolesRequired') }]}
      >
        <Select
          mode="multiple"
          data-testid="staff-roles"
          options={STAFF_ROLES.map((r) => ({ value: r, label: tEnum('staffRole', r) }))}
          placeholder={t('common.pleaseSelect')}
        />
      </Form.Item>
      <Form.Item name="skills" label={t('staff.skills')} extra={t('staff.skillsHint')}>
        <Select
          mode="multiple"
          loading={types.isLoading}
          optionFilterProp="label"
          options={(types.data?.items ?? [])
            .filter((b) => b.active)
            .map((b) => ({ value: b.code, label: businessTypeName(b, locale) }))}
          placeholder={t('common.pleaseSelect')}
        />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('staff.phone')}
        extra={staff?.phone ? t('staff.phoneKeep', { phone: staff.phone }) : undefined}
        rules={[{ pattern: /^[0-9+\-() ]{5,32}$/, message: t('staff.phoneInvalid') }]}
      >
        <Input inputMode="tel" placeholder={staff?.phone ?? ''} />
      </Form.Item>
      <Form.Item name="homePostId" label={t('staff.homePost')}>
        <Select
          allowClear
          loading={posts.isLoading}
          options={(posts.data?.items ?? [])
            .filter((p) => p.active || p.id === staff?.homePostId)
            .map((p) => ({ value: p.id, label: `${p.name} · ${tEnum('postKind', p.kind)}` }))}
          placeholder={t('staff.homePostNone')}
        />
      </Form.Item>
    </FormModal>
  );
}

const KEYS = ['page', 'pageSize', 'q', 'role', 'active'] as const;

export function StaffTab({ outlet, editable }: { outlet: Outlet; editable: boolean }) {
  const { t, tEnum, locale } = useI18n();
  const queryClient = useQueryClient();
  const [s, set] = useUrlState(KEYS);
  const modal = useEditModal<Staff>();
  const managesUsers = can.manageUsers(useUser());
  const [loginFor, setLoginFor] = useState<Staff | null>(null);
  const types = useBusinessTypes();
  const posts = usePosts(outlet.id);
  const filters = { q: s.q, role: s.role, active: s.active };
  const { list, table } = usePagedList(s, set, ['outlet', outlet.id, 'staff', filters], (paging) =>
    api.get('/outlets/:outletId/staff', {
      params: { outletId: outlet.id },
      query: { ...filters, ...paging },
    }),
  );
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ['outlet', outlet.id] });
    queryClient.invalidateQueries({ queryKey: ['outlets'] });
  };
  const typeName = (code: string) => {
    const bt = types.data?.items.find((b) => b.code === code);
    return bt ? businessTypeName(bt, locale) : code;
  };
  const postName = (id: string | null) =>
    id ? (posts.data?.items.find((p) => p.id === id)?.name ?? '—') : '—';

  const columns: TableProps<Staff>['columns'] = [
    {
      title: t('staff.employeeNo'),
      dataIndex: 'employeeNo',
      width: 100,
      render: (v: string) => <span className="ld-mono">{v}</span>,
    },
    {
      // the name, and under it the staff member's login (or, for admins, a way to create one)
      title: t('staff.name'),
      dataIndex: 'name',
      width: 110,
      render: (v: string, st) => (
        <>
          <div>{v}</div>
          {st.username ? (
            <div className="ld-mono ld-user-staff" title={t('staffLogin.column')}>
              {st.username}
            </div>
          ) : managesUsers && st.active ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', fontSize: 12 }}
              onClick={() => setLoginFor(st)}
              data-testid="staff-create-login"
            >
              {t('staffLogin.create')}
            </Button>
          ) : null}
        </>
      ),
    },
    {
      title: t('staff.roles'),
      dataIndex: 'roles',
      width: 160,
      render: (v: string[]) =>
        v.map((r) => (
          <Tag key={r} color="geekblue" variant="filled" style={{ marginBlock: 2 }}>
            {tEnum('staffRole', r)}
          </Tag>
        )),
    },
    {
      title: t('staff.skills'),
      dataIndex: 'skills',
      responsive: ['lg'],
      render: (v: string[]) => {
        if (!v.length) return <span className="ld-muted">—</span>;
        const names = v.map(typeName);
        const shown = names.slice(0, 3).join(t('common.listSeparator'));
        return names.length > 3 ? (
          <Tooltip title={names.join(t('common.listSeparator'))}>
            <span>{t('staff.skillsMore', { list: shown, n: names.length - 3 })}</span>
          </Tooltip>
        ) : (
          shown
        );
      },
    },
    {
      title: t('staff.phone'),
      dataIndex: 'phone',
      width: 130,
      render: (v: string | null) =>
        v === null ? (
          <span className="ld-muted">{t('staff.phoneHidden')}</span>
        ) : (
          <span className="ld-mono">{v}</span>
        ),
    },
    {
      title: t('staff.homePost'),
      dataIndex: 'homePostId',
      width: 110,
      responsive: ['xl'],
      render: (v: string | null) => postName(v),
    },
    { ...statusColumn(t), width: 80 },
  ];
  if (editable) {
    columns.push({
      ...rowActionsColumn(t, {
        path: '/outlets/:outletId/staff/:staffId',
        params: (st) => ({ outletId: outlet.id, staffId: st.id }),
        name: (st) => st.name,
        onEdit: modal.edit,
        onDone: refresh,
      }),
      width: 120,
      fixed: 'right',
    });
  }

  return (
    <>
      <div className="ld-filters">
        <SearchFilter
          placeholder={t('staff.searchPlaceholder')}
          value={s.q}
          onSearch={(v) => set({ q: v })}
        />
        <FilterSelect
          placeholder={t('staff.role')}
          value={s.role}
          onChange={(v) => set({ role: v })}
          options={STAFF_ROLES.map((r) => ({ value: r, label: tEnum('staffRole', r) }))}
        />
        <StatusFilter value={s.active} onChange={(v) => set({ active: v })} />
        <div style={{ marginLeft: 'auto', display: 'flex', gap: 8, minWidth: 0 }}>
          <ExportButton
            list="/outlets/:outletId/staff"
            params={{ outletId: outlet.id }}
            query={filters}
            filename={`staff-${outlet.code}.xlsx`}
          />
          {editable ? <NewButton label={t('staff.new')} onClick={modal.create} testId="new-staff" /> : null}
        </div>
      </div>
      <QueryTable<Staff>
        query={list}
        columns={columns}
        scroll={{ x: 880 }}
        empty={t('staff.empty')}
        {...table}
      />
      <StaffLoginModal
        outlet={outlet}
        staff={loginFor}
        onClose={() => setLoginFor(null)}
        onSaved={() => {
          setLoginFor(null);
          refresh();
          queryClient.invalidateQueries({ queryKey: ['users'] });
        }}
      />
      <StaffModal outletId={outlet.id} modal={modal} onSaved={refresh} />
    </>
  );
}

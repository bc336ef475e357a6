import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/**
 * Staff of one outlet, searched on the server by name or employee number (used by drills for
 * participants and the history filter, and by the ten-questions quiz).
 */
export function StaffOfOutletSelect({
  outletId,
  value,
  onChange,
  multiple,
  placeholder,
  style,
  id,
  testId,
  allowClear = true,
  selectedName,
}: {
  outletId: string | null | undefined;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null, names: Record<string, string>) => void;
  multiple?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
  allowClear?: boolean;
  /** the name of the selected staff member, shown while the list does not hold them */
  selectedName?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['outlets', outletId, 'staff', 'select', q],
    queryFn: () =>
      api.get('/outlets/:outletId/staff', {
        params: { outletId: outletId ?? '' },
        query: { q, pageSize: 100, active: true },
      }),
    enabled: !!outletId,
  });
  const options = (list.data?.items ?? []).map((s) => ({
    value: s.id,
    label: s.employeeNo ? `${s.name} · ${s.employeeNo}` : s.name,
    name: s.name,
  }));
  if (typeof value === 'string' && value && selectedName && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: selectedName, name: selectedName });
  }
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      onChange={(v, opts) => {
        const names: Record<string, string> = {};
        for (const o of Array.isArray(opts) ? opts : opts ? [opts] : []) {
          if (o && 'name' in o) names[String(o.value)] = String(o.name);
        }
        onChange?.(v ?? null, names);
      }}
      onBlur={() => setQ('')}
      allowClear={allowClear}
      disabled={!outletId}
      placeholder={outletId ? (placeholder ?? t('coaching.pickStaff')) : t('coaching.pickOutletFirst')}
      loading={list.isFetching}
      options={options}
      style={style}
      data-testid={testId}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noData')}
    />
  );
}

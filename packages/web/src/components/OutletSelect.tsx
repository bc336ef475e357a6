import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useUser } from '../auth/AuthContext';
import { useI18n } from '../i18n/i18n';

/** Searches outlets on the server (a branch may have thousands). */
export function OutletSelect({
  value,
  onChange,
  allowClear = true,
  placeholder,
  style,
  id,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['outlets', 'select', q],
    queryFn: () => api.get('/outlets', { query: { q, pageSize: 50, sort: 'code' } }),
  });
  const selected = useQuery({
    queryKey: ['outlet', value],
    queryFn: () => api.get('/outlets/:outletId', { params: { outletId: value ?? '' } }),
    enabled: !!value && !list.data?.items.some((o) => o.id === value),
  });
  const options = (list.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }));
  if (selected.data && !options.some((o) => o.value === selected.data.id)) {
    options.unshift({ value: selected.data.id, label: `${selected.data.name} (${selected.data.code})` });
  }
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('common.selectOutlet')}
      loading={list.isFetching}
      options={options}
      style={style}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noData')}
    />
  );
}

/**
 * The outlet filter of a list: nothing for a user bound to one outlet (the server keeps the list
 * to it), an outlet picker over `value` (the URL's outletId) for everyone else.
 */
export function OutletFilter({
  value,
  onChange,
  width = 200,
}: {
  value: string;
  onChange: (v: string | null) => void;
  width?: number;
}) {
  const user = useUser();
  return user.outletId ? null : <OutletSelect value={value || null} onChange={onChange} style={{ width }} />;
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** The primary "新建…" button of a list. */
export function NewButton({
  label,
  onClick,
  testId,
}: {
  label: string;
  onClick: () => void;
  testId?: string;
}) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}

/** Toolbar above a short, unpaged table: "共 N 条" on the left, the actions on the right. */
export function CountToolbar({ count, children }: { count: number; children: ReactNode }) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="ld-toolbar">
      <span className="ld-muted">{t('common.totalCount', { n: formatNumber(count) })}</span>
      <div style={{ marginLeft: 'auto', display: 'flex', gap: 8 }}>{children}</div>
    </div>
  );
}

/**
 * Search box of a filter bar (inside `.ld-filters`): searches on Enter or the button,
 * clears the search as soon as the box is emptied. `value` is the applied search.
 */
export function SearchFilter({
  value,
  onSearch,
  placeholder,
  testId,
}: {
  value: string;
  onSearch: (q: string) => void;
  placeholder: string;
  testId?: string;
}) {
  const [q, setQ] = useState(value);
  return (
    <Input.Search
      className="ld-filter-search"
      allowClear
      placeholder={placeholder}
      value={q}
      onChange={(e) => {
        setQ(e.target.value);
        if (!e.target.value) onSearch('');
      }}
      onSearch={(v) => onSearch(v.trim())}
      data-testid={testId}
    />
  );
}

/** A clearable drop-down of a filter bar; an empty `value` shows the placeholder. */
export function FilterSelect({
  value,
  onChange,
  placeholder,
  options,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  placeholder: string;
  options: { value: string; label: string }[] | undefined;
}) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      value={value || undefined}
      onChange={onChange}
      options={options}
    />
  );
}

/** The "状态" filter: active or inactive rows; `values` are what the API expects for each. */
export function StatusFilter({
  value,
  onChange,
  values = ['true', 'false'],
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  values?: readonly [active: string, inactive: string];
}) {
  const { t } = useI18n();
  return (
    <FilterSelect
      placeholder={t('common.status')}
      value={value}
      onChange={onChange}
      options={[
        { value: values[0], label: t('common.active') },
        { value: values[1], label: t('common.inactive') },
      ]}
    />
  );
}

/** The filter bar above a table (`.ld-filters`): the filters, then `end` (export…) on the right. */
export function FilterBar({ end, children }: { end?: ReactNode; children: ReactNode }) {
  return (
    <div className="ld-filters">
      {children}
      {end ? <div style={{ marginLeft: 'auto' }}>{end}</div> : null}
    </div>
  );
}

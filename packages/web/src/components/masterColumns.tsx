import { Empty, type TableColumnType } from 'antd';
import type { setActive, ToggleablePath } from '../api/client';
import type { MessageKey } from '../i18n/i18n';
import { EditToggleActions } from './RowActions';
import { StatusTag } from './StatusTag';

type T = (key: MessageKey) => string;

/** The "状态" column of a master-data table (启用 / 停用). */
export function statusColumn<R extends { active: boolean }>(t: T): TableColumnType<R> {
  return {
    title: t('common.status'),
    dataIndex: 'active',
    width: 90,
    render: (v: boolean) => <StatusTag active={v} />,
  };
}

/**
 * The "操作" column: edit, and deactivate / reactivate at the row's API path (never delete).
 * `params` gives a row's path parameters, `name` what the confirmation calls it.
 */
export function rowActionsColumn<R extends { active: boolean }, P extends ToggleablePath>(
  t: T,
  opts: {
    path: P;
    params: (row: R) => Parameters<typeof setActive<P>>[1];
    name: (row: R) => string;
    onEdit: (row: R) => void;
    onDone: () => void;
  },
): TableColumnType<R> {
  return {
    title: t('common.actions'),
    key: 'actions',
    width: 150,
    render: (_, row) => (
      <EditToggleActions
        onEdit={() => opts.onEdit(row)}
        path={opts.path}
        params={opts.params(row)}
        active={row.active}
        name={opts.name(row)}
        onDone={opts.onDone}
      />
    ),
  };
}

/**
 * A table's empty state with its own sentence ("还没有功能区"); while `loading` the first page,
 * a blank instead, so the sentence does not flash before the rows.
 */
export const emptyText = (description: string, loading = false) => ({
  emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />,
});

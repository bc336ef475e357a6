import { Table, type TableProps } from 'antd';
import { emptyText } from './masterColumns';
import { QueryError } from './QueryError';

/** What QueryTable needs of a list query (a TanStack `useQuery` result over `{ items }`). */
export interface ListQuery<R> {
  data?: { items: R[] };
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

/**
 * A table over a list query: the load error (with a retry) above it, rows keyed by `id`, the
 * query's items as rows, a spinner while it fetches and `empty` as the empty state's sentence.
 * Every Table prop given overrides these defaults.
 */
export function QueryTable<R extends object>({
  query,
  empty,
  ...table
}: TableProps<R> & { query: ListQuery<R>; empty?: string }) {
  return (
    <>
      <QueryError error={query.error} onRetry={() => query.refetch()} />
      <Table<R>
        rowKey="id"
        size="middle"
        dataSource={query.data?.items}
        loading={query.isFetching}
        locale={empty === undefined ? undefined : emptyText(empty)}
        {...table}
      />
    </>
  );
}

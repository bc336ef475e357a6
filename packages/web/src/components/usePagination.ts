import { keepPreviousData, type QueryKey, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useI18n } from '../i18n/i18n';
import { toInt } from './useUrlState';

/**
 * The pagination of a server-paged table: page-size changer, "共 N 条" with N in the user's
 * locale; `more` overrides or adds (page sizes, onChange…).
 */
export function usePagination() {
  const { t, formatNumber } = useI18n();
  return (
    current: number,
    pageSize: number,
    total: number,
    more: TablePaginationConfig = {},
  ): TablePaginationConfig => ({
    current,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t('common.totalCount', { n: formatNumber(n) }),
    ...more,
  });
}

type PageState = { page: string; pageSize: string; sort?: string };
type SetPage = (
  patch: { page?: number; pageSize?: number | string; sort?: string },
  resetPage?: boolean,
) => void;

/**
 * A list sorted on the server by the URL's `sort` (`name`, or `-name` for descending):
 * `key` names the sort key of the column the user clicked (null: not sortable), `fallback` is
 * the sort without a sorted column.
 */
export interface ServerSort<R> {
  fallback: string;
  key: (sorter: SorterResult<R>) => string | null;
}

/**
 * A server-paged list whose page and page size live in the URL (`s` and `set` of useUrlState):
 * the query (`key` followed by page and size; the previous page stays while the next loads),
 * and `table`, the table's `pagination` and the `onChange` that turns the page. `maxPageSize`
 * caps the size read from the URL, `omitDefaultSize` leaves the default size of 20 out of the
 * URL, `more` adds to the pagination (page sizes…). With `sort`, `onChange` also sets the sort (back to the
 * first page when it changes) and `sortOrder(key)` is a column's `sortOrder`.
 */
export function usePagedList<D extends { total: number; items: R[] }, R = D['items'][number]>(
  s: PageState,
  set: SetPage,
  key: QueryKey,
  fetch: (paging: { page: number; pageSize: number }) => Promise<D>,
  opts: {
    maxPageSize?: number;
    defaultPageSize?: number;
    omitDefaultSize?: boolean;
    more?: TablePaginationConfig;
    sort?: ServerSort<R>;
  } = {},
) {
  const { maxPageSize = 200, defaultPageSize = 20, omitDefaultSize = false, more, sort } = opts;
  const pagination = usePagination();
  const page = toInt(s.page, 1);
  const pageSize = Math.min(toInt(s.pageSize, defaultPageSize), maxPageSize);
  const list = useQuery({
    queryKey: [...key, page, pageSize],
    queryFn: () => fetch({ page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const onChange = (
    p: TablePaginationConfig,
    _filters?: unknown,
    sorter?: SorterResult<R> | SorterResult<R>[],
  ) => {
    const size = omitDefaultSize && p.pageSize === defaultPageSize ? '' : p.pageSize;
    if (!sort) return set({ page: p.current, pageSize: size }, false);
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one ? sort.key(one) : null;
    const next = key && one?.order ? (one.order === 'descend' ? `-${key}` : key) : sort.fallback;
    set({ page: next !== s.sort ? 1 : p.current, pageSize: size, sort: next }, false);
  };
  return {
    list,
    /** the table's `pagination` and `onChange`, to spread on it */
    table: { pagination: pagination(page, pageSize, list.data?.total ?? 0, more), onChange },
    sortOrder: (key: string) =>
      s.sort === key ? ('ascend' as const) : s.sort === `-${key}` ? ('descend' as const) : null,
  };
}

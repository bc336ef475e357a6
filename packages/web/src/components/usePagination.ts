import type { TablePaginationConfig } from 'antd';
import { useI18n } from '../i18n/i18n';

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

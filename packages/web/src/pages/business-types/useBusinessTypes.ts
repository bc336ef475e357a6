import type { BusinessType } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Locale } from '@liangdian/shared/api';

export function useBusinessTypes() {
  return useQuery({
    queryKey: ['business-types'],
    queryFn: () => api.get('/business-types'),
    staleTime: 60_000,
  });
}

export function businessTypeName(bt: BusinessType, locale: Locale): string {
  return locale === 'zh-CN' ? bt.nameZh || bt.nameEn : bt.nameEn || bt.nameZh;
}

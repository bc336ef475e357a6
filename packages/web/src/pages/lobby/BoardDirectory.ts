import type { Staff } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { businessTypeName, useBusinessTypes } from '../business-types/useBusinessTypes';
import { usePosts } from '../outlets/PostsTab';

/** An outlet has a few dozen staff at most; the names of counters' staff come from this page. */
const STAFF_PAGE = 200;
const POST_ORDER = ['welcome', 'super_counter', 'zone'];

/**
 * Names the lobby state refers to by code or id: the outlet, business types, posts and staff.
 * Shared by the board and the tablet view.
 */
export function useLobbyDirectory(outletId: string) {
  const { locale } = useI18n();
  const outlet = useQuery({
    queryKey: ['outlet', outletId],
    queryFn: () => api.get('/outlets/:outletId', { params: { outletId } }),
    staleTime: 5 * 60_000,
  });
  const types = useBusinessTypes();
  const posts = usePosts(outletId);
  const staff = useQuery({
    queryKey: ['outlet', outletId, 'staff', 'lobby'],
    queryFn: () =>
      api.get('/outlets/:outletId/staff', {
        params: { outletId },
        query: { active: true, pageSize: STAFF_PAGE },
      }),
    staleTime: 5 * 60_000,
  });

  return useMemo(() => {
    const typeByCode = new Map((types.data?.items ?? []).map((b) => [b.code, b]));
    const staffById = new Map<string, Staff>();
    for (const s of staff.data?.items ?? []) {
      staffById.set(s.id, s);
      // a ticket machine may report the employee number instead of the id
      if (!staffById.has(s.employeeNo)) staffById.set(s.employeeNo, s);
    }
    return {
      outlet: outlet.data ?? null,
      outletError: outlet.error,
      // the welcome post first, then the super-counter, then the zones, each by name
      posts: (posts.data?.items ?? [])
        .filter((p) => p.active)
        .sort(
          (a, b) =>
            POST_ORDER.indexOf(a.kind) - POST_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, 'zh-CN'),
        ),
      postsLoading: posts.isLoading,
      postsError: posts.error,
      refetchPosts: posts.refetch,
      businessName: (code: string) => {
        const b = typeByCode.get(code);
        return b ? businessTypeName(b, locale) : code;
      },
      staffName: (id: string | null) => (id ? (staffById.get(id)?.name ?? id) : null),
    };
  }, [
    outlet.data,
    outlet.error,
    types.data,
    posts.data,
    posts.isLoading,
    posts.error,
    posts.refetch,
    staff.data,
    locale,
  ]);
}

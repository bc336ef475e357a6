import { weekday } from '@liangdian/engine/time';
import type { LobbyMode } from '@liangdian/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Calls and helpers of the lobby set-up pages; the shapes are the contract's (packages/shared/src/api/lobby-setup.ts). */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** Mode colours used by the grid, the legend and the replay bands. */
export const MODE_COLOR: Record<LobbyMode, string> = { fixed: '#4b6fa5', rotating: '#d98c2b' };
export const MODE_TINT: Record<LobbyMode, string> = {
  fixed: 'rgba(75, 111, 165, 0.10)',
  rotating: 'rgba(217, 140, 43, 0.16)',
};

/** "09:30" for half hour 19. */
export function slotLabel(slot: number): string {
  const m = slot * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 ? '30' : '00'}`;
}

export function slotOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return Math.floor(((h ?? 0) * 60 + (m ?? 0)) / 30);
}

/** Monday = 0 … Sunday = 6, for a calendar day (YYYY-MM-DD). */
export const weekdayOf = (day: string): number => (weekday(day) + 6) % 7;

export const planKey = (outletId: string) => ['lobby', outletId, 'mode-plan'];
export const rulesKey = (outletId: string) => ['lobby', outletId, 'backfill-rules'];
export const settingsKey = (outletId: string) => ['lobby', outletId, 'settings'];

export function useModePlan(outletId: string) {
  return useQuery({
    queryKey: planKey(outletId),
    queryFn: () => api.get('/outlets/:outletId/mode-plan', { params: { outletId } }),
  });
}

export function useBackfillRules(outletId: string) {
  return useQuery({
    queryKey: rulesKey(outletId),
    queryFn: () => api.get('/outlets/:outletId/backfill-rules', { params: { outletId } }),
  });
}

export function useLobbySettings(outletId: string) {
  return useQuery({
    queryKey: settingsKey(outletId),
    queryFn: () => api.get('/outlets/:outletId/lobby/settings', { params: { outletId } }),
  });
}

/** The outlet's posts (all, for names; the editor offers the active ones). */
export function useOutletPosts(outletId: string) {
  return useQuery({
    queryKey: ['outlet', outletId, 'posts'],
    queryFn: () => api.get('/outlets/:outletId/posts', { params: { outletId } }),
  });
}

/** The outlet's active staff (an outlet has far fewer than a page of 200). */
export function useActiveStaff(outletId: string) {
  return useQuery({
    queryKey: ['outlet', outletId, 'staff', 'active-all'],
    queryFn: () =>
      api.get('/outlets/:outletId/staff', {
        params: { outletId },
        query: { active: true, page: 1, pageSize: 200 },
      }),
    staleTime: 30_000,
  });
}

import type { Post, Staff } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { legacyApi } from '../../api/client';
import type { ItemList, Page } from '../../api/types';

/** Shapes of the lobby set-up endpoints (packages/server/src/modules/lobby/lobby.schemas.ts). */
export type Mode = 'fixed' | 'rotating';
export const SLOTS_PER_DAY = 48;
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

export interface ModePlan {
  /** Monday first; 48 half hours from 00:00 (Asia/Shanghai) */
  days: Mode[][];
}

export interface ModeResult {
  meanWaitMinutes: number | null;
  serviceLevel: number | null;
}

export interface Recommendation {
  outletId: string;
  weekday: number;
  source: 'history' | 'default';
  replications: number;
  hours: { open: string; close: string };
  slots: { start: string; arrivalsPerHour: number; fixed: ModeResult; rotating: ModeResult; better: Mode }[];
  suggestedDay: Mode[];
}

export interface Backup {
  staffId?: string;
  role?: string;
}

export interface BackfillRule {
  id?: string;
  postId: string;
  backups: Backup[];
  triggers: { postEmpty?: boolean; queueLength?: number; oldestWaitMinutes?: number };
  businessTypes?: string[];
}

export interface LobbySettings {
  outletId: string;
  serviceLevelTarget: number;
  targetWaitMinutes: number;
  promptTimeoutSeconds: number;
}

export interface ReplayPoint {
  at: string;
  arrivals: number;
  waiting: number;
  meanWaitMinutes: number | null;
  mode: Mode;
  backfillActions: number;
}

export interface Replay {
  outletId: string;
  day: string;
  stepMinutes: number;
  points: ReplayPoint[];
}

export interface LobbyLogLine {
  id: string;
  at: string;
  kind: string;
  actorName: string;
  data: Record<string, unknown>;
  message: string;
}

export const LOG_KINDS = [
  'check_in',
  'check_out',
  'mode_switch',
  'plan_changed',
  'rules_changed',
  'prompt',
  'prompt_ack',
  'prompt_decline',
  'prompt_expired',
  'prompt_cancelled',
  'return',
] as const;

/** Mode colours used by the grid, the legend and the replay bands. */
export const MODE_COLOR: Record<Mode, string> = { fixed: '#4b6fa5', rotating: '#d98c2b' };
export const MODE_TINT: Record<Mode, string> = {
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
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
}

export const planKey = (outletId: string) => ['lobby', outletId, 'mode-plan'];
export const rulesKey = (outletId: string) => ['lobby', outletId, 'backfill-rules'];
export const settingsKey = (outletId: string) => ['lobby', outletId, 'settings'];

export function useModePlan(outletId: string) {
  return useQuery({
    queryKey: planKey(outletId),
    queryFn: () => legacyApi.get<ModePlan>(`/outlets/${outletId}/mode-plan`),
  });
}

export function useBackfillRules(outletId: string) {
  return useQuery({
    queryKey: rulesKey(outletId),
    queryFn: () => legacyApi.get<{ rules: BackfillRule[] }>(`/outlets/${outletId}/backfill-rules`),
  });
}

export function useLobbySettings(outletId: string) {
  return useQuery({
    queryKey: settingsKey(outletId),
    queryFn: () => legacyApi.get<LobbySettings>(`/outlets/${outletId}/lobby/settings`),
  });
}

/** The outlet's posts (all, for names; the editor offers the active ones). */
export function useOutletPosts(outletId: string) {
  return useQuery({
    queryKey: ['outlet', outletId, 'posts'],
    queryFn: () => legacyApi.get<ItemList<Post>>(`/outlets/${outletId}/posts`),
  });
}

/** The outlet's active staff (an outlet has far fewer than a page of 200). */
export function useActiveStaff(outletId: string) {
  return useQuery({
    queryKey: ['outlet', outletId, 'staff', 'active-all'],
    queryFn: () =>
      legacyApi.get<Page<Staff>>(`/outlets/${outletId}/staff`, { active: true, page: 1, pageSize: 200 }),
    staleTime: 30_000,
  });
}

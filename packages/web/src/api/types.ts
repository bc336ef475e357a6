/** Shapes of the HTTP API (docs/api.md). Kept by hand until packages/shared exports them. */

export type { Locale } from '@liangdian/shared/api';
export type { UserRole } from '@liangdian/shared';
/** @deprecated import `User` from `@liangdian/shared/api` (kept for pages not yet moved) */
export type { User } from '@liangdian/shared/api';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ItemList<T> {
  items: T[];
}

// ---------------------------------------------------------------- complaints (谅点)

export const RESPONSIBILITIES = ['full', 'partial', 'none'] as const;
export const SEVERITIES = ['general', 'serious', 'major'] as const;

export interface BilingualName {
  zh: string;
  en: string;
}

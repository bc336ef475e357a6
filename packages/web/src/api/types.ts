/** Shapes of the HTTP API (docs/api.md). Kept by hand until packages/shared exports them. */

export type Locale = 'zh-CN' | 'en-US';

export type UserRole =
  | 'admin'
  | 'cp_officer'
  | 'reviewer'
  | 'outlet_head'
  | 'lobby_manager'
  | 'staff'
  | 'consultant';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  branchId: string | null;
  outletId: string | null;
  outletName: string | null;
  locale: Locale;
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Meta {
  version: string;
  demo: boolean;
  bankName: string;
  zoneKinds: string[];
  postKinds: string[];
  staffRoles: string[];
  userRoles: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ItemList<T> {
  items: T[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  outletId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

// ---------------------------------------------------------------- complaints (谅点)

export const RESPONSIBILITIES = ['full', 'partial', 'none'] as const;
export const SEVERITIES = ['general', 'serious', 'major'] as const;

export interface BilingualName {
  zh: string;
  en: string;
}

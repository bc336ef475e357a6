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

export interface Branch {
  id: string;
  code: string;
  name: string;
  bankName: string;
}

export interface Outlet {
  id: string;
  branchId: string;
  branchName: string;
  code: string;
  name: string;
  address: string | null;
  phone: string | null;
  pilot: boolean;
  active: boolean;
  staffCount: number;
  zoneCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Zone {
  id: string;
  outletId: string;
  kind: string;
  name: string;
  capacity: number;
  active: boolean;
}

export interface Post {
  id: string;
  outletId: string;
  kind: string;
  name: string;
  zoneId: string | null;
  zoneName: string | null;
  active: boolean;
}

export interface Staff {
  id: string;
  outletId: string;
  employeeNo: string;
  name: string;
  roles: string[];
  skills: string[];
  phone: string | null;
  homePostId: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BusinessType {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  defaultZoneKind: string;
  active: boolean;
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

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

export const COMPLAINT_STATUSES = [
  'registered',
  'acknowledged',
  'investigating',
  'decided',
  'informed',
  'follow_up',
  'closed',
  'withdrawn',
  'merged',
  'review',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_SOURCES = ['walk_in', 'phone', 'online', 'regulator'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];
export const REMEDIES = ['review', 'mediation', 'arbitration', 'litigation'] as const;
export type Remedy = (typeof REMEDIES)[number];
export const INFORM_METHODS = ['phone', 'sms', 'letter', 'in_person', 'email', 'app'] as const;
export const RESPONSIBILITIES = ['full', 'partial', 'none'] as const;
export const SEVERITIES = ['general', 'serious', 'major'] as const;

export interface ComplaintDeadline {
  clockStartAt: string;
  extensionLevel: number;
  extensionReason: string | null;
  pausedDays: number;
  pausedSince: string | null;
  decisionDueOn: string | null;
  dueOn: string | null;
  daysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
}

export interface ComplaintDecision {
  factsVerified: string;
  basis: string;
  reasons: string;
  result: string;
  remedies: Remedy[];
  decidedBy: string;
  decidedAt: string;
}

export interface Complaint {
  id: string;
  no: string;
  outletId: string;
  outletName: string;
  receivedAt: string;
  receivedOn: string;
  channel: string;
  category: string;
  cause: string;
  source: ComplaintSource;
  regulatorReceivedOn: string | null;
  forwardedOn: string | null;
  personalData: 'masked' | 'clear' | 'hidden';
  complainantName: string | null;
  complainantPhone: string | null;
  complainantIdNumber: string | null;
  staffId: string | null;
  staffName: string | null;
  handlerId: string | null;
  handlerName: string | null;
  peopleCount: number;
  major: boolean;
  emergencyChecklist: { key: string; zh: string; en: string; done: boolean }[] | null;
  claim: string;
  facts: string;
  status: ComplaintStatus;
  deadline: ComplaintDeadline;
  decidedAt: string | null;
  onTime: boolean | null;
  daysToDecision: number | null;
  decision: ComplaintDecision | null;
  reviewRequestedAt: string | null;
  reviewRequestBy: string | null;
  reviewDueOn: string | null;
  review: ComplaintDecision | null;
  mergedIntoId: string | null;
  withdrawnAt: string | null;
  closedAt: string | null;
  rootCause: string | null;
  responsibility: string | null;
  severity: string | null;
  responsibleStaffId: string | null;
  responsibleStaffName: string | null;
  points: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ComplaintEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string;
  data: Record<string, unknown> | null;
}

export interface ComplaintNoticeRecord {
  id: string;
  kind: string;
  method: string;
  informedAt: string;
  proof: string;
  recordedBy: string | null;
  createdAt: string;
}

export interface DecisionNotice {
  complaintId: string;
  no: string;
  outletName: string;
  receivedAt: string;
  complainantName: string | null;
  claim: string;
  decision: ComplaintDecision | null;
  review: ComplaintDecision | null;
  remedies: { code: Remedy; zh: string; en: string }[];
  reviewRequestBy: string | null;
  onTime: boolean | null;
  notices: ComplaintNoticeRecord[];
}

export interface ComplaintCode {
  id: string;
  kind: 'channel' | 'category' | 'cause';
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  active: boolean;
}

export interface RectificationTask {
  id: string;
  complaintId: string | null;
  outletId: string;
  outletName: string;
  title: string;
  owner: string;
  ownerStaffId: string | null;
  dueOn: string;
  status: 'open' | 'done';
  note: string;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  day: string;
  data: { no?: string; outletId?: string; status?: string; dueOn?: string; daysLeft?: number };
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface BilingualName {
  zh: string;
  en: string;
}

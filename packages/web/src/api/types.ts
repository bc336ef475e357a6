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
export const SCRIPT_STAGES = [
  'receive',
  'acknowledge',
  'investigate',
  'decide',
  'inform',
  'follow_up',
  'prevention',
] as const;

export interface StatsBucket {
  key: string;
  nameZh: string;
  nameEn: string;
  count: number;
}

export interface ComplaintStats {
  total: number;
  decided: number;
  onTime: number;
  onTimeRate: number | null;
  meanDaysToDecision: number | null;
  byChannel: StatsBucket[];
  byCategory: StatsBucket[];
  byCause: StatsBucket[];
  byOutlet: StatsBucket[];
  byMonth: StatsBucket[];
}

export interface BilingualName {
  zh: string;
  en: string;
}

export interface ReportRow {
  category: string;
  categoryName: BilingualName;
  cause: string;
  causeName: BilingualName;
  channel: string;
  channelName: BilingualName;
  count: number;
}

export interface RiskRow {
  rank: number;
  category: string;
  categoryName: BilingualName;
  cause: string;
  causeName: BilingualName;
  count: number;
  controls: string[];
  controlsUpdatedAt: string | null;
}

export interface AccountabilityRule {
  responsibility: string;
  severity: string;
  points: number;
  updatedAt: string;
}

export interface ScoreRow {
  rank: number;
  key: string;
  code: string;
  name: string;
  outletName: string;
  complaints: number;
  points: number;
}

export interface ComplaintScript {
  id: string;
  stage: string;
  scenario: string;
  title: string;
  body: string;
  version: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ComplaintScriptVersion {
  scriptId: string;
  version: number;
  stage: string;
  scenario: string;
  title: string;
  body: string;
  createdBy: string;
  createdAt: string;
}

export interface Drill {
  id: string;
  outletId: string;
  outletName: string;
  heldOn: string;
  scenario: string;
  evaluator: string;
  participants: { id: string; name: string }[];
  rubric: { item: string; score: number; max: number }[];
  score: number;
  maxScore: number;
  comments: string;
  createdAt: string;
}

export interface TenQuestion {
  id: string;
  position: number;
  question: string;
  answer: string;
  updatedAt: string;
}

export interface Quiz {
  staffId: string;
  staffName: string;
  businessLine: string;
  questions: { id: string; position: number; question: string; answer: string }[];
}

export interface QuizResult {
  id: string;
  outletId?: string;
  outletName?: string;
  staffId: string;
  staffName: string;
  businessLine: string;
  correct: number;
  total: number;
  takenAt: string;
}

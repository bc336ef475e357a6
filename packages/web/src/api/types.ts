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
export const SCRIPT_STAGES = [
  'receive',
  'acknowledge',
  'investigate',
  'decide',
  'inform',
  'follow_up',
  'prevention',
] as const;

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

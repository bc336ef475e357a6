import { randomBytes } from 'node:crypto';
import type { UserRole, ZoneKind } from '@liangdian/shared';
import type { Outlet, Post, Staff, Zone } from '@liangdian/shared/api';
import { apiSession } from './browser';

/**
 * Data an E2E test makes for itself, through the API: its own outlet, its own users. A test that
 * stands alone reads what it made, not the demo outlet, and passes in any order.
 */
export type Api = Awaited<ReturnType<typeof apiSession>>;

/** A short unique suffix (for codes and user names). */
export const unique = () =>
  `${Date.now().toString(36).slice(-4)}${randomBytes(2).toString('hex')}`.toUpperCase();

export const USER_PASSWORD = 'e2e-own-password-7';

export interface OwnOutlet {
  outlet: Outlet;
  zones: Zone[];
  posts: Post[];
  staff: Staff[];
}

/**
 * An outlet of the demo branch with a cash and a wealth zone, the two fixed posts and a zone
 * post each, and three staff members — enough for the lobby, complaints and coaching pages.
 */
export async function makeOutlet(admin: Api, name = 'E2E测试支行'): Promise<OwnOutlet> {
  const branches = await admin.get<{ items: { id: string }[] }>('/branches');
  const code = `E2E${unique()}`;
  const outlet = await admin.post<Outlet>('/outlets', {
    branchId: branches.items[0]!.id,
    code,
    name: `${name}${code.slice(-4)}`,
  });
  const base = `/outlets/${outlet.id}`;
  const zone = (kind: ZoneKind, zoneName: string, capacity: number) =>
    admin.post<Zone>(`${base}/zones`, { kind, name: zoneName, capacity });
  const zones = [await zone('cash', '现金区', 3), await zone('wealth', '理财区', 2)];
  const posts = [
    await admin.post<Post>(`${base}/posts`, { kind: 'welcome', name: '迎宾位' }),
    await admin.post<Post>(`${base}/posts`, { kind: 'super_counter', name: '超柜位' }),
    await admin.post<Post>(`${base}/posts`, { kind: 'zone', name: '现金区站位', zoneId: zones[0]!.id }),
    await admin.post<Post>(`${base}/posts`, { kind: 'zone', name: '理财区站位', zoneId: zones[1]!.id }),
  ];
  const person = (employeeNo: string, staffName: string, roles: string[], skills: string[]) =>
    admin.post<Staff>(`${base}/staff`, {
      employeeNo: `${code}${employeeNo}`,
      name: staffName,
      roles,
      skills,
    });
  const staff = [
    await person('1', '张大堂', ['lobby_manager'], []),
    await person('2', '李柜员', ['teller'], ['cash', 'non_cash']),
    await person('3', '王理财', ['wealth_manager'], ['wealth']),
  ];
  return { outlet: await admin.get<Outlet>(base), zones, posts, staff };
}

/**
 * A user of `role` (scoped to `outletId` for outlet roles) who has already set their own password,
 * so the UI login lands on their page rather than the forced password change.
 */
export async function makeUser(
  baseUrl: string,
  admin: Api,
  role: UserRole,
  outletId: string | null = null,
  over: { displayName?: string; staffId?: string; locale?: 'zh-CN' | 'en-US' } = {},
): Promise<{ id: string; username: string; password: string }> {
  const username = `e2e.${role}.${unique()}`.toLowerCase();
  const given = `given-${unique()}-9`;
  const user = await admin.post<{ id: string }>('/users', {
    username,
    displayName: over.displayName ?? `测试${role}`,
    role,
    outletId,
    password: given,
    ...(over.staffId ? { staffId: over.staffId } : {}),
  });
  const self = await apiSession(baseUrl, username, given);
  await self.post('/auth/change-password', { currentPassword: given, newPassword: USER_PASSWORD });
  if (over.locale) {
    const again = await apiSession(baseUrl, username, USER_PASSWORD);
    await again.patch('/auth/me', { locale: over.locale });
  }
  return { id: user.id, username, password: USER_PASSWORD };
}

type Complaint = import('@liangdian/shared/api').Complaint;
type ComplaintCreate = import('@liangdian/shared/api').ComplaintCreate;
type ComplaintStatus = import('@liangdian/shared').ComplaintStatus;

/**
 * The body of POST /complaints as the registration form sends it (every field, the optional ones
 * null), for a debit-card service complaint received an hour ago; `over` replaces any field.
 */
export function complaintBody(outletId: string, over: Partial<ComplaintCreate> = {}) {
  return {
    outletId,
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    source: 'walk_in',
    regulatorReceivedOn: null,
    forwardedOn: null,
    channel: 'branch_premises',
    category: 'debit_card',
    cause: 'service_quality',
    complainantName: '范测试',
    complainantPhone: null,
    complainantIdNumber: null,
    staffId: null,
    peopleCount: 1,
    claim: `E2E投诉${unique()}`,
    facts: '',
    ...over,
  } satisfies ComplaintCreate;
}

/** A complaint of the outlet, registered through the API (status 已登记). */
export function makeComplaint(api: Api, outletId: string, over: Partial<ComplaintCreate> = {}) {
  return api.post<Complaint>('/complaints', complaintBody(outletId, over));
}

/** A decision (Art. 19) as the decide modal sends it, with every remedy. */
export const DECISION = {
  factsVerified: '经核实，客户反映情况属实。',
  basis: '《银行业金融机构营业网点服务规范》',
  reasons: '网点服务未达规范要求。',
  result: '向客户致歉并改进服务。',
  remedies: ['review', 'mediation', 'arbitration', 'litigation'],
  comment: '',
};

type MainStep = 'acknowledge' | 'investigate' | 'decide' | 'inform' | 'follow_up' | 'close';
const MAIN_STEPS: { step: MainStep; path: string; to: ComplaintStatus; body: () => object }[] = [
  { step: 'acknowledge', path: 'acknowledge', to: 'acknowledged', body: () => ({ comment: '已向客户致歉' }) },
  { step: 'investigate', path: 'investigate', to: 'investigating', body: () => ({ comment: '' }) },
  { step: 'decide', path: 'decide', to: 'decided', body: () => DECISION },
  {
    step: 'inform',
    path: 'inform',
    to: 'informed',
    // told now: a time before the decision just recorded would be refused
    body: () => ({ method: 'phone', proof: '电话录音', comment: '' }),
  },
  {
    step: 'follow_up',
    path: 'follow-up',
    to: 'follow_up',
    body: () => ({ satisfaction: 'satisfied', comment: '' }),
  },
  { step: 'close', path: 'close', to: 'closed', body: () => ({ comment: '', rootCause: '服务话术缺失' }) },
];

/**
 * Takes a complaint along the standard process (安抚 → 调查 → 决定 → 告知 → 回访 → 办结) through
 * the API until it is `to`; 'review' goes on to request a review of the closed case. `bodies`
 * replaces the body of a step (by step name). The actor (`api`) must be allowed every step:
 * admin or a cp_officer. Answers the complaint as it then is.
 */
export async function advanceComplaint(
  api: Api,
  complaint: Complaint,
  to: ComplaintStatus,
  bodies: Partial<Record<MainStep | 'request_review', object>> = {},
): Promise<Complaint> {
  const target = to === 'review' ? 'closed' : to;
  const last = MAIN_STEPS.findIndex((s) => s.to === target);
  if (target !== 'registered' && last < 0) throw new Error(`advanceComplaint: no main-line step to ${to}`);
  const first =
    complaint.status === 'registered' ? 0 : MAIN_STEPS.findIndex((s) => s.to === complaint.status) + 1;
  let c = complaint;
  for (const s of MAIN_STEPS.slice(first, last + 1))
    c = await api.post<Complaint>(`/complaints/${c.id}/${s.path}`, bodies[s.step] ?? s.body());
  if (to === 'review')
    c = await api.post<Complaint>(
      `/complaints/${c.id}/request-review`,
      bodies.request_review ?? { comment: '客户对处理结果不满意' },
    );
  return c;
}

/**
 * Attaches files to a complaint through the API as `user` (multipart, field "file"), as the
 * attachment panel uploads them.
 */
export async function attachFiles(
  baseUrl: string,
  user: { username: string; password: string },
  complaintId: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const api = await apiSession(baseUrl, user.username, user.password);
  for (const f of files) await api.upload(`/complaints/${complaintId}/attachments`, f);
}

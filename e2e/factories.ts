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

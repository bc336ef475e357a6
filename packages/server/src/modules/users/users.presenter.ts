import { USER_ROLES, type UserRole } from '@liangdian/shared';
import { z } from 'zod';
import type { UserWithOutlet } from './users.repository';

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  branchId: z.string(),
  outletId: z.string().nullable(),
  outletName: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en-US']),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export function presentUser(u: UserWithOutlet): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as UserRole,
    branchId: u.branch_id,
    outletId: u.outlet_id,
    outletName: u.outlet_name,
    locale: u.locale === 'en-US' ? 'en-US' : 'zh-CN',
    active: u.active === 1,
    mustChangePassword: u.must_change_password === 1,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
  };
}

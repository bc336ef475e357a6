import type { UserRole } from '@liangdian/shared';
import type { User } from '@liangdian/shared/api';
import type { UserWithOutlet } from './users.repository';

/** A user row → the API's User (packages/shared/src/api/users.ts). */
export function presentUser(u: UserWithOutlet): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as UserRole,
    branchId: u.branch_id,
    outletId: u.outlet_id,
    outletName: u.outlet_name,
    staffId: u.staff_id,
    staffName: u.staff_name,
    locale: u.locale === 'en-US' ? 'en-US' : 'zh-CN',
    active: u.active === 1,
    mustChangePassword: u.must_change_password === 1,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
  };
}

import type { User, UserRole } from '../api/types';

const BRANCH_EDITORS: UserRole[] = ['admin', 'cp_officer'];

export const can = {
  createOutlet: (u: User) => BRANCH_EDITORS.includes(u.role),
  /** edit an outlet, its zones, posts and staff */
  editOutlet: (u: User, outletId: string) =>
    BRANCH_EDITORS.includes(u.role) || (u.role === 'outlet_head' && u.outletId === outletId),
  editBusinessTypes: (u: User) => BRANCH_EDITORS.includes(u.role),
  manageUsers: (u: User) => u.role === 'admin',
  readAudit: (u: User) => BRANCH_EDITORS.includes(u.role),
};

/** Roles whose scope is one outlet (they need an outlet when created). */
export const OUTLET_SCOPED_ROLES: string[] = ['outlet_head', 'lobby_manager', 'staff'];

import { z } from 'zod';
import type { StaffRole } from '../org';
import { USER_ROLES, type UserRole } from '../roles';
import { BoolQuery, Id, PageQuery } from './common';
import { endpoints } from './endpoint';
import { searchFilter } from './fields';

/** The languages of the app. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

// ---------------------------------------------------------------- views
export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  branchId: z.string(),
  /** null: the whole branch */
  outletId: z.string().nullable(),
  outletName: z.string().nullable(),
  /** the staff record this login belongs to (outlet logins), when linked */
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  locale: Locale,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

// ---------------------------------------------------------------- requests
export const Username = z
  .string()
  .trim()
  .min(2)
  .max(50)
  .regex(/^[A-Za-z0-9._-]+$/);

/**
 * A new login. With `staffId` it is that staff member's login: the staff member must work at
 * `outletId`, have no login yet (409 `STAFF_HAS_LOGIN`), and the role must be `staff` or an
 * outlet role they hold (`loginRolesForStaff`).
 */
export const UserCreate = z
  .object({
    username: Username,
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(USER_ROLES),
    outletId: z.string().nullable().default(null),
    password: z.string().min(1).max(200),
    staffId: Id.optional(),
  })
  .strict();
/** `staffId: null` unlinks the login from its staff record. */
export const UserPatch = z
  .object({
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(USER_ROLES),
    outletId: z.string().nullable(),
    staffId: Id.nullable(),
  })
  .partial()
  .strict();
export const UserListQuery = PageQuery.extend({
  ...searchFilter,
  role: z.enum(USER_ROLES).optional(),
  outletId: z.string().optional(),
  active: BoolQuery.optional(),
});
export const PasswordReset = z.object({ password: z.string().min(1).max(200) }).strict();

export type UserCreate = z.infer<typeof UserCreate>;
export type UserPatch = z.infer<typeof UserPatch>;
export type UserListQuery = z.infer<typeof UserListQuery>;

/**
 * The login roles a staff member may be given: `staff`, and the outlet roles matching what they
 * do at the outlet (a lobby manager may sign in as lobby manager, the head as outlet head).
 */
export function loginRolesForStaff(staffRoles: readonly (StaffRole | string)[]): UserRole[] {
  return [
    'staff',
    ...(staffRoles.includes('lobby_manager') ? (['lobby_manager'] as const) : []),
    ...(staffRoles.includes('outlet_head') ? (['outlet_head'] as const) : []),
  ];
}

// ---------------------------------------------------------------- endpoints
const e = endpoints(['users']);
const UserParams = z.object({ userId: Id });
const account = e.at('/users/:userId', UserParams);

export const usersApi = {
  ...e.records({
    one: 'User',
    many: 'Users',
    path: '/users',
    key: 'userId',
    what: 'an account',
    item: User,
    create: UserCreate,
    patch: UserPatch,
    query: UserListQuery,
    summaries: {
      list: 'Accounts, paged',
      create: 'Create an account (with `staffId`: the login of a staff member)',
    },
  }),
  unlockUser: account.post('/unlock', 'Unlock an account: every address may try to sign in again (audited)', {
    response: User,
  }),
  resetPassword: account.post('/reset-password', 'Set a new password', { body: PasswordReset, status: 204 }),
} as const;

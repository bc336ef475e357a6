/** Login roles (domain.md, "Who uses the platform"). */
export const USER_ROLES = [
  'admin',
  'cp_officer',
  'reviewer',
  'outlet_head',
  'lobby_manager',
  'staff',
  'consultant',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles a user may hold only when scoped to one outlet. */
export const OUTLET_SCOPED_ROLES: readonly UserRole[] = ['outlet_head', 'lobby_manager', 'staff'];
/** Roles that must be scoped to the whole branch. */
export const BRANCH_SCOPED_ROLES: readonly UserRole[] = ['admin', 'cp_officer', 'reviewer'];

/**
 * The bounds of a password. The policy itself (not common, not the user's name) is decided by the
 * server alone (packages/server/src/lib/password-policy.ts); the web shows its reasons.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

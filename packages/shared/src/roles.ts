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

export const PASSWORD_MIN_LENGTH = 10;

/** Returns the policy codes a candidate password breaks (empty when it is acceptable). */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('PASSWORD_TOO_SHORT');
  if (password.length > 200) problems.push('PASSWORD_TOO_LONG');
  const classes = [/\p{L}/u, /[0-9]/, /[^\p{L}0-9]/u].filter((re) => re.test(password)).length;
  if (classes < 2) problems.push('PASSWORD_NEEDS_TWO_KINDS');
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('PASSWORD_CONTAINS_USERNAME');
  return problems;
}

import { type ComplaintAction, roleTakes } from './complaints';
import type { UserRole } from './roles';

/**
 * Who may do what (docs/api.md, "Roles and scope"), defined once: the server's scope guard
 * enforces it, the web shows only what it allows. A rule names the roles that act across the
 * branch and the outlet roles that act on their own outlet only.
 */
export interface Rule {
  branch: readonly UserRole[];
  outlet?: readonly UserRole[];
}

const CP = ['admin', 'cp_officer'] as const;
const COACHES = ['admin', 'cp_officer', 'consultant'] as const;

export const PERMISSIONS = {
  // ---- organisation
  'outlet.create': { branch: CP },
  /** edit an outlet, its zones, posts and staff */
  'outlet.edit': { branch: CP, outlet: ['outlet_head'] },
  'catalogue.edit': { branch: CP },
  'users.manage': { branch: ['admin'] },
  'audit.read': { branch: CP },
  // ---- complaints (谅点)
  'complaints.register': { branch: CP, outlet: ['outlet_head', 'lobby_manager', 'staff'] },
  'complaints.edit': { branch: CP, outlet: ['outlet_head'] },
  'complaints.tasks': { branch: CP, outlet: ['outlet_head'] },
  /** read complainant data in clear (explicit and audited) */
  'complaints.unmask': { branch: CP },
  'complaints.import': { branch: CP },
  /** code tables and the holiday calendar */
  'complaints.codes': { branch: ['admin'] },
  /** high-risk controls and accountability points */
  'complaints.prevention': { branch: CP },
  /** the script library (话术) */
  'complaints.scripts': { branch: COACHES },
  /** drills and ten questions of an outlet */
  'complaints.coach': { branch: COACHES, outlet: ['outlet_head'] },
  /** record a ten-questions quiz */
  'complaints.quiz': { branch: COACHES, outlet: ['outlet_head', 'lobby_manager'] },
  // ---- live lobby (量点)
  /** ticket-machine tokens, lobby settings, the mode plan and backfill rules */
  'lobby.configure': { branch: CP, outlet: ['outlet_head'] },
  /** run the lobby live: check-ins, mode override, prompts; the mode recommendation */
  'lobby.operate': { branch: CP, outlet: ['outlet_head', 'lobby_manager'] },
  /** answer a backfill prompt */
  'lobby.answer': { branch: CP, outlet: ['outlet_head', 'lobby_manager', 'staff'] },
  // ---- rosters (弹性排班)
  /** read an outlet's rosters, rules, leave and preferences */
  'roster.read': { branch: [...CP, 'reviewer'], outlet: ['outlet_head', 'lobby_manager'] },
  /** edit the rules, leave and preferences; solve, edit and publish rosters */
  'roster.edit': { branch: CP, outlet: ['outlet_head'] },
  // ---- branch planning and background jobs
  /** plan every outlet of the branch for a week (forecast, requirement, roster), cancel, retry */
  'planning.run': { branch: CP },
  /** the background jobs' admin list */
  'jobs.read': { branch: ['admin'] },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

/** Whoever acts: the server's actor or the web's signed-in user. */
export interface Subject {
  role: UserRole;
  /** null: the whole branch */
  outletId: string | null;
}

/**
 * May `who` do `permission` — on `outletId` when given (outlet roles only on their own outlet),
 * or anywhere at all when not (to show a menu or a button before an outlet is chosen).
 */
export function allows(who: Subject, permission: Permission, outletId?: string | null): boolean {
  const rule: Rule = PERMISSIONS[permission];
  if (rule.branch.includes(who.role)) return true;
  if (!rule.outlet?.includes(who.role) || who.outletId === null) return false;
  return outletId === undefined || outletId === null || who.outletId === outletId;
}

/** May `who` take a step of the complaint process (scope aside: outlet roles on their outlet). */
export const takesStep = (who: Subject, action: ComplaintAction): boolean => roleTakes(who.role, action);

/**
 * How an outlet's staff phone numbers show: 'clear', 'masked' (138****1234), or 'hidden' (not
 * even masked: consultants see no personal data).
 */
export function staffPhoneVisibility(who: Subject, outletId: string): 'clear' | 'masked' | 'hidden' {
  if (who.role === 'consultant') return 'hidden';
  if (who.role === 'admin') return 'clear';
  if (who.role === 'outlet_head' && who.outletId === outletId) return 'clear';
  return 'masked';
}

/** Complainant data: consultants see none of it, everyone else masked unless unmasked. */
export const complainantVisibility = (who: Subject): 'masked' | 'hidden' =>
  who.role === 'consultant' ? 'hidden' : 'masked';

import {
  allows,
  COMPLAINT_STEPS,
  type ComplaintAction,
  complainantVisibility,
  OUTLET_SCOPED_ROLES,
  roleTakes,
  type Subject,
} from '@liangdian/shared';

/**
 * What the signed-in user may do, from the one permission table of packages/shared: the web
 * shows what the server allows, and the server enforces the same table.
 */
export const can = {
  createOutlet: (u: Subject) => allows(u, 'outlet.create'),
  /** edit an outlet, its zones, posts and staff */
  editOutlet: (u: Subject, outletId: string) => allows(u, 'outlet.edit', outletId),
  editBusinessTypes: (u: Subject) => allows(u, 'catalogue.edit'),
  manageUsers: (u: Subject) => allows(u, 'users.manage'),
  readAudit: (u: Subject) => allows(u, 'audit.read'),
  /** planning the branch's outlets for a week (/planning) */
  runPlanning: (u: Subject) => allows(u, 'planning.run'),
  /** the background jobs' admin list (/jobs) */
  readJobs: (u: Subject) => allows(u, 'jobs.read'),
};

export { OUTLET_SCOPED_ROLES, type ComplaintAction };

/** The complaint state machine and who may take each step (packages/shared/src/complaints.ts). */
export const COMPLAINT_ACTIONS = COMPLAINT_STEPS;

export const complaintCan = {
  register: (u: Subject) => allows(u, 'complaints.register'),
  take: (u: Subject, action: ComplaintAction, status: string) =>
    roleTakes(u.role, action) && (COMPLAINT_STEPS[action].from as readonly string[]).includes(status),
  mayTake: (u: Subject, action: ComplaintAction) => roleTakes(u.role, action),
  unmask: (u: Subject) => allows(u, 'complaints.unmask'),
  /** complainant data at all (consultants get none) */
  seesPersonal: (u: Subject) => complainantVisibility(u) !== 'hidden',
  editComplaint: (u: Subject) => allows(u, 'complaints.edit'),
  editPrevention: (u: Subject) => allows(u, 'complaints.prevention'),
  editScripts: (u: Subject) => allows(u, 'complaints.scripts'),
  coaches: (u: Subject, outletId: string | null) => allows(u, 'complaints.coach', outletId ?? ''),
  recordQuiz: (u: Subject, outletId: string | null) => allows(u, 'complaints.quiz', outletId ?? ''),
  tasks: (u: Subject) => allows(u, 'complaints.tasks'),
  importComplaints: (u: Subject) => allows(u, 'complaints.import'),
  /** the official holiday calendar (and the code tables) */
  editCalendar: (u: Subject) => allows(u, 'complaints.codes'),
};

/** Machine tokens, lobby settings, the mode plan and backfill rules of an outlet. */
export const canEditLobbySetup = (u: Subject, outletId: string) => allows(u, 'lobby.configure', outletId);

/** Running the mode recommendation (the set-up editors and the outlet's lobby manager). */
export const canRunLobbyRecommend = (u: Subject, outletId: string) => allows(u, 'lobby.operate', outletId);

export const lobbyCan = {
  /** check-ins and mode override: the branch's admins and officers, the outlet's head and lobby manager */
  operates: (u: Subject, outletId: string) => allows(u, 'lobby.operate', outletId),
  /** backfill prompts: the above and the outlet's staff */
  answersPrompts: (u: Subject, outletId: string) => allows(u, 'lobby.answer', outletId),
};

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

// ---------------------------------------------------------------- complaints (谅点), docs/complaints.md

export type ComplaintAction =
  | 'acknowledge'
  | 'investigate'
  | 'decide'
  | 'inform'
  | 'follow_up'
  | 'close'
  | 'withdraw'
  | 'merge'
  | 'request_review'
  | 'decide_review'
  | 'extend'
  | 'pause'
  | 'resume'
  | 'new_facts'
  | 'assess';

const CP: UserRole[] = ['admin', 'cp_officer'];
const HANDLERS: UserRole[] = ['admin', 'cp_officer', 'outlet_head'];
const FRONT_LINE: UserRole[] = ['admin', 'cp_officer', 'outlet_head', 'lobby_manager'];
const PENDING = ['registered', 'acknowledged', 'investigating'];

/** The state machine of the server (complaints.states.ts) and who may take each step (policy.ts). */
export const COMPLAINT_ACTIONS: Record<ComplaintAction, { from: string[]; roles: UserRole[]; path: string }> =
  {
    acknowledge: { from: ['registered'], roles: FRONT_LINE, path: 'acknowledge' },
    investigate: { from: ['acknowledged'], roles: HANDLERS, path: 'investigate' },
    decide: { from: ['investigating'], roles: HANDLERS, path: 'decide' },
    inform: { from: ['decided'], roles: FRONT_LINE, path: 'inform' },
    follow_up: { from: ['informed'], roles: FRONT_LINE, path: 'follow-up' },
    close: { from: ['follow_up'], roles: HANDLERS, path: 'close' },
    withdraw: { from: PENDING, roles: FRONT_LINE, path: 'withdraw' },
    merge: { from: PENDING, roles: HANDLERS, path: 'merge' },
    request_review: {
      from: ['decided', 'informed', 'follow_up', 'closed'],
      roles: CP,
      path: 'request-review',
    },
    decide_review: { from: ['review'], roles: CP, path: 'decide-review' },
    extend: { from: PENDING, roles: HANDLERS, path: 'extend' },
    pause: { from: PENDING, roles: HANDLERS, path: 'pause' },
    resume: { from: PENDING, roles: HANDLERS, path: 'resume' },
    new_facts: { from: PENDING, roles: HANDLERS, path: 'new-facts' },
    assess: { from: ['decided', 'informed', 'follow_up', 'closed', 'review'], roles: CP, path: 'assess' },
  };

export const complaintCan = {
  register: (u: User) => ['admin', 'cp_officer', 'outlet_head', 'lobby_manager', 'staff'].includes(u.role),
  take: (u: User, action: ComplaintAction, status: string) =>
    COMPLAINT_ACTIONS[action].roles.includes(u.role) && COMPLAINT_ACTIONS[action].from.includes(status),
  mayTake: (u: User, action: ComplaintAction) => COMPLAINT_ACTIONS[action].roles.includes(u.role),
  unmask: (u: User) => CP.includes(u.role),
  /** complainant data at all (consultants get none) */
  seesPersonal: (u: User) => u.role !== 'consultant',
  editComplaint: (u: User) => HANDLERS.includes(u.role),
  editPrevention: (u: User) => CP.includes(u.role),
  editScripts: (u: User) => ['admin', 'cp_officer', 'consultant'].includes(u.role),
  coaches: (u: User, outletId: string | null) =>
    ['admin', 'cp_officer', 'consultant'].includes(u.role) ||
    (u.role === 'outlet_head' && !!outletId && u.outletId === outletId),
  recordQuiz: (u: User, outletId: string | null) =>
    complaintCan.coaches(u, outletId) || (u.role === 'lobby_manager' && u.outletId === outletId),
  tasks: (u: User) => HANDLERS.includes(u.role),
};

// ---------------------------------------------------------------- lobby set-up (量点), docs/lobby.md
// Mirrors lobbyPolicy in packages/server/src/modules/access/policy.ts.

const LOBBY_SETUP_BRANCH: UserRole[] = ['admin', 'cp_officer'];

/** Machine tokens, lobby settings, the mode plan and backfill rules of an outlet. */
export const canEditLobbySetup = (u: User, outletId: string) =>
  LOBBY_SETUP_BRANCH.includes(u.role) || (u.role === 'outlet_head' && u.outletId === outletId);

/** Running the mode recommendation (the set-up editors and the outlet's lobby manager). */
export const canRunLobbyRecommend = (u: User, outletId: string) =>
  canEditLobbySetup(u, outletId) || (u.role === 'lobby_manager' && u.outletId === outletId);

// ---------------------------------------------------------------- live lobby (量点), docs/lobby.md

/** Mirrors lobbyPolicy of the server (access/policy.ts) for the live lobby. */
export const lobbyCan = {
  /** check-ins and mode override: the branch's admins and officers, the outlet's head and lobby manager */
  operates: (u: User, outletId: string) =>
    BRANCH_EDITORS.includes(u.role) ||
    ((u.role === 'outlet_head' || u.role === 'lobby_manager') && u.outletId === outletId),
  /** backfill prompts: the above and the outlet's staff */
  answersPrompts: (u: User, outletId: string) =>
    lobbyCan.operates(u, outletId) || (u.role === 'staff' && u.outletId === outletId),
};

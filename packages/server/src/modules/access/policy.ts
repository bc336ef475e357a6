import type { UserRole } from '@liangdian/shared';
import type { Locale } from '../../lib/messages';

/** The signed-in user as every service sees it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  branchId: string;
  /** null: the whole branch */
  outletId: string | null;
  locale: Locale;
  ip: string;
}

/**
 * Who may do what (docs/api.md, "Roles and scope"). Pure functions: services call them and
 * answer NOT_FOUND for anything outside the actor's scope, so its existence is not revealed.
 */
export const policy = {
  seesOutlet(a: Actor, outlet: { id: string; branch_id: string }): boolean {
    if (outlet.branch_id !== a.branchId) return false;
    return a.outletId === null || a.outletId === outlet.id;
  },
  createsOutlets: (a: Actor) => a.role === 'admin' || a.role === 'cp_officer',
  editsOutlet(a: Actor, outletId: string): boolean {
    if (a.role === 'admin' || a.role === 'cp_officer') return true;
    return a.role === 'outlet_head' && a.outletId === outletId;
  },
  editsCatalogue: (a: Actor) => a.role === 'admin' || a.role === 'cp_officer',
  managesUsers: (a: Actor) => a.role === 'admin',
  readsAudit: (a: Actor) => a.role === 'admin' || a.role === 'cp_officer',
  /** 'clear': unmasked; 'masked': 138****1234; 'hidden': not even masked (consultants). */
  personalData(a: Actor, outletId: string): 'clear' | 'masked' | 'hidden' {
    if (a.role === 'consultant') return 'hidden';
    if (a.role === 'admin') return 'clear';
    if (a.role === 'outlet_head' && a.outletId === outletId) return 'clear';
    return 'masked';
  },
};

// ---------------------------------------------------------------- complaints (谅点)

/** Steps of the complaint process (docs/complaints.md); each is one transition of the state machine. */
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

const BRANCH_CP = ['admin', 'cp_officer'] as const;
const HANDLERS = ['admin', 'cp_officer', 'outlet_head'] as const;
const FRONT_LINE = ['admin', 'cp_officer', 'outlet_head', 'lobby_manager'] as const;

/** Who may take each step. Outlet roles act only on their own outlet's complaints (seesOutlet). */
export const COMPLAINT_ACTION_ROLES: Record<ComplaintAction, readonly UserRole[]> = {
  acknowledge: FRONT_LINE,
  investigate: HANDLERS,
  decide: HANDLERS,
  inform: FRONT_LINE,
  follow_up: FRONT_LINE,
  close: HANDLERS,
  withdraw: FRONT_LINE,
  merge: HANDLERS,
  request_review: BRANCH_CP,
  decide_review: BRANCH_CP,
  extend: HANDLERS,
  pause: HANDLERS,
  resume: HANDLERS,
  new_facts: HANDLERS,
  assess: BRANCH_CP,
};

export const complaintPolicy = {
  /** Register a complaint: the front line and the branch's consumer-protection officers. */
  registers: (a: Actor) => ['admin', 'cp_officer', 'outlet_head', 'lobby_manager', 'staff'].includes(a.role),
  takes: (a: Actor, action: ComplaintAction) => COMPLAINT_ACTION_ROLES[action].includes(a.role),
  /** Complainant data: consultants see none of it (null), everyone else masked unless unmasked. */
  personalData: (a: Actor): 'masked' | 'hidden' => (a.role === 'consultant' ? 'hidden' : 'masked'),
  /** Reading complainant data in clear is explicit and audited. */
  unmasks: (a: Actor) => a.role === 'admin' || a.role === 'cp_officer',
  /** Code tables and the holiday calendar. */
  editsCodes: (a: Actor) => a.role === 'admin',
  /** High-risk controls and accountability points. */
  editsPrevention: (a: Actor) => a.role === 'admin' || a.role === 'cp_officer',
  /** Imports of complaints from .xlsx. */
  imports: (a: Actor) => a.role === 'admin' || a.role === 'cp_officer',
  /** Script library (话术). */
  editsScripts: (a: Actor) => ['admin', 'cp_officer', 'consultant'].includes(a.role),
  /** Drills and ten questions of an outlet: the branch, the coaches, and the outlet's head. */
  coaches(a: Actor, outletId: string): boolean {
    if (a.role === 'admin' || a.role === 'cp_officer' || a.role === 'consultant') return true;
    return a.role === 'outlet_head' && a.outletId === outletId;
  },
};

// ---------------------------------------------------------------- live lobby (量点)

export const lobbyPolicy = {
  /** Ticket-machine tokens of an outlet: the branch's admins and officers, and the outlet's head. */
  managesTokens(a: Actor, outletId: string): boolean {
    if (a.role === 'admin' || a.role === 'cp_officer') return true;
    return a.role === 'outlet_head' && a.outletId === outletId;
  },
  /** Settings, the mode plan and backfill rules: as tokens. */
  configures(a: Actor, outletId: string): boolean {
    return lobbyPolicy.managesTokens(a, outletId);
  },
  /** Runs the lobby live (check-ins, mode override, prompts): the above and the lobby manager. */
  operates(a: Actor, outletId: string): boolean {
    if (lobbyPolicy.managesTokens(a, outletId)) return true;
    return a.role === 'lobby_manager' && a.outletId === outletId;
  },
  /** Staff answer their own prompts too (any outlet user of the outlet). */
  answersPrompts(a: Actor, outletId: string): boolean {
    if (lobbyPolicy.operates(a, outletId)) return true;
    return a.role === 'staff' && a.outletId === outletId;
  },
};

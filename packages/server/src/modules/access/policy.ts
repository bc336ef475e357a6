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

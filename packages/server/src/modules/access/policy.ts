import type { ComplaintAction, UserRole } from '@liangdian/shared';
import type { Locale } from '../../lib/messages';

export type { ComplaintAction };

/** The signed-in user as every service sees it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  branchId: string;
  /** null: the whole branch */
  outletId: string | null;
  /** the staff record of this user, when they have one (recusal, pledges, rosters) */
  staffId: string | null;
  locale: Locale;
  ip: string;
}

/**
 * Scope: an actor sees the outlets of their branch, or only their own outlet. What they may do
 * there is the permission table of packages/shared (permissions.ts), enforced by the one guard
 * (guard.ts) and shown by the web from the same table.
 */
export const policy = {
  seesOutlet(a: Actor, outlet: { id: string; branch_id: string }): boolean {
    if (outlet.branch_id !== a.branchId) return false;
    return a.outletId === null || a.outletId === outlet.id;
  },
};

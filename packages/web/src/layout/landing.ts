import type { Subject } from '@liangdian/shared';

/**
 * Where a person's day starts, after signing in and on `/`: the lobby manager on the tablet view
 * of their outlet, the outlet head on their outlet, everyone else on the home page (工作台).
 */
export function landingPath(u: Subject): string {
  if (u.outletId && u.role === 'lobby_manager') return `/lobby/${u.outletId}`;
  if (u.outletId && u.role === 'outlet_head') return `/outlets/${u.outletId}`;
  return '/home';
}

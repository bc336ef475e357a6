import type { LobbyReplayPoint } from '@liangdian/shared/api';

/**
 * The part of the day the replay opens on (pure): from the first to the last point with
 * activity (arrivals, customers waiting or backfill prompts), widened by `padMinutes` on each
 * side, as indices of `points` (both included). A day without activity: all of it.
 */
export function activityWindow(
  points: readonly Pick<LobbyReplayPoint, 'arrivals' | 'waiting' | 'backfillActions'>[],
  stepMinutes: number,
  padMinutes = 30,
): { from: number; to: number } {
  const busy = (p: (typeof points)[number]) => p.arrivals > 0 || p.waiting > 0 || p.backfillActions > 0;
  const first = points.findIndex(busy);
  if (first < 0) return { from: 0, to: Math.max(0, points.length - 1) };
  let last = first;
  for (let i = points.length - 1; i > first; i--)
    if (busy(points[i]!)) {
      last = i;
      break;
    }
  const pad = Math.ceil(padMinutes / Math.max(1, stepMinutes));
  return { from: Math.max(0, first - pad), to: Math.min(points.length - 1, last + pad) };
}

/**
 * The layout of one replication's result vector (a Float64Array). Every number a replication
 * reports sits at a fixed offset, so results cross worker threads as one transferable buffer
 * and are merged element by element, in replication order.
 *
 * Offsets are TypeScript enums (G.WAITSUM, S.BUSY, ...) so that the bundler writes them into
 * the hot loop as literal numbers; the G_WAITSUM-style constants are the same values.
 */
import type { Model } from './model';

/** fields per business-type group; group T (the last) is "all types" */
export enum G {
  ARR = 0,
  SERVED = 1,
  ABAND = 2,
  INSYS = 3,
  TURNED = 4,
  WAITN = 5,
  WAITSUM = 6,
  WAITED = 7,
  WITHIN = 8,
  MEAN = 9,
  PWAIT = 10,
  SL = 11,
  ABRATE = 12,
  P50 = 13,
  P90 = 14,
  P95 = 15,
  FIELDS = 16,
}
export const G_ARR = G.ARR;
export const G_SERVED = G.SERVED;
export const G_ABAND = G.ABAND;
export const G_INSYS = G.INSYS;
export const G_TURNED = G.TURNED;
export const G_WAITN = G.WAITN;
export const G_WAITSUM = G.WAITSUM;
export const G_WAITED = G.WAITED;
export const G_WITHIN = G.WITHIN;
export const G_MEAN = G.MEAN;
export const G_PWAIT = G.PWAIT;
export const G_SL = G.SL;
export const G_ABRATE = G.ABRATE;
export const G_P50 = G.P50;
export const G_P90 = G.P90;
export const G_P95 = G.P95;
export const G_FIELDS = G.FIELDS;

export enum S {
  BUSY = 0,
  PRES = 1,
  UTIL = 2,
  FIELDS = 3,
}
export const S_BUSY = S.BUSY;
export const S_PRES = S.PRES;
export const S_UTIL = S.UTIL;
export const S_FIELDS = S.FIELDS;

export enum P {
  BUSY = 0,
  PRES = 1,
  UTIL = 2,
  QAREA = 3,
  QAVG = 4,
  FIELDS = 5,
}
export const P_BUSY = P.BUSY;
export const P_PRES = P.PRES;
export const P_UTIL = P.UTIL;
export const P_QAREA = P.QAREA;
export const P_QAVG = P.QAVG;
export const P_FIELDS = P.FIELDS;

export enum SL {
  TIME = 0,
  ARR = 1,
  WN = 2,
  WSUM = 3,
  WITHIN = 4,
  ABAND = 5,
  WMEAN = 6,
  SL = 7,
  /** customers served to the end (by slot of arrival) */
  SERVED = 8,
  /** customers who waited at all (served or abandoned) */
  WAITED = 9,
  /** total wait of the customers who abandoned */
  ABWSUM = 10,
  /** customers received at the door on arrival (triaged at once, or met by the post or a backup) */
  RECEIVED = 11,
  /** customers escorted one-on-one to their zone (rotating) */
  ESCORTED = 12,
  /** staff-minutes pulled from their own post to receive a customer (rotating backfill) */
  PULLED = 13,
  /** unreceived customers who took the wrong queue */
  MISROUTED = 14,
  /** misrouted customers sent on to the right zone after the wrong counter's time */
  TRANSFERRED = 15,
  FIELDS = 16,
}
export const SL_TIME = SL.TIME;
export const SL_ARR = SL.ARR;
export const SL_WN = SL.WN;
export const SL_WSUM = SL.WSUM;
export const SL_WITHIN = SL.WITHIN;
export const SL_ABAND = SL.ABAND;
export const SL_WMEAN = SL.WMEAN;
export const SL_SL = SL.SL;
export const SL_SERVED = SL.SERVED;
export const SL_WAITED = SL.WAITED;
export const SL_ABWSUM = SL.ABWSUM;
export const SL_RECEIVED = SL.RECEIVED;
export const SL_ESCORTED = SL.ESCORTED;
export const SL_PULLED = SL.PULLED;
export const SL_MISROUTED = SL.MISROUTED;
export const SL_TRANSFERRED = SL.TRANSFERRED;
export const SL_FIELDS = SL.FIELDS;

export enum M {
  FIXED = 0,
  ROT = 1,
  ROT_ARR = 2,
  ESCORTED = 3,
  ESCORT_SHARE = 4,
  /** escorts by a backup (rotating), a part of ESCORTED */
  BACKUP_ESCORTS = 5,
  FIELDS = 6,
}
export const M_FIXED = M.FIXED;
export const M_ROT = M.ROT;
export const M_ROT_ARR = M.ROT_ARR;
export const M_ESCORTED = M.ESCORTED;
export const M_ESCORT_SHARE = M.ESCORT_SHARE;
export const M_BACKUP_ESCORTS = M.BACKUP_ESCORTS;
export const M_FIELDS = M.FIELDS;

export enum R {
  ACTIONS = 0,
  RETURNS = 1,
  FIELDS = 2,
}
export const R_ACTIONS = R.ACTIONS;
export const R_RETURNS = R.RETURNS;
export const R_FIELDS = R.FIELDS;

export enum X {
  EVENTS = 0,
  UTIL = 1,
  END = 2,
  QUEUE_END = 3,
  /** mean wait of the customers who reached a counter, this replication */
  SERVED_WAIT = 4,
  FIELDS = 5,
}
export const X_EVENTS = X.EVENTS;
export const X_UTIL = X.UTIL;
export const X_END = X.END;
export const X_QUEUE_END = X.QUEUE_END;
export const X_SERVED_WAIT = X.SERVED_WAIT;
export const X_FIELDS = X.FIELDS;

export interface Layout {
  groups: number;
  staff: number;
  posts: number;
  slots: number;
  rules: number;
  staffBase: number;
  postBase: number;
  slotBase: number;
  /** per slot: SL_FIELDS then one queue-area value per post */
  slotStride: number;
  modeBase: number;
  ruleBase: number;
  miscBase: number;
  size: number;
}

export function layoutOf(m: Model): Layout {
  const groups = m.nTypes + 1;
  const staffBase = groups * G_FIELDS;
  const postBase = staffBase + m.nStaff * S_FIELDS;
  const slotBase = postBase + m.nPosts * P_FIELDS;
  const slotStride = SL_FIELDS + m.nPosts;
  const modeBase = slotBase + m.slotsPerDay * slotStride;
  const ruleBase = modeBase + M_FIELDS;
  const miscBase = ruleBase + m.rules.length * R_FIELDS;
  return {
    groups,
    staff: m.nStaff,
    posts: m.nPosts,
    slots: m.slotsPerDay,
    rules: m.rules.length,
    staffBase,
    postBase,
    slotBase,
    slotStride,
    modeBase,
    ruleBase,
    miscBase,
    size: miscBase + X_FIELDS,
  };
}

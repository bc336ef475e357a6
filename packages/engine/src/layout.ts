/**
 * The layout of one replication's result vector (a Float64Array). Every number a replication
 * reports sits at a fixed offset, so results cross worker threads as one transferable buffer
 * and are merged element by element, in replication order.
 */
import type { Model } from './model';

/** fields per business-type group; group T (the last) is "all types" */
export const G_ARR = 0;
export const G_SERVED = 1;
export const G_ABAND = 2;
export const G_INSYS = 3;
export const G_TURNED = 4;
export const G_WAITN = 5;
export const G_WAITSUM = 6;
export const G_WAITED = 7;
export const G_WITHIN = 8;
export const G_MEAN = 9;
export const G_PWAIT = 10;
export const G_SL = 11;
export const G_ABRATE = 12;
export const G_P50 = 13;
export const G_P90 = 14;
export const G_P95 = 15;
export const G_FIELDS = 16;

export const S_BUSY = 0;
export const S_PRES = 1;
export const S_UTIL = 2;
export const S_FIELDS = 3;

export const P_BUSY = 0;
export const P_PRES = 1;
export const P_UTIL = 2;
export const P_QAREA = 3;
export const P_QAVG = 4;
export const P_FIELDS = 5;

export const SL_TIME = 0;
export const SL_ARR = 1;
export const SL_WN = 2;
export const SL_WSUM = 3;
export const SL_WITHIN = 4;
export const SL_ABAND = 5;
export const SL_WMEAN = 6;
export const SL_SL = 7;
export const SL_FIELDS = 8;

export const M_FIXED = 0;
export const M_ROT = 1;
export const M_ROT_ARR = 2;
export const M_ESCORTED = 3;
export const M_ESCORT_SHARE = 4;
export const M_FIELDS = 5;

export const R_ACTIONS = 0;
export const R_RETURNS = 1;
export const R_FIELDS = 2;

export const X_EVENTS = 0;
export const X_UTIL = 1;
export const X_END = 2;
export const X_QUEUE_END = 3;
export const X_FIELDS = 4;

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

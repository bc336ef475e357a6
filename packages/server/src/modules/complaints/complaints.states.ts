import { COMPLAINT_STEPS, type ComplaintAction, type ComplaintStatus } from '@liangdian/shared';

/** The state machine lives in packages/shared (complaints.ts); these are the server's names for it. */
export {
  COMPLAINT_STATUSES,
  type ComplaintStatus,
  PENDING_DECISION,
  OPEN_STATUSES,
  allowedFrom,
  MAJOR_COMPLAINT_PEOPLE,
  EMERGENCY_CHECKLIST,
  COMPLAINT_SOURCES as SOURCES,
  REMEDIES,
  INFORM_METHODS,
  RESPONSIBILITIES,
  SEVERITIES,
  PAUSE_KINDS,
  CODE_KINDS,
  SCRIPT_STAGES,
} from '@liangdian/shared';

export const TRANSITIONS: Record<
  ComplaintAction,
  { from: readonly ComplaintStatus[]; to: ComplaintStatus | null }
> = COMPLAINT_STEPS;

/**
 * Domain errors: services throw these, never HTTP errors. One error handler (http/errors.ts)
 * maps each stable code to an HTTP status and a localised problem+json body.
 */
export interface FieldProblem {
  /** dotted path, e.g. `body.name` */
  field: string;
  /** stable code of the problem, e.g. `too_small`, `OUTLET_CODE_TAKEN` */
  code: string;
  /** parameters for the localised message */
  params?: Record<string, string | number>;
}

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PASSWORD_POLICY: 400,
  INVALID_STATE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  WRONG_PASSWORD: 400,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  OUTLET_CODE_TAKEN: 409,
  EMPLOYEE_NO_TAKEN: 409,
  USERNAME_TAKEN: 409,
  STAFF_HAS_LOGIN: 409,
  STAFF_NOT_IN_OUTLET: 400,
  STAFF_ROLE_MISMATCH: 400,
  BUSINESS_TYPE_CODE_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // ---- complaints (谅点)
  COMPLAINT_TRANSITION_NOT_ALLOWED: 409,
  COMPLAINT_HANDLER_RECUSED: 409,
  COMPLAINT_RECUSED: 403,
  EXTENSION_REASON_REQUIRED: 400,
  EXTENSION_APPROVAL_REQUIRED: 400,
  EXTENSION_NOTICE_REQUIRED: 400,
  EXTENSION_LIMIT_REACHED: 409,
  COMPLAINT_DEADLINE_PASSED: 409,
  COMPLAINT_PAUSE_RUNNING: 409,
  COMPLAINT_NOT_PAUSED: 409,
  REVIEW_WINDOW_CLOSED: 409,
  REVIEW_ALREADY_REQUESTED: 409,
  MERGE_TARGET_INVALID: 409,
  COMPLAINT_CODE_TAKEN: 409,
  TEN_QUESTIONS_FULL: 409,
  QUIZ_NO_QUESTIONS: 409,
  IMPORT_FAILED: 400,
  /** the server has no CJK font for the PDF decision notice (PDF_FONT_PATH, fonts-noto-cjk) */
  PDF_FONT_MISSING: 503,
  // ---- live lobby (量点)
  MACHINE_TOKEN_INVALID: 401,
  TICKET_BATCH_TOO_LARGE: 413,
  LOBBY_NOT_CHECKED_IN: 409,
  PROMPT_ALREADY_ANSWERED: 409,
  MODE_OVERRIDE_NONE: 409,
  LOBBY_NO_ZONES: 409,
  /** too few days or tickets in the outlet's last four weeks to calibrate */
  LOBBY_CALIBRATION_TOO_THIN: 422,
  FORECAST_TOO_LITTLE_HISTORY: 409,
  // ---- ticket history import (量点)
  TICKET_IMPORT_FILE_TOO_LARGE: 413,
  TICKET_IMPORT_TOO_MANY_ROWS: 413,
  TICKET_IMPORT_UNREADABLE: 400,
  TICKET_IMPORT_ENCODING: 400,
  TICKET_IMPORT_EMPTY: 400,
  TICKET_IMPORT_MAPPING_INCOMPLETE: 400,
  TICKET_IMPORT_HAS_ERRORS: 400,
  TICKET_IMPORT_NOTHING_TO_IMPORT: 400,
  // ---- rosters (弹性排班)
  /** an edit breaks a labour or shift rule; `rule` and the words name it */
  ROSTER_RULE_BROKEN: 422,
  /** the week has no roster yet (solve it first) */
  ROSTER_NONE: 409,
  ROSTER_ALREADY_PUBLISHED: 409,
  ROSTER_SOLVE_RUNNING: 409,
  ROSTER_WEEK_NOT_MONDAY: 400,
  ROSTER_RANGE_INVALID: 400,
  /** the person already has this preference, or its opposite (wanted and unwanted at once) */
  ROSTER_PREFERENCE_EXISTS: 409,
  // ---- branch planning (background jobs)
  PLANNING_NO_OUTLETS: 409,
  /** another run of the same branch and week is running: retry waits for it */
  PLANNING_WEEK_RUNNING: 409,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string) => new DomainError('NOT_FOUND', { entity });
export const forbidden = () => new DomainError('FORBIDDEN');
export const conflict = (code: ErrorCode, field: string) =>
  new DomainError(code, {}, [{ field: `body.${field}`, code }]);

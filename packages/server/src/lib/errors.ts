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
  NOT_FOUND: 404,
  OUTLET_CODE_TAKEN: 409,
  EMPLOYEE_NO_TAKEN: 409,
  USERNAME_TAKEN: 409,
  BUSINESS_TYPE_CODE_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
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

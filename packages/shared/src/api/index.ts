/**
 * The HTTP API, declared once (zod): every request and response schema per feature, and every
 * endpoint with its method, path and schemas. The server mounts these; the web client takes its
 * types from `ApiRoutes`, so a changed response field is a compile error wherever it is used.
 */
import type { RoutesOf } from './endpoint';
import { coachingApi } from './coaching';
import { insightsApi } from './insights';
import { lobbyApi } from './lobby';
import { complaintAttachmentsApi } from './complaint-attachments';
import { complaintCodesApi } from './complaint-codes';
import { complaintImportApi } from './complaint-import';
import { complaintStepsApi } from './complaint-steps';
import { complaintTasksApi } from './complaint-tasks';
import { complaintsApi } from './complaints';
import { notificationsApi } from './notifications';
import { ticketImportApi } from './ticket-import';
import { auditApi } from './audit';
import { authApi } from './auth';
import { homeApi } from './home';
import { metaApi } from './meta';
import { orgApi } from './org';
import { usersApi } from './users';
import { planningApi } from './planning';
import { rosterApi } from './roster';
import { intradayApi, staffingApi } from './staffing';

export * from './endpoint';
export * from './common';
export * from './org';
export * from './insights';
export * from './coaching';
export * from './lobby';
export * from './ticket-import';
export * from './complaints';
export * from './complaint-steps';
export * from './complaint-tasks';
export * from './complaint-codes';
export * from './complaint-attachments';
export * from './complaint-import';
export * from './notifications';
export * from './users';
export * from './auth';
export * from './audit';
export * from './meta';
export * from './home';
export * from './test-clock';
export * from './roster';
export * from './planning';
export * from './staffing';

/** Every endpoint of the API, by name per feature. */
export const API = {
  org: orgApi,
  insights: insightsApi,
  coaching: coachingApi,
  lobby: lobbyApi,
  ticketImport: ticketImportApi,
  complaints: complaintsApi,
  complaintSteps: complaintStepsApi,
  complaintTasks: complaintTasksApi,
  complaintCodes: complaintCodesApi,
  complaintAttachments: complaintAttachmentsApi,
  complaintImport: complaintImportApi,
  notifications: notificationsApi,
  users: usersApi,
  auth: authApi,
  audit: auditApi,
  meta: metaApi,
  home: homeApi,
  roster: rosterApi,
  planning: planningApi,
  staffing: staffingApi,
  intraday: intradayApi,
} as const;

type Features = typeof API;
type AllEndpoints = { [F in keyof Features]: Features[F][keyof Features[F]] }[keyof Features];
/** Every endpoint keyed by `"METHOD /path"` (paths under /api/v1). */
export type ApiRoutes = RoutesOf<AllEndpoints>;

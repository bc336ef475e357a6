/**
 * The HTTP API, declared once (zod): every request and response schema per feature, and every
 * endpoint with its method, path and schemas. The server mounts these; the web client takes its
 * types from `ApiRoutes`, so a changed response field is a compile error wherever it is used.
 */
import type { RoutesOf } from './endpoint';
import { auditApi } from './audit';
import { authApi } from './auth';
import { homeApi } from './home';
import { metaApi } from './meta';
import { orgApi } from './org';
import { usersApi } from './users';

export * from './endpoint';
export * from './common';
export * from './org';
export * from './users';
export * from './auth';
export * from './audit';
export * from './meta';
export * from './home';

/** Every endpoint of the API, by name per feature. */
export const API = {
  org: orgApi,
  users: usersApi,
  auth: authApi,
  audit: auditApi,
  meta: metaApi,
  home: homeApi,
} as const;

type Features = typeof API;
type AllEndpoints = { [F in keyof Features]: Features[F][keyof Features[F]] }[keyof Features];
/** Every endpoint keyed by `"METHOD /path"` (paths under /api/v1). */
export type ApiRoutes = RoutesOf<AllEndpoints>;

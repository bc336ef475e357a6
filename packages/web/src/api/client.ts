import type { BodyOf, EndpointDef, Method, ParamsOf, QueryOf, ResponseOf } from '@liangdian/shared/api';
import type { ApiRoutes } from '@liangdian/shared/api';
import type { Locale } from '@liangdian/shared/api';

/** One field error of a problem+json answer; `field` is a dotted path such as `body.name`. */
export interface FieldError {
  field: string;
  code?: string;
  message: string;
}

/** Every failed API call rejects with this. `status` 0 means the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** the whole problem document, for extension members such as `lockedUntil` */
  readonly problem: Record<string, unknown>;
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    detail: string,
    errors: FieldError[] = [],
    problem: Record<string, unknown> = {},
    retryAfter: number | null = null,
  ) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

const state: {
  csrfToken: string | null;
  locale: Locale;
  onUnauthenticated: (() => void) | null;
  onPasswordChangeRequired: (() => void) | null;
} = {
  csrfToken: null,
  locale: 'zh-CN',
  onUnauthenticated: null,
  onPasswordChangeRequired: null,
};

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function setApiLocale(locale: Locale): void {
  state.locale = locale;
}

/** Called when an authenticated request answers 401 (the session expired or was ended elsewhere). */
export function onUnauthenticated(handler: (() => void) | null): void {
  state.onUnauthenticated = handler;
}

/**
 * Called when the server holds the user to changing their password first (403
 * PASSWORD_CHANGE_REQUIRED): the shell then shows the password change, not an error.
 */
export function onPasswordChangeRequired(handler: (() => void) | null): void {
  state.onPasswordChangeRequired = handler;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The ApiError of a failed answer: its status, its problem+json body (as text) and Retry-After. */
function problemError(
  status: number,
  statusText: string,
  text: string,
  retryHeader: string | null,
): ApiError {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  if (!isRecord(body)) {
    return new ApiError(status, `HTTP_${status}`, statusText, [], {}, retryAfter);
  }
  const errors: FieldError[] = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((e) => ({
        field: String(e.field ?? ''),
        code: e.code === undefined ? undefined : String(e.code),
        message: String(e.message ?? ''),
      }))
    : [];
  const code = typeof body.code === 'string' ? body.code : `HTTP_${status}`;
  const detail =
    typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : '';
  return new ApiError(status, code, detail, errors, body, retryAfter);
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  return problemError(res.status, res.statusText, text, res.headers.get('retry-after'));
}

/** Another tab may have logged in again and rotated the CSRF token: read the current one. */
async function refreshCsrfToken(): Promise<boolean> {
  const me = await fetch('/api/v1/auth/me', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (!me.ok) return false;
  const session = (await me.json()) as { csrfToken?: string };
  if (!session.csrfToken) return false;
  state.csrfToken = session.csrfToken;
  return true;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(
  method: string,
  url: string,
  body?: unknown,
  accept = 'application/json',
  retried = false,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': state.locale };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const err = await toApiError(res);
    // Another tab may have logged in again and rotated the token: refresh it once and retry.
    if (err.code === 'CSRF_TOKEN_INVALID' && UNSAFE.has(method) && !retried && (await refreshCsrfToken()))
      return send(method, url, body, accept, true);
    if (err.status === 401 && !url.startsWith('/api/v1/auth/login') && !url.startsWith('/api/v1/auth/me')) {
      state.onUnauthenticated?.();
    }
    if (err.code === 'PASSWORD_CHANGE_REQUIRED') state.onPasswordChangeRequired?.();
    throw err;
  }
  return res;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const res = await send(method, buildUrl(path, query), body);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// ---------------------------------------------------------------- the typed client
// Paths are the contract's (`/outlets/:outletId/zones`); the answer's type follows from the path
// and the method (packages/shared/src/api), so a changed response field fails to compile here.

type Routes = ApiRoutes;
type PathOf<M extends Method> = {
  [K in keyof Routes]: K extends `${M} ${infer P}` ? P : never;
}[keyof Routes];
/** The paths of the `M` endpoints whose declaration has `Field` (e.g. `{ exportable: true }`). */
type PathWhere<M extends Method, Field> = {
  [K in keyof Routes]: Routes[K] extends Field ? (K extends `${M} ${infer P}` ? P : never) : never;
}[keyof Routes];
type At<M extends Method, P extends string> = Routes[`${M} ${P}` & keyof Routes] extends infer E
  ? E extends EndpointDef
    ? E
    : never
  : never;

/** Filters as pages hold them (URL state is text): the keys are checked, the values parsed by the server. */
type LooseQuery<Q> = { [K in keyof Q]?: string | number | boolean | null | undefined };

/** What a call needs besides its path: path parameters, filters, body. */
export type CallOptions<E extends EndpointDef> = (E['params'] extends object
  ? { params: ParamsOf<E> }
  : { params?: undefined }) &
  (E['query'] extends object ? { query?: LooseQuery<QueryOf<E>> } : { query?: undefined }) &
  (E['body'] extends object
    ? E['consumes'] extends string
      ? { body?: undefined }
      : { body: BodyOf<E> }
    : { body?: undefined });

type NeedsOptions<E extends EndpointDef> = E['params'] extends object
  ? true
  : E['body'] extends object
    ? E['consumes'] extends string
      ? false
      : true
    : false;
type Args<E extends EndpointDef> =
  NeedsOptions<E> extends true ? [opts: CallOptions<E>] : [opts?: CallOptions<E>];

/** Fills `:name` segments from `params` (each encoded). */
export function fillPath(path: string, params?: Record<string, string | number>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, k: string) => {
    const v = params?.[k];
    if (v === undefined || v === '') throw new Error(`missing path parameter ${k} of ${path}`);
    return encodeURIComponent(String(v));
  });
}

function call<M extends Method>(method: M) {
  return <P extends PathOf<M>>(path: P, ...args: Args<At<M, P>>): Promise<ResponseOf<At<M, P>>> => {
    const o = (args[0] ?? {}) as { params?: Record<string, string>; query?: Query; body?: unknown };
    const body = o.body ?? (method === 'POST' ? {} : undefined);
    return request(method, fillPath(path, o.params), body, o.query);
  };
}

/** The API, typed from the contract: `api.get('/outlets/:outletId', { params: { outletId } })`. */
export const api = {
  get: call('GET'),
  post: call('POST'),
  put: call('PUT'),
  patch: call('PATCH'),
  delete: call('DELETE'),
};

/** The path a typed call goes to, e.g. for a link or a stream (`/api/v1/...`). */
export function apiUrl<P extends PathOf<'GET'>>(path: P, ...args: Args<At<'GET', P>>): string {
  const o = (args[0] ?? {}) as { params?: Record<string, string>; query?: Query };
  return buildUrl(fillPath(path, o.params), o.query);
}

/** Rows that are deactivated and reactivated, never deleted: `POST <path>/deactivate`. */
export type ToggleablePath = {
  [K in keyof Routes]: K extends `POST ${infer P}/deactivate` ? P : never;
}[keyof Routes];

/** Deactivates or reactivates the row at `path`. */
export function setActive<P extends ToggleablePath>(
  path: P,
  params: CallOptions<At<'POST', `${P}/deactivate`>>['params'],
  active: boolean,
) {
  const target = `${fillPath(path, params as Record<string, string> | undefined)}/${active ? 'reactivate' : 'deactivate'}`;
  return request('POST', target, {});
}

/** Endpoints that take a file or a form (`consumes` in the contract). */
export type UploadPath = PathWhere<'POST', { consumes: string }>;

/** Uploads to a contract endpoint with progress; resolves with its typed answer. */
export async function uploadTo<P extends UploadPath>(
  path: P,
  params: CallOptions<At<'POST', P>>['params'],
  body: Blob | FormData,
  opts: { contentType?: string; onProgress?: (percent: number) => void } = {},
): Promise<ResponseOf<At<'POST', P>>> {
  const target = fillPath(path, params as Record<string, string> | undefined);
  return (await upload<ResponseOf<At<'POST', P>>>(target, body, opts)).body;
}

/** Endpoints that answer a file (`produces: 'xlsx' | 'file'`). */
export type FilePath = PathWhere<'GET', { produces: 'xlsx' | 'file' }>;

/** Downloads a contract endpoint that answers a file and saves it in the browser. */
export function downloadFrom<P extends FilePath>(
  path: P,
  opts: { params?: CallOptions<At<'GET', P>>['params']; query?: Query },
  fallbackName: string,
): Promise<string> {
  return downloadFile(
    fillPath(path, opts.params as Record<string, string> | undefined),
    opts.query,
    fallbackName,
  );
}

/** Lists with an `.xlsx` twin (`exportable` in the contract). */
export type ExportablePath = PathWhere<'GET', { exportable: true }>;

/**
 * POSTs a file or a form with upload progress (fetch cannot report it), with the session's CSRF
 * token and locale, and rejects with the same ApiError as the rest of the client. `path` is under
 * /api/v1. `asBlob` answers the body as a Blob (a file to save) with the name the server gave it.
 */
export function upload<T>(
  path: string,
  body: Blob | FormData,
  opts: { contentType?: string; onProgress?: (percent: number) => void; asBlob?: boolean } = {},
  retried = false,
): Promise<{ body: T; filename: string | null }> {
  return new Promise<{ body: T; filename: string | null }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.responseType = opts.asBlob ? 'blob' : 'text';
    xhr.setRequestHeader('Accept', opts.asBlob ? '*/*' : 'application/json');
    xhr.setRequestHeader('Accept-Language', state.locale);
    if (state.csrfToken) xhr.setRequestHeader('x-csrf-token', state.csrfToken);
    if (opts.contentType) xhr.setRequestHeader('Content-Type', opts.contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'network'));
    xhr.onload = async () => {
      const ok = xhr.status >= 200 && xhr.status < 300;
      const text = opts.asBlob
        ? ok
          ? ''
          : await (xhr.response as Blob).text()
        : (xhr.responseText as string);
      if (ok) {
        const filename = filenameFromDisposition(xhr.getResponseHeader('content-disposition'));
        resolve({ body: (opts.asBlob ? xhr.response : text ? JSON.parse(text) : undefined) as T, filename });
        return;
      }
      const err = problemError(xhr.status, xhr.statusText, text, xhr.getResponseHeader('retry-after'));
      if (err.code === 'CSRF_TOKEN_INVALID' && !retried && (await refreshCsrfToken().catch(() => false))) {
        upload<T>(path, body, opts, true).then(resolve, reject);
        return;
      }
      if (err.status === 401) state.onUnauthenticated?.();
      reject(err);
    };
    xhr.send(body);
  });
}

/** Reads the file name from a Content-Disposition header (RFC 6266, with RFC 5987 `filename*`). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() ?? null;
}

/** Downloads the `.xlsx` twin of a list with the filters applied to it. */
export function downloadExport<P extends ExportablePath>(
  path: P,
  opts: { params?: CallOptions<At<'GET', P>>['params']; query?: Query },
  fallbackName: string,
): Promise<string> {
  const base = fillPath(path, opts.params as Record<string, string> | undefined);
  return downloadFile(`${base}/export.xlsx`, opts.query, fallbackName);
}

/**
 * Downloads a file endpoint with the current session and saves it in the browser.
 * `path` is relative to /api/v1 (e.g. `/complaints/import/template.xlsx`).
 */
export async function downloadFile(
  path: string,
  query: Query | undefined,
  fallbackName: string,
): Promise<string> {
  const res = await send(
    'GET',
    buildUrl(path, query),
    undefined,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json',
  );
  const name = filenameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  saveBlob(await res.blob(), name);
  return name;
}

/** Saves a Blob under a name in the browser. */
export function saveBlob(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

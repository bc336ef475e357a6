import { ApiError, api, buildUrl, filenameFromDisposition } from '../../api/client';
import type { Locale, Session } from '../../api/types';

/** Ticket-history import (docs/lobby.md, "Importing ticket history"): types and the upload calls. */

export const FIELDS = [
  'ticket',
  'businessType',
  'kind',
  'at',
  'date',
  'counter',
  'staffId',
  'toBusinessType',
  'eventId',
] as const;
export type Field = (typeof FIELDS)[number];
export const REQUIRED: readonly Field[] = ['ticket', 'businessType', 'kind', 'at'];
export type Mapping = Partial<Record<Field, string | null>>;

export interface MappingView {
  outletId: string;
  mapping: Mapping;
  updatedAt: string | null;
  limits: { maxBytes: number; maxRows: number };
}

export interface RowError {
  line: number;
  field: Field | null;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

export interface PreviewRow {
  line: number;
  eventId: string;
  ticket: string;
  businessType: string;
  kind: string;
  at: string;
  counter: string | null;
  staffId: string | null;
  toBusinessType: string | null;
}

export interface Preview {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  headers: string[];
  rawRows: string[][];
  mapping: Mapping;
  mappingSource: 'request' | 'saved' | 'suggested';
  missingRequired: Field[];
  rowsTotal: number;
  rowsGood: number;
  rowsBad: number;
  rowsDuplicate: number;
  firstAt: string | null;
  lastAt: string | null;
  sample: PreviewRow[];
  errors: RowError[];
  errorsTotal: number;
}

export interface Batch {
  id: string;
  outletId: string;
  fileName: string;
  format: string;
  rowsTotal: number;
  rowsStored: number;
  rowsDuplicate: number;
  rowsRejected: number;
  firstAt: string | null;
  lastAt: string | null;
  createdByName: string;
  createdAt: string;
}

export const importPath = (outletId: string, path: string) => `/outlets/${outletId}/ticket-import${path}`;

/**
 * Posts the file as multipart/form-data with XMLHttpRequest, for its upload progress (fetch has
 * none). Resolves with the response (JSON, or a Blob for `asBlob`); rejects with an ApiError.
 */
export async function uploadFile<T>(
  path: string,
  file: File,
  fields: Record<string, string>,
  locale: Locale,
  onProgress: (percent: number) => void,
  asBlob = false,
): Promise<{ body: T; filename: string | null }> {
  // The CSRF token of the session (the api client keeps it private).
  const session = await api.get<Session>('/auth/me');
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.responseType = asBlob ? 'blob' : 'text';
    xhr.setRequestHeader('Accept', asBlob ? '*/*' : 'application/json');
    xhr.setRequestHeader('Accept-Language', locale);
    xhr.setRequestHeader('x-csrf-token', session.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'network'));
    xhr.onload = async () => {
      const ok = xhr.status >= 200 && xhr.status < 300;
      const text = asBlob ? (ok ? '' : await (xhr.response as Blob).text()) : (xhr.responseText as string);
      if (ok) {
        const filename = filenameFromDisposition(xhr.getResponseHeader('content-disposition'));
        resolve({ body: (asBlob ? xhr.response : text ? JSON.parse(text) : undefined) as T, filename });
        return;
      }
      let problem: Record<string, unknown> = {};
      try {
        problem = JSON.parse(text) as Record<string, unknown>;
      } catch {
        /* not a problem document */
      }
      const errors = Array.isArray(problem.errors)
        ? (problem.errors as { field?: string; code?: string; message?: string }[]).map((e) => ({
            field: String(e.field ?? ''),
            code: e.code,
            message: String(e.message ?? ''),
          }))
        : [];
      reject(
        new ApiError(
          xhr.status,
          typeof problem.code === 'string' ? problem.code : `HTTP_${xhr.status}`,
          typeof problem.detail === 'string' ? problem.detail : xhr.statusText,
          errors,
          problem,
        ),
      );
    };
    xhr.send(form);
  });
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

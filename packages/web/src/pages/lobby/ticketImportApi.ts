import { upload } from '../../api/client';

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
 * Posts the file as multipart/form-data with its upload progress. Resolves with the response
 * (JSON, or a Blob for `asBlob`); rejects with an ApiError.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  fields: Record<string, string>,
  onProgress: (percent: number) => void,
  asBlob = false,
): Promise<{ body: T; filename: string | null }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return upload<T>(path, form, { onProgress, asBlob });
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

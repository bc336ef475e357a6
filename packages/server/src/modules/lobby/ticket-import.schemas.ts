import { z } from 'zod';
import { PageQuery } from '../../lib/paging';
import { TICKET_KINDS } from './lobby.state';

/**
 * Historic ticket-log import (docs/lobby.md, "Importing ticket history"): the fields an event
 * needs, the column mapping the user sets, and what preview and commit answer.
 */

/** Target fields, in the order the page shows them. `date` is for files with date and time apart. */
export const IMPORT_FIELDS = [
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
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = ['ticket', 'businessType', 'kind', 'at'];

/** target field → the header of the file's column (null: not mapped) */
export const ColumnMapping = z
  .object(
    Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().max(200).nullable().optional()])) as Record<
      ImportField,
      z.ZodOptional<z.ZodNullable<z.ZodString>>
    >,
  )
  .strict();
export type ColumnMapping = Partial<Record<ImportField, string | null>>;

export const MappingView = z.object({
  outletId: z.string(),
  mapping: ColumnMapping,
  updatedAt: z.string().nullable(),
  /** the upload limits, for the page to state */
  limits: z.object({ maxBytes: z.number().int(), maxRows: z.number().int() }),
});
export type MappingView = z.infer<typeof MappingView>;

export const RowError = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;

export const PreviewRow = z.object({
  line: z.number().int(),
  eventId: z.string(),
  ticket: z.string(),
  businessType: z.string(),
  kind: z.enum(TICKET_KINDS),
  at: z.string(),
  counter: z.string().nullable(),
  staffId: z.string().nullable(),
  toBusinessType: z.string().nullable(),
});
export type PreviewRow = z.infer<typeof PreviewRow>;

export const PreviewView = z.object({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  headers: z.array(z.string()),
  /** the first rows as the file has them (text), to help choose the columns */
  rawRows: z.array(z.array(z.string())),
  mapping: ColumnMapping,
  mappingSource: z.enum(['request', 'saved', 'suggested']),
  missingRequired: z.array(z.enum(IMPORT_FIELDS)),
  rowsTotal: z.number().int(),
  rowsGood: z.number().int(),
  rowsBad: z.number().int(),
  /** good rows whose events are stored already (an earlier import or the live feed) or repeated in the file */
  rowsDuplicate: z.number().int(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  sample: z.array(PreviewRow),
  errors: z.array(RowError),
  /** the error list holds the first ERRORS_SHOWN problems; the .xlsx report holds them all */
  errorsTotal: z.number().int(),
});
export type PreviewView = z.infer<typeof PreviewView>;

export const BatchView = z.object({
  id: z.string(),
  outletId: z.string(),
  fileName: z.string(),
  format: z.string(),
  rowsTotal: z.number().int(),
  rowsStored: z.number().int(),
  rowsDuplicate: z.number().int(),
  rowsRejected: z.number().int(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type BatchView = z.infer<typeof BatchView>;

export const BatchListQuery = PageQuery;
export type BatchListQuery = z.infer<typeof BatchListQuery>;

/** The form fields that come with the uploaded file. */
export const UploadFields = z.object({
  /** JSON of a ColumnMapping; absent: the saved one, else suggested from the headers */
  mapping: z.string().max(10_000).optional(),
  /** commit only: leave the bad rows out instead of refusing the whole file */
  skipInvalid: z.enum(['true', 'false']).optional(),
});

import { z } from 'zod';
import { TICKET_IMPORT_FIELDS, TICKET_KINDS, type TicketImportField } from '../lobby';
import { OutletParams, PageQuery } from './common';
import { lobbyEndpoints } from './lobby-endpoints';
import { eventSpan } from './fields';

/**
 * Historic ticket-log import (docs/lobby.md, "Importing ticket history"): the column mapping the
 * user sets, what preview and commit answer, and the past imports.
 */

/** target field → the header of the file's column (null: not mapped) */
export const TicketImportMapping = z
  .object(
    Object.fromEntries(
      TICKET_IMPORT_FIELDS.map((f) => [f, z.string().max(200).nullable().optional()]),
    ) as Record<TicketImportField, z.ZodOptional<z.ZodNullable<z.ZodString>>>,
  )
  .strict();
export type TicketImportMapping = Partial<Record<TicketImportField, string | null>>;

export const TicketImportMappingPut = z.object({ mapping: TicketImportMapping });
export const TicketImportMappingView = z.object({
  outletId: z.string(),
  mapping: TicketImportMapping,
  updatedAt: z.string().nullable(),
  /** the upload limits, for the page to state */
  limits: z.object({ maxBytes: z.number().int(), maxRows: z.number().int() }),
});
export type TicketImportMappingView = z.infer<typeof TicketImportMappingView>;

export const TicketImportRowError = z.object({
  line: z.number().int(),
  field: z.enum(TICKET_IMPORT_FIELDS).nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type TicketImportRowError = z.infer<typeof TicketImportRowError>;

export const TicketImportPreviewRow = z.object({
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
export type TicketImportPreviewRow = z.infer<typeof TicketImportPreviewRow>;

export const TicketImportPreview = z.object({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  headers: z.array(z.string()),
  /** the first rows as the file has them (text), to help choose the columns */
  rawRows: z.array(z.array(z.string())),
  mapping: TicketImportMapping,
  mappingSource: z.enum(['request', 'saved', 'suggested']),
  missingRequired: z.array(z.enum(TICKET_IMPORT_FIELDS)),
  rowsTotal: z.number().int(),
  rowsGood: z.number().int(),
  rowsBad: z.number().int(),
  /** good rows whose events are stored already (an earlier import or the live feed) or repeated in the file */
  rowsDuplicate: z.number().int(),
  ...eventSpan,
  sample: z.array(TicketImportPreviewRow),
  errors: z.array(TicketImportRowError),
  /** the error list holds the first 1,000 problems; the .xlsx report holds them all */
  errorsTotal: z.number().int(),
});
export type TicketImportPreview = z.infer<typeof TicketImportPreview>;

export const TicketImportBatch = z.object({
  id: z.string(),
  outletId: z.string(),
  fileName: z.string(),
  format: z.string(),
  rowsTotal: z.number().int(),
  rowsStored: z.number().int(),
  rowsDuplicate: z.number().int(),
  rowsRejected: z.number().int(),
  ...eventSpan,
  createdByName: z.string(),
  createdAt: z.string(),
});
export type TicketImportBatch = z.infer<typeof TicketImportBatch>;

export const TicketImportBatchQuery = PageQuery;
export type TicketImportBatchQuery = z.infer<typeof TicketImportBatchQuery>;

/** The form fields that come with the uploaded file (multipart/form-data, beside the field "file"). */
export const TicketImportUpload = z.object({
  /** JSON of a TicketImportMapping; absent: the saved one, else suggested from the headers */
  mapping: z.string().max(10_000).optional(),
  /** commit only: leave the bad rows out instead of refusing the whole file */
  skipInvalid: z.enum(['true', 'false']).optional(),
});
export type TicketImportUpload = z.infer<typeof TicketImportUpload>;

// ---------------------------------------------------------------- endpoints
const ticketImport = lobbyEndpoints.at('/outlets/:outletId/ticket-import', OutletParams);
const UPLOAD =
  'multipart/form-data: field "file" (CSV in UTF-8 or GBK, or .xlsx), optional "mapping" (JSON: field → column header)';
/** The body of the endpoints that take an uploaded ticket log. */
const upload = { consumes: 'multipart', body: TicketImportUpload } as const;

export const ticketImportApi = {
  ...ticketImport.document(
    'TicketImportMapping',
    '/mapping',
    TicketImportMappingPut,
    TicketImportMappingView,
    ['The column mapping saved for the outlet', 'Save the column mapping for the outlet (audited)'],
  ),
  previewTicketImport: ticketImport.post(
    '/preview',
    `Preview a ticket log: headers, mapping, first rows, every bad row (${UPLOAD})`,
    { ...upload, response: TicketImportPreview },
  ),
  ticketImportErrors: ticketImport.post(
    '/errors.xlsx',
    `Every bad row of a ticket log as .xlsx (${UPLOAD})`,
    {
      ...upload,
      produces: 'xlsx',
    },
  ),
  commitTicketImport: ticketImport.create(
    '/commit',
    `Import a ticket log: all or nothing, or only the good rows with "skipInvalid"=true (${UPLOAD})`,
    { ...upload, response: TicketImportBatch },
  ),
  ticketImportTemplate: ticketImport.get(
    '/template.csv',
    'A CSV template with the expected headers and two example rows',
    { produces: 'file' },
  ),
  listTicketImportBatches: ticketImport.pagedList(
    '/batches',
    'Past imports of the outlet, newest first',
    TicketImportBatch,
    { query: TicketImportBatchQuery },
  ),
} as const;

import { z } from 'zod';
import { complaintEndpoints as e } from './complaint-fields';

/**
 * The .xlsx import of complaints (all rows or none, every bad row reported with its number) and
 * its template, whose headers the import reads back.
 */
export const ComplaintImportResult = z.object({ imported: z.number().int() });
export type ComplaintImportResult = z.infer<typeof ComplaintImportResult>;

/** The largest .xlsx the import takes. */
export const COMPLAINT_IMPORT_MAX_BYTES = 10 * 1_048_576;

export const complaintImportApi = {
  importComplaints: e.post(
    '/complaints/import',
    'Import complaints from .xlsx (body: the file, content-type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); all or nothing',
    { consumes: 'file', response: ComplaintImportResult },
  ),
  importTemplate: e.get(
    '/complaints/import/template.xlsx',
    'An empty import sheet with the expected headers',
    { produces: 'xlsx' },
  ),
} as const;

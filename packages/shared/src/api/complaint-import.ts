import { z } from 'zod';
import { endpoint } from './endpoint';

/**
 * The .xlsx import of complaints (all rows or none, every bad row reported with its number) and
 * its template, whose headers the import reads back.
 */
export const ComplaintImportResult = z.object({ imported: z.number().int() });
export type ComplaintImportResult = z.infer<typeof ComplaintImportResult>;

/** The largest .xlsx the import takes. */
export const COMPLAINT_IMPORT_MAX_BYTES = 10 * 1_048_576;

const tags = ['complaints'] as const;

export const complaintImportApi = {
  importComplaints: endpoint({
    method: 'POST',
    path: '/complaints/import',
    tags,
    summary:
      'Import complaints from .xlsx (body: the file, content-type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); all or nothing',
    consumes: 'file',
    response: ComplaintImportResult,
  }),
  importTemplate: endpoint({
    method: 'GET',
    path: '/complaints/import/template.xlsx',
    tags,
    summary: 'An empty import sheet with the expected headers',
    produces: 'xlsx',
  }),
} as const;

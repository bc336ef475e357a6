import type { TicketImportUpload } from '@liangdian/shared/api';
import { fillPath, type UploadPath, upload, uploadTo } from '../../api/client';

/**
 * The uploads of the ticket-history import (docs/lobby.md, "Importing ticket history"): the file
 * goes as multipart/form-data with the form fields of the contract (`TicketImportUpload`), with
 * its upload progress; the answers are the contract's.
 */

function form(file: File, fields: TicketImportUpload): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.append(k, v);
  f.append('file', file, file.name);
  return f;
}

type LogUpload = '/outlets/:outletId/ticket-import/preview' | '/outlets/:outletId/ticket-import/commit';

/** Sends a ticket log file with its fields to `path`, reporting the upload's progress. */
const uploadLog =
  <P extends LogUpload>(path: P) =>
  (outletId: string, file: File, fields: TicketImportUpload, onProgress: (percent: number) => void) =>
    // both paths take just the outlet; TypeScript cannot see that through the generic P
    uploadTo(path, { outletId } as Parameters<typeof uploadTo<P>>[1], form(file, fields), { onProgress });

/** Headers, mapping, first rows and every bad row of a file. */
export const previewTicketLog = uploadLog('/outlets/:outletId/ticket-import/preview');

/** Stores the file's events (all or nothing, or only the good rows with `skipInvalid`). */
export const commitTicketLog = uploadLog('/outlets/:outletId/ticket-import/commit');

const ERROR_REPORT: UploadPath = '/outlets/:outletId/ticket-import/errors.xlsx';

/** Every bad row of the file as .xlsx: the file and the name the server gave it. */
export const ticketLogErrorReport = (outletId: string, file: File, fields: TicketImportUpload) =>
  upload<Blob>(fillPath(ERROR_REPORT, { outletId }), form(file, fields), { asBlob: true });

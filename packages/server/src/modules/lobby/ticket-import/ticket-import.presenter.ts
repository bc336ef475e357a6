import type { TicketImportBatch, TicketImportPreviewRow, TicketImportRowError } from '@liangdian/shared/api';
import type { Locale } from '../../../lib/messages';
import { rowMessage } from './ticket-import.messages';
import type { ImportEvent, RowProblem } from './ticket-import.parse';
import type { BatchRow } from './ticket-import.repository';

/** A good row as it will be stored. */
export const presentEvent = (e: ImportEvent): TicketImportPreviewRow => ({
  line: e.line,
  eventId: e.eventId,
  ticket: e.ticket,
  businessType: e.businessType,
  kind: e.kind,
  at: new Date(e.atMs).toISOString(),
  counter: e.counter,
  staffId: e.staffId,
  toBusinessType: e.toBusinessType,
});

/** A problem of a row with its message in the reader's language. */
export const presentProblem = (p: RowProblem, locale: Locale): TicketImportRowError => ({
  line: p.line,
  field: p.field,
  column: p.column,
  value: p.value,
  code: p.code,
  message: rowMessage(p, locale),
});

export const presentBatch = (r: BatchRow): TicketImportBatch => ({
  id: r.id,
  outletId: r.outlet_id,
  fileName: r.file_name,
  format: r.format,
  rowsTotal: r.rows_total,
  rowsStored: r.rows_stored,
  rowsDuplicate: r.rows_duplicate,
  rowsRejected: r.rows_rejected,
  firstAt: r.first_at,
  lastAt: r.last_at,
  createdByName: r.created_by_name,
  createdAt: r.created_at,
});

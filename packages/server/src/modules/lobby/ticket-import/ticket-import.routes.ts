import { beijingDate } from '@liangdian/engine/time';
import { TICKET_IMPORT_FIELDS } from '@liangdian/shared';
import { TicketImportMapping, TicketImportUpload, ticketImportApi } from '@liangdian/shared/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mount, sendXlsxFile } from '../../../http/route';
import { DomainError } from '../../../lib/errors';
import type { Locale } from '../../../lib/messages';
import { FIELD_NAMES } from './ticket-import.messages';
import type { TicketImportService, Upload } from './ticket-import.service';
import { ERROR_REPORT_TITLE, errorReportXlsx, ticketImportBatchSheet } from './ticket-import.sheets';

/** The uploaded file and its form fields, in any order; over the size limit: 413. */
async function readUpload(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart())
    throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.file', code: 'required' }]);
  let file: Upload | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: part.filename || 'upload', data };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new DomainError('TICKET_IMPORT_FILE_TOO_LARGE', {
        maxMb: Math.round((maxBytes / 1_048_576) * 10) / 10,
      });
    throw e;
  }
  if (!file) throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.file', code: 'required' }]);
  const parsed = TicketImportUpload.safeParse(fields);
  if (!parsed.success)
    throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.mapping', code: 'invalid' }]);
  let mapping: TicketImportMapping | undefined;
  if (parsed.data.mapping) {
    let json: unknown;
    try {
      json = JSON.parse(parsed.data.mapping);
    } catch {
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.mapping', code: 'invalid_format' }]);
    }
    const m = TicketImportMapping.safeParse(json);
    if (!m.success)
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.mapping', code: 'invalid' }]);
    mapping = m.data;
  }
  return { file, mapping, skipInvalid: parsed.data.skipInvalid === 'true' };
}

/** The CSV template: the expected headers in the reader's language and two example rows. */
function sendTemplate(reply: FastifyReply, locale: Locale) {
  const fields = TICKET_IMPORT_FIELDS.filter((f) => f !== 'date' && f !== 'eventId');
  const zh = locale === 'zh-CN';
  const head = fields.map((f) => FIELD_NAMES[f][locale]).join(',');
  const rows = [
    ['A001', 'cash', zh ? '取号' : 'issued', '2026-10-08 09:15:04', '', '', ''],
    ['A001', 'cash', zh ? '叫号' : 'called', '2026-10-08 09:21:40', '3', '', ''],
  ].map((r) => r.join(','));
  const name = zh ? '叫号记录导入模板.csv' : 'ticket-import-template.csv';
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(`\ufeff${[head, ...rows].join('\r\n')}\r\n`);
}

export async function ticketImportRoutes(app: FastifyInstance, opts: { ticketImport: TicketImportService }) {
  const { ticketImport } = opts;
  const upload = (req: FastifyRequest) => readUpload(req, ticketImport.limits.maxBytes);
  mount(app, ticketImportApi, {
    getTicketImportMapping: ({ actor, params }) => ticketImport.getMapping(actor, params.outletId),
    putTicketImportMapping: ({ actor, params, body }) =>
      ticketImport.putMapping(actor, params.outletId, body.mapping),
    previewTicketImport: async ({ actor, params, req }) => {
      const u = await upload(req);
      return ticketImport.preview(actor, params.outletId, u.file, u.mapping);
    },
    ticketImportErrors: async ({ actor, params, req, reply, locale }) => {
      const u = await upload(req);
      const rows = await ticketImport.errorReport(actor, params.outletId, u.file, u.mapping);
      const name = `${ERROR_REPORT_TITLE[locale]}-${beijingDate(new Date())}.xlsx`;
      return sendXlsxFile(reply, name, await errorReportXlsx(rows, locale));
    },
    commitTicketImport: async ({ actor, params, req }) => {
      const u = await upload(req);
      return ticketImport.commit(actor, params.outletId, u.file, u.mapping, u.skipInvalid);
    },
    ticketImportTemplate: ({ reply, locale }) => sendTemplate(reply, locale),
    listTicketImportBatches: {
      list: ({ actor, params, query }) => ticketImport.listBatches(actor, params.outletId, query),
      sheet: ticketImportBatchSheet,
    },
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../http/export';
import { requestLocale } from '../../http/problem';
import { actorOf } from '../../http/session';
import { DomainError } from '../../lib/errors';
import { pageSchema } from '../../lib/paging';
import { FIELD_NAMES } from './ticket-import.parse';
import {
  BatchListQuery,
  BatchView,
  ColumnMapping,
  IMPORT_FIELDS,
  MappingView,
  PreviewView,
  UploadFields,
} from './ticket-import.schemas';
import type { TicketImportService, Upload } from './ticket-import.service';

const tags = ['lobby'];
const OutletParams = z.object({ outletId: z.string().min(1).max(64) });
const UPLOAD =
  'multipart/form-data: field "file" (CSV in UTF-8 or GBK, or .xlsx), optional "mapping" (JSON: field → column header)';

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
  const parsed = UploadFields.safeParse(fields);
  if (!parsed.success)
    throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.mapping', code: 'invalid' }]);
  let mapping: ColumnMapping | undefined;
  if (parsed.data.mapping) {
    let json: unknown;
    try {
      json = JSON.parse(parsed.data.mapping);
    } catch {
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.mapping', code: 'invalid_format' }]);
    }
    const m = ColumnMapping.safeParse(json);
    if (!m.success)
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.mapping', code: 'invalid' }]);
    mapping = m.data;
  }
  return { file, mapping, skipInvalid: parsed.data.skipInvalid === 'true' };
}

export async function ticketImportRoutes(app: FastifyInstance, opts: { ticketImport: TicketImportService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ticketImport } = opts;
  const base = '/outlets/:outletId/ticket-import';

  r.get(
    `${base}/mapping`,
    {
      schema: {
        tags,
        summary: 'The column mapping saved for the outlet',
        params: OutletParams,
        response: { 200: MappingView },
      },
    },
    async (req) => ticketImport.getMapping(actorOf(req), req.params.outletId),
  );
  r.put(
    `${base}/mapping`,
    {
      schema: {
        tags,
        summary: 'Save the column mapping for the outlet (audited)',
        params: OutletParams,
        body: z.object({ mapping: ColumnMapping }),
        response: { 200: MappingView },
      },
    },
    async (req) => ticketImport.putMapping(actorOf(req), req.params.outletId, req.body.mapping),
  );

  r.post(
    `${base}/preview`,
    {
      schema: {
        tags,
        summary: `Preview a ticket log: headers, mapping, first rows, every bad row (${UPLOAD})`,
        consumes: ['multipart/form-data'],
        params: OutletParams,
        response: { 200: PreviewView },
      },
    },
    async (req) => {
      const u = await readUpload(req, ticketImport.limits.maxBytes);
      return ticketImport.preview(actorOf(req), req.params.outletId, u.file, u.mapping);
    },
  );
  r.post(
    `${base}/errors.xlsx`,
    {
      schema: {
        tags,
        summary: `Every bad row of a ticket log as .xlsx (${UPLOAD})`,
        consumes: ['multipart/form-data'],
        params: OutletParams,
      },
    },
    async (req, reply) => {
      const u = await readUpload(req, ticketImport.limits.maxBytes);
      const rows = await ticketImport.errorReport(actorOf(req), req.params.outletId, u.file, u.mapping);
      const locale = requestLocale(req);
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '叫号记录导入错误', 'en-US': 'Ticket import errors' },
        [
          { header: { 'zh-CN': '行号', 'en-US': 'Line' }, value: (e) => e.line, width: 8 },
          {
            header: { 'zh-CN': '字段', 'en-US': 'Field' },
            value: (e) => (e.field ? FIELD_NAMES[e.field as keyof typeof FIELD_NAMES][locale] : ''),
            width: 14,
          },
          { header: { 'zh-CN': '列', 'en-US': 'Column' }, value: (e) => e.column, width: 16 },
          { header: { 'zh-CN': '值', 'en-US': 'Value' }, value: (e) => e.value, width: 24 },
          { header: { 'zh-CN': '错误代码', 'en-US': 'Code' }, value: (e) => e.code, width: 24 },
          { header: { 'zh-CN': '说明', 'en-US': 'Message' }, value: (e) => e.message, width: 60 },
        ],
        rows,
      );
    },
  );
  r.post(
    `${base}/commit`,
    {
      schema: {
        tags,
        summary: `Import a ticket log: all or nothing, or only the good rows with "skipInvalid"=true (${UPLOAD})`,
        consumes: ['multipart/form-data'],
        params: OutletParams,
        response: { 201: BatchView },
      },
    },
    async (req, reply) => {
      const u = await readUpload(req, ticketImport.limits.maxBytes);
      const batch = await ticketImport.commit(
        actorOf(req),
        req.params.outletId,
        u.file,
        u.mapping,
        u.skipInvalid,
      );
      return reply.status(201).send(batch);
    },
  );
  r.get(
    `${base}/template.csv`,
    {
      schema: {
        tags,
        summary: 'A CSV template with the expected headers and two example rows',
        params: OutletParams,
      },
    },
    async (req, reply) => {
      const zh = requestLocale(req) === 'zh-CN';
      const fields = IMPORT_FIELDS.filter((f) => f !== 'date' && f !== 'eventId');
      const head = fields.map((f) => FIELD_NAMES[f][zh ? 'zh-CN' : 'en-US']).join(',');
      const rows = [
        ['A001', 'cash', zh ? '取号' : 'issued', '2026-10-08 09:15:04', '', '', ''],
        ['A001', 'cash', zh ? '叫号' : 'called', '2026-10-08 09:21:40', '3', '', ''],
      ].map((r) => r.join(','));
      const name = zh ? '叫号记录导入模板.csv' : 'ticket-import-template.csv';
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(`\ufeff${[head, ...rows].join('\r\n')}\r\n`);
    },
  );

  // ------------------------------------------------------------ past imports
  r.get(
    `${base}/batches`,
    {
      schema: {
        tags,
        summary: 'Past imports of the outlet, newest first',
        params: OutletParams,
        querystring: BatchListQuery,
        response: { 200: pageSchema(BatchView) },
      },
    },
    async (req) => ticketImport.listBatches(actorOf(req), req.params.outletId, req.query),
  );
  r.get(
    `${base}/batches/export.xlsx`,
    { schema: { tags, summary: 'Past imports as .xlsx', params: OutletParams, querystring: BatchListQuery } },
    async (req, reply) => {
      const rows = await ticketImport.exportBatches(actorOf(req), req.params.outletId, req.query);
      return sendXlsx(
        req,
        reply,
        { 'zh-CN': '叫号记录导入', 'en-US': 'Ticket imports' },
        [
          { header: { 'zh-CN': '导入时间', 'en-US': 'Imported at' }, value: (b) => b.createdAt, width: 24 },
          { header: { 'zh-CN': '导入人', 'en-US': 'By' }, value: (b) => b.createdByName, width: 14 },
          { header: { 'zh-CN': '文件', 'en-US': 'File' }, value: (b) => b.fileName, width: 28 },
          { header: { 'zh-CN': '总行数', 'en-US': 'Rows' }, value: (b) => b.rowsTotal, width: 10 },
          { header: { 'zh-CN': '新增', 'en-US': 'Stored' }, value: (b) => b.rowsStored, width: 10 },
          { header: { 'zh-CN': '重复', 'en-US': 'Duplicates' }, value: (b) => b.rowsDuplicate, width: 10 },
          {
            header: { 'zh-CN': '跳过的错误行', 'en-US': 'Bad rows left out' },
            value: (b) => b.rowsRejected,
            width: 14,
          },
          { header: { 'zh-CN': '最早时间', 'en-US': 'First event' }, value: (b) => b.firstAt, width: 24 },
          { header: { 'zh-CN': '最晚时间', 'en-US': 'Last event' }, value: (b) => b.lastAt, width: 24 },
        ],
        rows,
      );
    },
  );
}

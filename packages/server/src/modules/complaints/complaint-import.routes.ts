import { COMPLAINT_IMPORT_MAX_BYTES, complaintImportApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount, sendXlsxFile } from '../../http/route';
import { XLSX_MIME } from '../../lib/xlsx';
import type { ComplaintImportService } from './complaint-import.service';

export function mountComplaintImport(app: FastifyInstance, imports: ComplaintImportService) {
  // The .xlsx arrives as the raw file (no multipart needed), limited to 10 MB.
  app.addContentTypeParser(
    [XLSX_MIME, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: COMPLAINT_IMPORT_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  mount(app, complaintImportApi, {
    importComplaints: ({ actor, req }) => imports.importXlsx(actor, req.body as Buffer),
    importTemplate: async ({ locale, reply }) => {
      const { filename, file } = await imports.template(locale);
      return sendXlsxFile(reply, filename, file);
    },
  });
}

import { complaintAttachmentsApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import { DomainError } from '../../lib/errors';
import { contentDisposition } from '../../lib/xlsx';
import type { AttachmentsService } from './attachments.service';

export function mountAttachments(app: FastifyInstance, attachments: AttachmentsService) {
  mount(app, complaintAttachmentsApi, {
    attachmentLimits: ({ actor }) => attachments.limits(actor),
    uploadAttachment: async ({ actor, params, req }) => {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.file', code: 'required' }]);
      // Over the size limit this throws (413) before anything is stored.
      const data = await part.toBuffer();
      return attachments.upload(actor, params.id, { fileName: part.filename, data });
    },
    listAttachments: async ({ actor, params }) => ({ items: await attachments.list(actor, params.id) }),
    downloadAttachment: async ({ actor, params, reply }) => {
      const { meta, data } = await attachments.download(actor, params.id, params.attachmentId);
      return reply
        .header('content-type', meta.mediaType)
        .header('content-disposition', contentDisposition(meta.fileName))
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(data);
    },
  });
}

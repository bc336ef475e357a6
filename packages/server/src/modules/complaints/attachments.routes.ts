import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/session';
import { contentDisposition } from '../../lib/xlsx';
import { DomainError } from '../../lib/errors';
import { AttachmentLimitsView, AttachmentView, type AttachmentsService } from './attachments.service';

const Params = z.object({ id: z.string().min(1).max(64) });
const FileParams = Params.extend({ attachmentId: z.string().min(1).max(64) });

export async function attachmentRoutes(
  app: FastifyInstance,
  opts: { attachments: AttachmentsService; maxBytes: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { attachments } = opts;
  const tags = ['complaints'];

  r.get(
    '/complaints/attachment-limits',
    {
      schema: {
        tags,
        summary: 'Largest attachment in bytes and the accepted file extensions (for checks before upload)',
        response: { 200: AttachmentLimitsView },
      },
    },
    async (req) => attachments.limits(actorOf(req), opts.maxBytes),
  );

  r.post(
    '/complaints/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Attach a file (multipart/form-data, field "file"): jpg, png, pdf, docx, xlsx, mp3, m4a, txt',
        consumes: ['multipart/form-data'],
        params: Params,
        response: { 201: AttachmentView },
      },
    },
    async (req, reply) => {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) {
        throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.file', code: 'required' }]);
      }
      // Over the size limit this throws (413) before anything is stored.
      const data = await part.toBuffer();
      const saved = await attachments.upload(actorOf(req), req.params.id, { fileName: part.filename, data });
      return reply.status(201).send(saved);
    },
  );

  r.get(
    '/complaints/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Files attached to a complaint',
        params: Params,
        response: { 200: z.object({ items: z.array(AttachmentView) }) },
      },
    },
    async (req) => ({ items: await attachments.list(actorOf(req), req.params.id) }),
  );

  r.get(
    '/complaints/:id/attachments/:attachmentId',
    { schema: { tags, summary: 'Download an attached file (audited)', params: FileParams } },
    async (req, reply) => {
      const { meta, data } = await attachments.download(actorOf(req), req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', meta.mediaType)
        .header('content-disposition', contentDisposition(meta.fileName))
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(data);
    },
  );
}

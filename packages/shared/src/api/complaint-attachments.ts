import { z } from 'zod';
import { Id, itemsOf } from './common';
import { complaintEndpoints as e, RecordParams } from './complaint-fields';

/**
 * Evidence attached to a complaint: never deleted (the record of a case stays whole), every
 * download audited, no access for consultants (files may hold personal data).
 */
export const ComplaintAttachment = z.object({
  id: z.string(),
  complaintId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  /** the uploader's display name */
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
});
/** What the upload form may check before sending: the same limits the server applies. */
export const AttachmentLimits = z.object({
  maxBytes: z.number().int(),
  extensions: z.array(z.string()),
});
export type ComplaintAttachment = z.infer<typeof ComplaintAttachment>;
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;

const attachments = e.at('/complaints/:id/attachments', RecordParams);

export const complaintAttachmentsApi = {
  attachmentLimits: e.get(
    '/complaints/attachment-limits',
    'Largest attachment in bytes and the accepted file extensions (for checks before upload)',
    { response: AttachmentLimits },
  ),
  uploadAttachment: attachments.create(
    '',
    'Attach a file (multipart/form-data, field "file"): jpg, png, pdf, docx, xlsx, mp3, m4a, txt',
    { consumes: 'multipart', response: ComplaintAttachment },
  ),
  listAttachments: attachments.get('', 'Files attached to a complaint', {
    response: itemsOf(ComplaintAttachment),
  }),
  downloadAttachment: e.get(
    '/complaints/:id/attachments/:attachmentId',
    'Download an attached file (audited)',
    {
      params: RecordParams.extend({ attachmentId: Id }),
      produces: 'file',
    },
  ),
} as const;

import type { ComplaintAttachment } from '@liangdian/shared/api';
import type { AttachmentRow } from './attachments.repository';

export const presentAttachment = (r: AttachmentRow, uploaderName: string | null): ComplaintAttachment => ({
  id: r.id,
  complaintId: r.complaint_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedByName: uploaderName,
  createdAt: r.created_at,
});

import type { DB, Q } from '../../db/types';

export type AttachmentRow = DB['complaint_attachments'];

export async function insertAttachment(q: Q, row: AttachmentRow): Promise<void> {
  await q.insertInto('complaint_attachments').values(row).execute();
}

/** The files of a complaint with the uploader's display name (null once the user is gone). */
export const listAttachments = (q: Q, complaintId: string) =>
  q
    .selectFrom('complaint_attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .selectAll('a')
    .select('u.display_name as uploader_name')
    .where('a.complaint_id', '=', complaintId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();

export const findAttachment = (q: Q, complaintId: string, id: string) =>
  q
    .selectFrom('complaint_attachments')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .where('id', '=', id)
    .executeTakeFirst();

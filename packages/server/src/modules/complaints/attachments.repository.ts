import type { DB, Q } from '../../db/types';

export type AttachmentRow = DB['complaint_attachments'];

export async function insertAttachment(q: Q, row: AttachmentRow): Promise<void> {
  await q.insertInto('complaint_attachments').values(row).execute();
}

export const listAttachments = (q: Q, complaintId: string) =>
  q
    .selectFrom('complaint_attachments')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const findAttachment = (q: Q, complaintId: string, id: string) =>
  q
    .selectFrom('complaint_attachments')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .where('id', '=', id)
    .executeTakeFirst();

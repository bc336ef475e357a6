import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { ALLOWED_EXTENSIONS, type FileStore, sniffMediaType } from '../../lib/files';
import { newId } from '../../lib/ids';
import { type Actor, complaintPolicy } from '../access/policy';
import type { AuditService } from '../audit/audit.service';
import * as repo from './attachments.repository';
import type { ComplaintsService } from './complaints.service';

export const AttachmentView = z.object({
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
export type AttachmentView = z.infer<typeof AttachmentView>;

const present = (r: repo.AttachmentRow, uploaderName: string | null): AttachmentView => ({
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

/** What the upload form may check before sending: the same limits the server applies. */
export const AttachmentLimitsView = z.object({
  maxBytes: z.number().int(),
  extensions: z.array(z.string()),
});

/**
 * Evidence kept with a complaint. Files may hold personal data, so consultants have no access,
 * and every download is audited. Files are never deleted: the record of a case stays whole.
 */
export class AttachmentsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly complaints: ComplaintsService,
    private readonly store: FileStore,
  ) {}

  /** The size limit (set by ATTACHMENT_MAX_BYTES) and the accepted file kinds. */
  limits(actor: Actor, maxBytes: number): z.infer<typeof AttachmentLimitsView> {
    this.guard(actor);
    return { maxBytes, extensions: [...ALLOWED_EXTENSIONS] };
  }

  private guard(actor: Actor) {
    if (complaintPolicy.personalData(actor) === 'hidden') throw forbidden();
  }

  async upload(
    actor: Actor,
    complaintId: string,
    file: { fileName: string; data: Buffer },
  ): Promise<AttachmentView> {
    this.guard(actor);
    if (!complaintPolicy.registers(actor)) throw forbidden();
    const complaint = await this.complaints.visible(this.db, actor, complaintId);
    const fileName = safeFileName(file.fileName);
    const mediaType = sniffMediaType(fileName, file.data);
    if (!mediaType) {
      throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', { allowed: ALLOWED_EXTENSIONS.join(', ') }, [
        {
          field: 'body.file',
          code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
          params: { allowed: ALLOWED_EXTENSIONS.join(', ') },
        },
      ]);
    }
    const id = newId();
    const storageKey = `${complaint.id.replace(/[^A-Za-z0-9-]/g, '')}/${id}`;
    // The bytes first: a row never points at a file that is not there. A crash between the two
    // leaves an orphan file, which nothing refers to.
    await this.store.put(storageKey, file.data);
    const row: repo.AttachmentRow = {
      id,
      complaint_id: complaint.id,
      file_name: fileName,
      media_type: mediaType,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      storage_key: storageKey,
      uploaded_by: actor.userId,
      created_at: this.clock.now().toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertAttachment(trx, row);
      await this.audit.record(
        trx,
        { userId: actor.userId, name: actor.username, ip: actor.ip },
        {
          action: 'attachment.upload',
          entityType: 'complaint',
          entityId: complaint.id,
          outletId: complaint.outlet_id,
          after: { attachmentId: id, fileName, mediaType, size: row.size, sha256: row.sha256 },
        },
      );
    });
    return present(row, actor.displayName || actor.username);
  }

  async list(actor: Actor, complaintId: string): Promise<AttachmentView[]> {
    this.guard(actor);
    await this.complaints.visible(this.db, actor, complaintId);
    return (await repo.listAttachments(this.db, complaintId)).map((r) => present(r, r.uploader_name));
  }

  async download(
    actor: Actor,
    complaintId: string,
    id: string,
  ): Promise<{ meta: AttachmentView; data: Buffer }> {
    this.guard(actor);
    const complaint = await this.complaints.visible(this.db, actor, complaintId);
    const row = await repo.findAttachment(this.db, complaintId, id);
    if (!row) throw notFound('attachment');
    const data = await this.store.get(row.storage_key);
    await this.db.transaction().execute((trx) =>
      this.audit.record(
        trx,
        { userId: actor.userId, name: actor.username, ip: actor.ip },
        {
          action: 'attachment.download',
          entityType: 'complaint',
          entityId: complaint.id,
          outletId: complaint.outlet_id,
          after: { attachmentId: id, fileName: row.file_name },
        },
      ),
    );
    return { meta: present(row, null), data };
  }
}

/** A name safe to store and to send back in a header: no path separators or control characters. */
function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('');
  return cleaned.slice(-200) || 'file';
}

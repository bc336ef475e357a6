import { createHash } from 'node:crypto';
import type { AttachmentLimits, ComplaintAttachment } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, forbidden, notFound } from '../../lib/errors';
import { ALLOWED_EXTENSIONS, type FileStore, sniffMediaType } from '../../lib/files';
import { newId } from '../../lib/ids';
import type { Changes } from '../access/guard';
import type { Actor } from '../access/policy';
import { presentAttachment } from './attachments.presenter';
import * as repo from './attachments.repository';
import type { ComplaintCase } from './complaint-case';

/**
 * Evidence kept with a complaint. Files may hold personal data, so consultants have no access,
 * and every download is audited. Files are never deleted: the record of a case stays whole.
 */
export class AttachmentsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly changes: Changes,
    private readonly cases: ComplaintCase,
    private readonly store: FileStore,
    /** the size limit (ATTACHMENT_MAX_BYTES) */
    private readonly maxBytes: number,
  ) {}

  /** Those who see no personal data (consultants) see no files either. */
  private mayRead(actor: Actor) {
    if (this.cases.personalFor(actor) === 'hidden') throw forbidden();
  }

  /** The size limit and the accepted file kinds. */
  limits(actor: Actor): AttachmentLimits {
    this.mayRead(actor);
    return { maxBytes: this.maxBytes, extensions: [...ALLOWED_EXTENSIONS] };
  }

  async upload(
    actor: Actor,
    complaintId: string,
    file: { fileName: string; data: Buffer },
  ): Promise<ComplaintAttachment> {
    this.mayRead(actor);
    const complaint = await this.cases.found(this.db, actor, complaintId, 'complaints.register');
    this.cases.notRecused(actor, complaint);
    const fileName = safeFileName(file.fileName);
    const mediaType = sniffMediaType(fileName, file.data);
    if (!mediaType) {
      const allowed = ALLOWED_EXTENSIONS.join(', ');
      throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', { allowed }, [
        { field: 'body.file', code: 'ATTACHMENT_TYPE_NOT_ALLOWED', params: { allowed } },
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
    return this.changes.run(actor, async (trx) => {
      await repo.insertAttachment(trx, row);
      const after = { attachmentId: id, fileName, mediaType, size: row.size, sha256: row.sha256 };
      return [
        presentAttachment(row, actor.displayName || actor.username),
        this.cases.auditEntry('attachment.upload', complaint, { after }),
      ];
    });
  }

  async list(actor: Actor, complaintId: string): Promise<ComplaintAttachment[]> {
    this.mayRead(actor);
    await this.cases.found(this.db, actor, complaintId);
    return (await repo.listAttachments(this.db, complaintId)).map((r) =>
      presentAttachment(r, r.uploader_name),
    );
  }

  async download(
    actor: Actor,
    complaintId: string,
    id: string,
  ): Promise<{ meta: ComplaintAttachment; data: Buffer }> {
    this.mayRead(actor);
    const complaint = await this.cases.found(this.db, actor, complaintId);
    const row = await repo.findAttachment(this.db, complaintId, id);
    if (!row) throw notFound('attachment');
    const data = await this.store.get(row.storage_key);
    const after = { attachmentId: id, fileName: row.file_name };
    await this.changes.run(actor, async () => [
      null,
      this.cases.auditEntry('attachment.download', complaint, { after }),
    ]);
    return { meta: presentAttachment(row, null), data };
  }
}

/** A name safe to store and to send back in a header: no path separators or control characters. */
function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('');
  return cleaned.slice(-200) || 'file';
}

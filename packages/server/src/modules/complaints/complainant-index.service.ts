import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { FieldCipher } from '../../lib/crypto';
import type { Changes } from '../access/guard';
import type { AuditActor } from '../audit/audit.service';
import * as meta from '../meta/meta.repository';
import type { ComplainantIndex } from './complainant-index';
import * as repo from './complainant-index.repository';

/** The `meta` key naming the key the complainant index was built with. */
export const INDEX_KEY_META = 'complainant_index_key';

export interface ReindexReport {
  complaints: number;
  entries: number;
}

/**
 * Building the complainant index from the complaints (decrypting their data): by
 * `liangdian complaints reindex` (after a new key, or rows changed by hand) and at the server's
 * start when the index was not built with the running key (a database migrated to 0013 or
 * restored from a backup made before it). Writes keep it up to date themselves.
 */
export class ComplainantIndexService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly changes: Changes,
    private readonly cipher: FieldCipher,
    private readonly index: ComplainantIndex,
  ) {}

  /**
   * Rebuilds every complaint's entries, `batch` complaints a transaction; records the key, and
   * (unless there were no complaints) an audit entry of the complaints: what the list finds
   * changed, so its cached pages go, in every server process.
   */
  async rebuild(
    batch = 1000,
    onProgress?: (done: number) => void,
    actor: AuditActor = { userId: null, name: 'system' },
  ): Promise<ReindexReport> {
    let after = '';
    let complaints = 0;
    let entries = 0;
    for (;;) {
      const done = await this.db.transaction().execute(async (trx) => {
        const rows = await repo.encryptedAfter(trx, after, batch);
        const clear = (v: string | null) => (v ? this.cipher.decrypt(v) : null);
        const made = rows.flatMap((r) =>
          this.index.entries(r.id, {
            name: clear(r.complainant_name_enc),
            phone: clear(r.complainant_phone_enc),
            idNumber: clear(r.complainant_id_enc),
          }),
        );
        await repo.replaceEntries(
          trx,
          rows.map((r) => r.id),
          made,
        );
        entries += made.length;
        return rows;
      });
      if (!done.length) break;
      complaints += done.length;
      after = done[done.length - 1]!.id;
      onProgress?.(complaints);
    }
    const report = { complaints, entries };
    // nothing indexed (an empty database): nothing the list shows changed, nothing to audit
    if (!complaints) {
      await meta.set(this.db, INDEX_KEY_META, this.index.fingerprint);
      return report;
    }
    return this.changes.run(actor, async (trx) => {
      await meta.set(trx, INDEX_KEY_META, this.index.fingerprint);
      return [
        report,
        { action: 'reindex', entityType: 'complaint', entityId: 'complainant_index', after: report },
      ];
    });
  }

  /** Whether the index was built with the running key. */
  async current(): Promise<boolean> {
    return (await meta.get(this.db, INDEX_KEY_META)) === this.index.fingerprint;
  }

  /** Rebuilds the index unless it was built with the running key; answers the report or null. */
  async ensureCurrent(): Promise<ReindexReport | null> {
    return (await this.current()) ? null : this.rebuild();
  }
}

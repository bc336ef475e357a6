import type { AuditVerify } from '@liangdian/shared/api';
import type { Dialect } from '../../db/schema';
import type { Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { hmacSha256Hex, sha256Hex } from '../../lib/crypto';
import { join } from 'node:path';
import { type Config, DATA_FILES } from '../../config';
import { deriveKey } from '../../lib/crypto';
import { type AuditCheckpoint, type AuditHead, fileCheckpoint, memoryCheckpoint } from './audit.checkpoint';
import * as repo from './audit.repository';
import type { AuditRow } from './audit.repository';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  userId: string | null;
  name: string;
  ip?: string | null;
}

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId: string;
  outletId?: string | null;
  /** already masked: personal data never enters the log in clear */
  before?: object | null;
  after?: object | null;
}

/** What the hash of one entry covers: every stored field and the previous entry's hash. */
function hashedText(r: Omit<AuditRow, 'hash' | 'hash_version'>): string {
  return [
    r.prev_hash,
    r.seq,
    r.at,
    r.actor_id ?? '',
    r.actor_name,
    r.action,
    r.entity_type,
    r.entity_id,
    r.outlet_id ?? '',
    r.before_json ?? '',
    r.after_json ?? '',
    r.ip ?? '',
  ].join('\u001f');
}

/** Version 1: plain SHA-256 (entries written before the chain was keyed). */
export const entryHash = (r: Omit<AuditRow, 'hash' | 'hash_version'>): string => sha256Hex(hashedText(r));

/** Version 2: HMAC-SHA256 with the audit key, which is not in the database. */
export const keyedEntryHash = (key: Buffer, r: Omit<AuditRow, 'hash' | 'hash_version'>): string =>
  hmacSha256Hex(key, hashedText(r));

export interface AuditKeys {
  /** the HMAC key (derived from the secret key: `deriveKey(secret, 'audit-hmac')`) */
  hmacKey: Buffer;
  /** where the newest committed entry is anchored outside the database */
  checkpoint: AuditCheckpoint;
}

/** The app's audit keys: HMAC key from the secret key, checkpoint beside it in the data directory. */
export function auditKeys(config: Pick<Config, 'secretKey' | 'dataDir'>): AuditKeys {
  return {
    hmacKey: deriveKey(config.secretKey, 'audit-hmac'),
    checkpoint: config.dataDir
      ? fileCheckpoint(join(config.dataDir, DATA_FILES.checkpoint))
      : memoryCheckpoint(),
  };
}

export class AuditService {
  /** the head each open transaction wrote, anchored once it commits (see `committed`) */
  private readonly pending = new WeakMap<object, AuditHead>();
  private keyedFrom: number | null | undefined;
  /** a checkpoint that cannot be written does not undo a committed change; it is reported here */
  onCheckpointError: (err: unknown) => void = (err) => console.error('audit checkpoint:', err);

  constructor(
    private readonly dialect: Dialect,
    private readonly clock: Clock,
    /** without keys (the demo loader), entries are written with plain SHA-256 */
    private readonly keys: AuditKeys | null = null,
  ) {}

  /** Appends one entry inside the caller's transaction, so the entry and the change land together. */
  async record(trx: Q, actor: AuditActor, e: AuditEntryInput): Promise<void> {
    await repo.lockChain(trx, this.dialect);
    const prev = await repo.last(trx);
    const row: Omit<AuditRow, 'hash' | 'hash_version'> = {
      seq: (prev?.seq ?? 0) + 1,
      at: this.clock.now().toISOString(),
      actor_id: actor.userId,
      actor_name: actor.name,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      outlet_id: e.outletId ?? null,
      before_json: e.before ? JSON.stringify(e.before) : null,
      after_json: e.after ? JSON.stringify(e.after) : null,
      ip: actor.ip ?? null,
      prev_hash: prev?.hash ?? GENESIS_HASH,
    };
    if (!this.keys) {
      await repo.insert(trx, { ...row, hash: entryHash(row), hash_version: 1 });
      return;
    }
    const hash = keyedEntryHash(this.keys.hmacKey, row);
    await repo.insert(trx, { ...row, hash, hash_version: 2 });
    // Read under the chain lock: the first keyed entry, once per process.
    if (this.keyedFrom === undefined) this.keyedFrom = (await repo.firstKeyed(trx)) ?? null;
    this.pending.set(trx, { seq: row.seq, hash, keyedFrom: this.keyedFrom ?? row.seq });
  }

  /**
   * Called once the transaction `trx` has committed: anchors its newest entry outside the
   * database. After the commit, not inside: a transaction that rolls back must not leave a
   * checkpoint naming an entry that never was.
   */
  /**
   * The version of the data of some kinds of record: the sequence numbers of their newest audit
   * entries. Every change is recorded with the change, in its transaction, so the version moves
   * with every change to those records and with no other (see http/answer-cache.ts).
   */
  async versionOf(q: Q, entityTypes: readonly string[]): Promise<string> {
    return (await repo.newestOf(q, entityTypes)).join('.');
  }

  async committed(trx: object): Promise<void> {
    const head = this.pending.get(trx);
    if (!head || !this.keys) return;
    this.pending.delete(trx);
    await this.keys.checkpoint.write(head).catch(this.onCheckpointError);
  }

  /**
   * Walks the chain; names the first entry whose hash or link does not match, then compares the
   * log with its checkpoint: a missing tail, or a tail rewritten without the key, is reported.
   */
  async verify(q: Q): Promise<AuditVerify> {
    const anchor = this.keys ? await this.keys.checkpoint.read() : null;
    const keyedFrom = anchor?.keyedFrom ?? null;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let anchorSeen = false;
    const broken = (seq: number | null, reason: string): AuditVerify => ({
      ok: false,
      checked,
      firstBrokenSeq: seq,
      reason,
      anchoredSeq: anchor?.seq ?? null,
    });
    let keyedSeen = false;
    for await (const r of repo.inOrder(q)) {
      checked++;
      const { hash, hash_version, ...rest } = r;
      let reason: string | null = null;
      if (r.seq !== expectedSeq) reason = `sequence gap: expected ${expectedSeq}, found ${r.seq}`;
      else if (r.prev_hash !== prevHash) reason = 'link to the previous entry does not match';
      else if (hash_version === 2) {
        if (!this.keys) reason = 'entry is keyed, but no audit key is configured';
        else if (keyedEntryHash(this.keys.hmacKey, rest) !== hash)
          reason = 'content does not match its keyed hash (changed, or another secret key)';
      } else if (hash_version !== 1) reason = `unknown hash version ${hash_version}`;
      else if (keyedSeen || (keyedFrom !== null && r.seq >= keyedFrom))
        reason = 'unkeyed entry after the chain was keyed (rewritten without the key)';
      else if (entryHash(rest) !== hash) reason = 'content does not match its hash';
      if (!reason && anchor && r.seq === anchor.seq && hash !== anchor.hash)
        reason = 'entry differs from the checkpoint kept outside the database';
      if (reason) return broken(r.seq, reason);
      if (hash_version === 2) keyedSeen = true;
      if (anchor && r.seq === anchor.seq) anchorSeen = true;
      prevHash = hash;
      expectedSeq++;
    }
    if (anchor && !anchorSeen)
      return broken(
        expectedSeq,
        `log ends at entry #${expectedSeq - 1}, but the checkpoint outside the database names entry #${anchor.seq}: entries were deleted`,
      );
    return { ok: true, checked, firstBrokenSeq: null, reason: null, anchoredSeq: anchor?.seq ?? null };
  }
}

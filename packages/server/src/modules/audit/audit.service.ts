import type { AuditVerify } from '@liangdian/shared/api';
import type { Dialect } from '../../db/schema';
import type { Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { sha256Hex } from '../../lib/crypto';
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

/** The hash of one entry covers every stored field and the previous entry's hash. */
export function entryHash(r: Omit<AuditRow, 'hash'>): string {
  return sha256Hex(
    [
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
    ].join('\u001f'),
  );
}

export class AuditService {
  constructor(
    private readonly dialect: Dialect,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry inside the caller's transaction, so the entry and the change land together. */
  async record(trx: Q, actor: AuditActor, e: AuditEntryInput): Promise<void> {
    await repo.lockChain(trx, this.dialect);
    const prev = await repo.last(trx);
    const row: Omit<AuditRow, 'hash'> = {
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
    await repo.insert(trx, { ...row, hash: entryHash(row) });
  }

  /** Walks the chain; names the first entry whose hash or link does not match. */
  async verify(q: Q): Promise<AuditVerify> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for await (const r of repo.inOrder(q)) {
      checked++;
      const { hash, ...rest } = r;
      let reason: string | null = null;
      if (r.seq !== expectedSeq) reason = `sequence gap: expected ${expectedSeq}, found ${r.seq}`;
      else if (r.prev_hash !== prevHash) reason = 'link to the previous entry does not match';
      else if (entryHash(rest) !== hash) reason = 'content does not match its hash';
      if (reason) return { ok: false, checked, firstBrokenSeq: r.seq, reason };
      prevHash = hash;
      expectedSeq++;
    }
    return { ok: true, checked, firstBrokenSeq: null, reason: null };
  }
}

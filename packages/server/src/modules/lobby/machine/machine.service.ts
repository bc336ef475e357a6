import { pageWindow } from '../../../lib/paging';
import { beijingDate } from '@liangdian/engine/time';
import { MAX_TICKET_BATCH } from '@liangdian/shared';
import {
  Instant,
  type MachineToken,
  type MachineTokenCreated,
  type MachineTokenQuery,
  type TicketEventBatchResult,
  TicketEventInput,
  type TicketEventResult,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { randomToken, sha256Hex } from '../../../lib/crypto';
import { DomainError, forbidden, notFound } from '../../../lib/errors';
import { newId } from '../../../lib/ids';
import type { Locale } from '../../../lib/messages';
import type { Page } from '../../../lib/paging';
import type { Changes, Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import type { LiveLobby } from '../live/live-state';
import * as repo from '../lobby.repository';
import { eventMessage, presentToken } from './machine.presenter';

const DAY_MS = 86_400_000;
const OLDEST_EVENT_MS = 7 * DAY_MS;
const FUTURE_EVENT_MS = 5 * 60_000;
/** How long this process trusts what it read of tokens and the business-type catalogue (ms). */
const TOKEN_CACHE_MS = 5000;
const TYPES_CACHE_MS = 10_000;
/** A token's last use is written at most once a minute. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * The ticket machine's side of the lobby: the outlet's machine tokens (the server keeps only
 * their SHA-256, cached here a few seconds; a revocation reaches every process over the bus)
 * and the machine's batches of events, checked one by one, stored in one transaction and folded
 * into the live state.
 */
export class MachineService {
  private readonly tokenCache = new Map<string, { row: repo.TokenRow | undefined; read: number }>();
  private typesCache: { codes: Set<string>; read: number } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly changes: Changes,
    private readonly live: LiveLobby,
    /** evaluates the outlet's backfill rules (after events that may fire them) */
    private readonly evaluate: (outletId: string) => Promise<void>,
  ) {
    live.bus.subscribe((outletId, fromSelf, topic) => {
      if (fromSelf || topic !== 'tokens') return;
      // Another process revoked a token of this outlet: forget the outlet's cached tokens.
      for (const [hash, c] of this.tokenCache)
        if (c.row?.outlet_id === outletId) this.tokenCache.delete(hash);
    });
  }

  // ---------------------------------------------------------------- machine tokens
  async listTokens(actor: Actor, outletId: string, f: MachineTokenQuery): Promise<Page<MachineToken>> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.configure');
    const { rows, total } = await repo.listTokens(this.db, outletId, f.revoked, ...pageWindow(f));
    return { items: rows.map(presentToken), total, page: f.page, pageSize: f.pageSize };
  }

  async createToken(actor: Actor, outletId: string, name: string): Promise<MachineTokenCreated> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.configure');
    return this.changes.run(actor, async (trx, now) => {
      const token = `ldm_${randomToken(32)}`;
      const row: repo.TokenRow = {
        id: newId(now.getTime()),
        outlet_id: outletId,
        name,
        token_hash: sha256Hex(token),
        prefix: token.slice(0, 8),
        created_by: actor.userId,
        created_at: now.toISOString(),
        revoked_at: null,
        last_used_at: null,
      };
      await repo.insertToken(trx, row);
      const view = presentToken(row);
      return [
        { ...view, token },
        { action: 'create', entityType: 'machine_token', entityId: row.id, outletId, after: view },
      ];
    });
  }

  async revokeToken(actor: Actor, outletId: string, tokenId: string): Promise<MachineToken> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.configure');
    const view = await this.changes.run(actor, async (trx, now) => {
      const row = await repo.findToken(trx, outletId, tokenId);
      if (!row) throw notFound('machine_token');
      const before = presentToken(row);
      if (!row.revoked_at) await repo.updateToken(trx, row.id, { revoked_at: now.toISOString() });
      this.tokenCache.delete(row.token_hash);
      const after = presentToken((await repo.findToken(trx, outletId, tokenId))!);
      return [
        after,
        { action: 'revoke', entityType: 'machine_token', entityId: row.id, outletId, before, after },
      ];
    });
    // other processes drop their cached copy of the outlet's tokens
    await this.live.bus.publish(outletId, 'tokens').catch((err) => this.live.onError(err));
    return view;
  }

  /** The outlet a bearer token belongs to: 401 without a valid token, 403 for another outlet's. */
  private async machineOutlet(authorization: string | undefined, outletId: string) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) throw new DomainError('MACHINE_TOKEN_INVALID');
    const hash = sha256Hex(m[1]!);
    let cached = this.tokenCache.get(hash);
    if (!cached || performance.now() - cached.read > TOKEN_CACHE_MS) {
      cached = { row: await repo.findTokenByHash(this.db, hash), read: performance.now() };
      if (this.tokenCache.size >= 10_000) this.tokenCache.clear();
      this.tokenCache.set(hash, cached);
    }
    const row = cached.row;
    if (!row || row.revoked_at) throw new DomainError('MACHINE_TOKEN_INVALID');
    if (row.outlet_id !== outletId) throw forbidden();
    return row;
  }

  private async businessTypes(): Promise<Set<string>> {
    if (!this.typesCache || performance.now() - this.typesCache.read > TYPES_CACHE_MS)
      this.typesCache = {
        codes: new Set((await repo.activeBusinessTypes(this.db)).map((b) => b.code)),
        read: performance.now(),
      };
    return this.typesCache.codes;
  }

  // ---------------------------------------------------------------- ticket events
  async ingest(
    authorization: string | undefined,
    outletId: string,
    events: unknown[],
    locale: Locale,
  ): Promise<TicketEventBatchResult> {
    const token = await this.machineOutlet(authorization, outletId);
    if (events.length > MAX_TICKET_BATCH)
      throw new DomainError('TICKET_BATCH_TOO_LARGE', { max: MAX_TICKET_BATCH });
    const now = this.clock.now();
    const nowMs = now.getTime();
    const types = await this.businessTypes();
    const results: TicketEventResult[] = [];
    const rows: repo.EventRow[] = [];
    const seen = new Set<string>();
    const reject = (index: number, eventId: string | null, code: string) =>
      results.push({ eventId, index, status: 'rejected', code, message: eventMessage(code, locale) });
    for (const [index, raw] of events.entries()) {
      const parsed = TicketEventInput.safeParse(raw);
      const rawId = (raw as { eventId?: unknown } | null)?.eventId;
      const eventId = parsed.success ? parsed.data.eventId : typeof rawId === 'string' ? rawId : null;
      if (!parsed.success) {
        const timeOnly = parsed.error.issues.every((i) => i.path[0] === 'at');
        reject(index, eventId, timeOnly ? 'MALFORMED_TIME' : 'MALFORMED_EVENT');
        continue;
      }
      const e = parsed.data;
      // an instant with its zone: one without would be read in the host's zone
      const at = Instant.safeParse(e.at).success ? Date.parse(e.at) : Number.NaN;
      if (Number.isNaN(at)) {
        reject(index, eventId, 'MALFORMED_TIME');
        continue;
      }
      if (at < nowMs - OLDEST_EVENT_MS) {
        reject(index, eventId, 'TOO_OLD');
        continue;
      }
      if (at > nowMs + FUTURE_EVENT_MS) {
        reject(index, eventId, 'IN_THE_FUTURE');
        continue;
      }
      if (!types.has(e.businessType)) {
        reject(index, eventId, 'UNKNOWN_BUSINESS_TYPE');
        continue;
      }
      if (e.kind === 'transferred' && (!e.toBusinessType || !types.has(e.toBusinessType))) {
        reject(index, eventId, e.toBusinessType ? 'UNKNOWN_BUSINESS_TYPE' : 'TO_BUSINESS_TYPE_REQUIRED');
        continue;
      }
      if (seen.has(e.eventId)) {
        results.push({ eventId, index, status: 'duplicate' });
        continue;
      }
      seen.add(e.eventId);
      results.push({ eventId, index, status: 'accepted' });
      rows.push({
        outlet_id: outletId,
        event_id: e.eventId,
        ticket: e.ticket,
        business_type: e.businessType,
        kind: e.kind,
        at: new Date(at).toISOString(),
        day: beijingDate(at),
        counter: e.counter ?? null,
        staff_id: e.staffId ?? null,
        to_business_type: e.toBusinessType ?? null,
        received_at: now.toISOString(),
      });
    }

    const stored = rows.length
      ? await this.db.transaction().execute(async (trx) => {
          const ids = await repo.insertEvents(trx, rows);
          if (!token.last_used_at || nowMs - Date.parse(token.last_used_at) >= LAST_USED_EVERY_MS) {
            await repo.updateToken(trx, token.id, { last_used_at: now.toISOString() });
            token.last_used_at = now.toISOString();
          }
          return ids;
        })
      : new Set<string>();
    for (const r of results) if (r.status === 'accepted' && !stored.has(r.eventId!)) r.status = 'duplicate';

    if (stored.size) {
      // ticket events are machine data: folded and pushed, not audited
      await this.live.fold(
        outletId,
        rows.filter((r) => stored.has(r.event_id)),
      );
      await this.live.afterChange(outletId, true);
      // backfill rules and the elastic-window prompt (which needs no rules); cheap when neither applies
      await this.evaluate(outletId);
    }
    const count = (s: TicketEventResult['status']) => results.filter((r) => r.status === s).length;
    return {
      accepted: count('accepted'),
      duplicate: count('duplicate'),
      rejected: count('rejected'),
      results,
    };
  }
}

import { beijingDate } from '@liangdian/engine/time';
import type { LobbyView } from '@liangdian/shared/api';
import type { Q } from '../../../db/types';
import { DomainError } from '../../../lib/errors';
import { newId } from '../../../lib/ids';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import type { LiveLobby, LogInput } from '../live/live-state';
import * as repo from '../lobby.repository';

/**
 * Who is at which post (docs/lobby.md, "Presence"): the lobby manager checks people in and out;
 * checking in elsewhere moves the person. Audited, logged, and the rules evaluated after it.
 */
export class PresenceService {
  constructor(
    private readonly guard: Guard,
    private readonly live: LiveLobby,
    /** evaluates the outlet's backfill rules (presence may fire or clear them) */
    private readonly evaluate: (outletId: string) => Promise<void>,
  ) {}

  async checkIn(actor: Actor, outletId: string, staffId: string, postId: string): Promise<LobbyView> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.operate');
    await this.live.change(actor, outletId, async (trx, now) => {
      const log = await moveToPost(trx, outletId, staffId, postId, now);
      return [
        null,
        { action: 'check_in', entityType: 'lobby_checkin', entityId: staffId, outletId, after: log.data },
        log,
      ];
    });
    await this.evaluate(outletId);
    return this.live.buildView(outletId, actor.locale);
  }

  async checkOut(actor: Actor, outletId: string, staffId: string, postId: string): Promise<LobbyView> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.operate');
    await this.live.change(actor, outletId, async (trx, now) => {
      const open = await repo.openCheckinOf(trx, outletId, staffId, beijingDate(now));
      if (!open || open.post_id !== postId) throw new DomainError('LOBBY_NOT_CHECKED_IN');
      await repo.closeCheckin(trx, open.id, now.toISOString());
      const staff = await repo.findActiveStaff(trx, outletId, staffId);
      const post = await repo.findActivePost(trx, outletId, postId);
      const data = { staffId, postId };
      return [
        null,
        { action: 'check_out', entityType: 'lobby_checkin', entityId: staffId, outletId, before: data },
        {
          kind: 'check_out',
          data,
          message: {
            'zh-CN': `${staff?.name ?? staffId} 离岗 ${post?.name ?? postId}`,
            'en-US': `${staff?.name ?? staffId} checked out of ${post?.name ?? postId}`,
          },
        },
      ];
    });
    await this.evaluate(outletId);
    return this.live.buildView(outletId, actor.locale);
  }
}

/**
 * Checks a staff member in at a post, out of any other first, in the caller's transaction (a
 * check-in, or an acknowledged prompt); returns the lobby-log line.
 */
export async function moveToPost(
  trx: Q,
  outletId: string,
  staffId: string,
  postId: string,
  now: Date,
): Promise<LogInput & { data: { staffId: string; postId: string; fromPostId: string | null } }> {
  const staff = await repo.findActiveStaff(trx, outletId, staffId);
  const post = await repo.findActivePost(trx, outletId, postId);
  const fields = [
    ...(staff ? [] : [{ field: 'body.staffId', code: 'UNKNOWN_REFERENCE', params: { value: staffId } }]),
    ...(post ? [] : [{ field: 'body.postId', code: 'UNKNOWN_REFERENCE', params: { value: postId } }]),
  ];
  if (fields.length || !staff || !post) throw new DomainError('VALIDATION_FAILED', {}, fields);
  const day = beijingDate(now);
  const open = await repo.openCheckinOf(trx, outletId, staffId, day);
  if (open) await repo.closeCheckin(trx, open.id, now.toISOString());
  await repo.insertCheckin(trx, {
    id: newId(now.getTime()),
    outlet_id: outletId,
    staff_id: staffId,
    post_id: postId,
    day,
    checked_in_at: now.toISOString(),
    checked_out_at: null,
  });
  return {
    kind: 'check_in',
    data: { staffId, postId, fromPostId: open?.post_id ?? null },
    message: {
      'zh-CN': `${staff.name} 到岗 ${post.name}`,
      'en-US': `${staff.name} checked in at ${post.name}`,
    },
  };
}

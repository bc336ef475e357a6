import { addDays, beijingDate, beijingWeekSlot } from '@liangdian/engine/time';
import { type LobbyMode, SLOTS_PER_DAY } from '@liangdian/shared';
import type { ModeRecommendBody, ModeRecommendation } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { DomainError } from '../../../lib/errors';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import * as repo from '../lobby.repository';
import { DEFAULT_SETTINGS } from '../lobby.settings';
import { CLOSE, compareModes, defaultRates, OPEN, OPEN_SLOT, ratesFromHistory } from './recommend.model';

/** Weeks of the outlet's own tickets the traffic is read from. */
const HISTORY_WEEKS = 4;

/**
 * "Recommend" (docs/lobby.md): both modes per half hour of one weekday, simulated by the engine
 * on the outlet's floor with the arrivals of its last four weeks of tickets when there are
 * enough, else the default profile.
 */
export class RecommendService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
  ) {}

  async recommend(actor: Actor, outletId: string, input: ModeRecommendBody): Promise<ModeRecommendation> {
    const outlet = await this.guard.requireOutlet(actor, outletId, 'lobby.operate');
    const now = this.clock.now();
    const today = beijingDate(now);
    const weekday = input.weekday ?? beijingWeekSlot(now).weekday;
    const [issues, types, zones, posts, staff, settings] = await Promise.all([
      repo.issuesBetween(this.db, outletId, addDays(today, -7 * HISTORY_WEEKS), addDays(today, -1)),
      repo.activeBusinessTypes(this.db),
      repo.zonesOf(this.db, outletId),
      repo.postsWithZoneKind(this.db, outletId),
      repo.activeStaff(this.db, outletId),
      repo.findSettings(this.db, outletId),
    ]);
    const history = ratesFromHistory(
      issues.map((i) => ({ at: Date.parse(i.at), businessType: i.business_type })),
      weekday,
      HISTORY_WEEKS,
    );
    const slots = compareModes(
      {
        name: outlet.name,
        zones: zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, capacity: z.capacity })),
        posts: posts.filter((p) => p.active).map((p) => ({ id: p.id, kind: p.kind, zoneId: p.zone_id })),
        staff: staff.map((s) => ({
          id: s.id,
          name: s.name,
          roles: JSON.parse(s.roles) as string[],
          skills: JSON.parse(s.skills) as string[],
          homePostId: s.home_post_id,
        })),
        businessTypes: types.map((t) => ({ code: t.code, defaultZoneKind: t.default_zone_kind })),
        arrivals: history ?? defaultRates(types.map((t) => t.code)),
        targetWaitMinutes: settings?.target_wait_minutes ?? DEFAULT_SETTINGS.targetWaitMinutes,
      },
      input.replications,
    );
    if (!slots) throw new DomainError('LOBBY_NO_ZONES');
    const suggestedDay: LobbyMode[] = Array.from({ length: SLOTS_PER_DAY }, () => 'fixed');
    slots.forEach((s, k) => {
      suggestedDay[OPEN_SLOT + k] = s.better;
    });
    return {
      outletId,
      weekday,
      source: history ? 'history' : 'default',
      replications: input.replications,
      hours: { open: OPEN, close: CLOSE },
      slots,
      suggestedDay,
    };
  }
}

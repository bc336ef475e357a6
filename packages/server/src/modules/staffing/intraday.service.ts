import { beijingDate, beijingWeekSlot } from '@liangdian/engine/time';
import type { LobbyIntraday } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError } from '../../lib/errors';
import type { Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import type { ForecastService } from '../lobby/forecast/forecast.service';
import { DEFAULT_SETTINGS } from '../lobby/lobby.settings';
import * as repo from './staffing.repository';

const clockOf = (slot: number) =>
  `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;

/**
 * Intraday (docs/staffing.md): today's forecast arrivals against the tickets issued so far, per
 * half hour, with the mean wait of the tickets called against the outlet's limit.
 */
export class IntradayService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly forecast: Pick<ForecastService, 'arrivalsOn'>,
  ) {}

  async intraday(actor: Actor, outletId: string): Promise<LobbyIntraday> {
    await this.guard.requireOutlet(actor, outletId);
    const day = beijingDate(this.clock.now());
    const [events, settings] = await Promise.all([
      repo.dayEvents(this.db, outletId, day),
      repo.findSettings(this.db, outletId),
    ]);
    const limit = settings?.target_wait_minutes ?? DEFAULT_SETTINGS.targetWaitMinutes;
    let perSlot: number[] | null = null;
    try {
      const byType = await this.forecast.arrivalsOn(outletId, day);
      perSlot = Array.from({ length: 48 }, (_, k) =>
        [...byType.values()].reduce((a, xs) => a + (xs[k] ?? 0), 0),
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
    const actual = new Array<number>(48).fill(0);
    const waits = Array.from({ length: 48 }, () => ({ sum: 0, n: 0 }));
    const issued = new Map<string, { at: number; slot: number }>();
    for (const e of events) {
      const at = Date.parse(e.at);
      if (e.kind === 'issued') {
        const slot = beijingWeekSlot(at).slot;
        actual[slot]!++;
        issued.set(e.ticket, { at, slot });
      } else if (e.kind === 'called') {
        const i = issued.get(e.ticket);
        if (i && !Number.isNaN(at)) {
          waits[i.slot]!.sum += (at - i.at) / 60_000;
          waits[i.slot]!.n++;
          issued.delete(e.ticket);
        }
      }
    }
    const slots: LobbyIntraday['slots'] = [];
    for (let k = 0; k < 48; k++) {
      const f = perSlot ? perSlot[k]! : null;
      if (actual[k] === 0 && !(f !== null && f >= 0.05)) continue;
      const w = waits[k]!;
      const mean = w.n > 0 ? w.sum / w.n : null;
      slots.push({
        slot: k,
        start: clockOf(k),
        forecast: f === null ? null : Number(f.toFixed(2)),
        actual: actual[k]!,
        meanWaitMinutes: mean === null ? null : Number(mean.toFixed(2)),
        gap: f !== null && f > 0.5 ? Number((actual[k]! / f - 1).toFixed(3)) : null,
        overLimit: mean !== null && mean > limit,
      });
    }
    return { outletId, day, targetWaitMinutes: limit, forecastAvailable: perSlot !== null, slots };
  }
}

import { pageWindow } from '../../../lib/paging';
import { beijingDate, beijingDayStartMs, beijingMs } from '@liangdian/engine/time';
import type { LobbyMode } from '@liangdian/shared';
import type { LobbyLogEntry, LobbyLogQuery, LobbyReplay } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import type { Page } from '../../../lib/paging';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import { toEvent } from '../live/live-state';
import * as repo from '../lobby.repository';
import { planMode, planOf } from '../lobby.settings';
import { replaySeries } from '../lobby.state';
import { presentLog } from './history.presenter';

/** The replay's day, unless events fall outside it: 08:00–18:00 Beijing time. */
const REPLAY_FROM = '08:00';
const REPLAY_TO = '18:00';

/**
 * What happened in the lobby on a day (docs/lobby.md, "Log and replay"): the lobby log, and the
 * day's timeline per 1 or 5 minutes from the ticket events, the mode switches and the prompts.
 */
export class HistoryService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
  ) {}

  private today(): string {
    return beijingDate(this.clock.now());
  }

  async listLog(actor: Actor, outletId: string, f: LobbyLogQuery): Promise<Page<LobbyLogEntry>> {
    await this.guard.requireOutlet(actor, outletId);
    const day = f.date ?? this.today();
    const { rows, total } = await repo.listLog(this.db, { outletId, day, kind: f.kind }, ...pageWindow(f));
    return { items: rows.map((r) => presentLog(r, actor.locale)), total, page: f.page, pageSize: f.pageSize };
  }

  async replay(actor: Actor, outletId: string, date: string | undefined, step: number): Promise<LobbyReplay> {
    await this.guard.requireOutlet(actor, outletId);
    const day = date ?? this.today();
    const [events, switches, prompts, settings] = await Promise.all([
      repo.dayEvents(this.db, outletId, day),
      repo.modeSwitches(this.db, outletId, day),
      repo.dayPrompts(this.db, outletId, day),
      repo.findSettings(this.db, outletId),
    ]);
    const plan = planOf(settings);
    const start = beijingDayStartMs(day);
    const stepMs = step * 60_000;
    const evs = events.map(toEvent);
    // 08:00–18:00 by default, widened to the first and last events.
    const first = Math.min(beijingMs(day, REPLAY_FROM), ...evs.map((e) => e.at));
    const last = Math.max(beijingMs(day, REPLAY_TO), ...evs.map((e) => e.at + 1));
    const from = start + Math.floor((first - start) / stepMs) * stepMs;
    const to = start + Math.ceil((last - start) / stepMs) * stepMs;
    const sw = switches.map((s) => ({
      at: Date.parse(s.at),
      to: (JSON.parse(s.data_json) as { to: LobbyMode }).to,
    }));
    const promptTimes = prompts.map((p) => Date.parse(p.created_at));
    const points = replaySeries(evs, from, to, step).map((p) => {
      const t = Date.parse(p.at);
      const lastSwitch = sw.filter((s) => s.at < t + stepMs).at(-1);
      return {
        ...p,
        mode: lastSwitch && lastSwitch.at >= from ? lastSwitch.to : planMode(plan, t),
        backfillActions: promptTimes.filter((x) => x >= t && x < t + stepMs).length,
      };
    });
    return { outletId, day, stepMinutes: step, points };
  }
}

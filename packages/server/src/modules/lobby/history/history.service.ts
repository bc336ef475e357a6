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
import * as repo from '../lobby.repository';
import { planMode, planOf } from '../lobby.settings';
import { ReplayTimeline, type TicketKind } from '../lobby.state';
import { presentLog } from './history.presenter';

/** The replay's day, unless events fall outside it: 08:00–18:00 Beijing time. */
const REPLAY_FROM = '08:00';
const REPLAY_TO = '18:00';
/**
 * The replay reads a day's events an hour at a time (a multiple of both steps): its memory is one
 * hour's events and the tickets still waiting, whatever the day holds (docs: README, Limits).
 */
const REPLAY_SLICE_MS = 3_600_000;

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
    const [span, switches, prompts, settings] = await Promise.all([
      repo.dayEventSpan(this.db, outletId, day),
      repo.modeSwitches(this.db, outletId, day),
      repo.dayPrompts(this.db, outletId, day),
      repo.findSettings(this.db, outletId),
    ]);
    const plan = planOf(settings);
    const start = beijingDayStartMs(day);
    const stepMs = step * 60_000;
    // 08:00–18:00 by default, widened to the first and last events.
    const first = Math.min(beijingMs(day, REPLAY_FROM), span.first ? Date.parse(span.first) : Infinity);
    const last = Math.max(beijingMs(day, REPLAY_TO), span.last ? Date.parse(span.last) + 1 : 0);
    const from = start + Math.floor((first - start) / stepMs) * stepMs;
    const to = start + Math.ceil((last - start) / stepMs) * stepMs;
    const timeline = new ReplayTimeline(from, step);
    for (let t = from; t < to; t += REPLAY_SLICE_MS) {
      const rows = await repo.replayEvents(
        this.db,
        outletId,
        day,
        new Date(t).toISOString(),
        new Date(Math.min(t + REPLAY_SLICE_MS, to)).toISOString(),
      );
      timeline.feed(
        rows.map((r) => ({
          eventId: r.event_id,
          ticket: r.ticket,
          kind: r.kind as TicketKind,
          at: Date.parse(r.at),
        })),
      );
    }
    const sw = switches.map((s) => ({
      at: Date.parse(s.at),
      to: (JSON.parse(s.data_json) as { to: LobbyMode }).to,
    }));
    const promptTimes = prompts.map((p) => Date.parse(p.created_at)).sort((a, b) => a - b);
    // Switches and prompts are in time order: one pass over each, beside the points.
    let s = 0;
    let p = 0;
    const points = timeline.finish(to).map((point) => {
      const t = Date.parse(point.at);
      while (s < sw.length && sw[s]!.at < t + stepMs) s++;
      const lastSwitch = sw[s - 1];
      while (p < promptTimes.length && promptTimes[p]! < t) p++;
      let backfillActions = 0;
      while (p < promptTimes.length && promptTimes[p]! < t + stepMs) {
        backfillActions++;
        p++;
      }
      return {
        ...point,
        mode: lastSwitch && lastSwitch.at >= from ? lastSwitch.to : planMode(plan, t),
        backfillActions,
      };
    });
    return { outletId, day, stepMinutes: step, points };
  }
}

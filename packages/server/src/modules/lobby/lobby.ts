import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import type { Changes, Guard } from '../access/guard';
import { CalibrationService } from './calibration/calibration.service';
import { ForecastService } from './forecast/forecast.service';
import { HistoryService } from './history/history.service';
import { type LiveOptions, LiveLobby } from './live/live-state';
import type { LobbyBus } from './lobby.bus';
import * as repo from './lobby.repository';
import { MachineService } from './machine/machine.service';
import { PresenceService } from './presence/presence.service';
import { outletsWithOpenPrompts } from './prompts/elastic.repository';
import { PromptsService } from './prompts/prompts.service';
import { RecommendService } from './recommend/recommend.service';
import { SetupService } from './setup/setup.service';

/**
 * The live lobby (量点, docs/lobby.md), one service per concern around the live state they
 * share: the ticket machine's side (machine), the board and its push (live), presence at posts,
 * the set-up (settings, mode plan, override, rules), backfill prompts, the recommendation, and
 * the log with the replay. What app.ts holds: the concerns, the periodic tick, close().
 */
export class Lobby {
  readonly live: LiveLobby;
  readonly machine: MachineService;
  readonly presence: PresenceService;
  readonly setup: SetupService;
  readonly prompts: PromptsService;
  readonly recommend: RecommendService;
  readonly history: HistoryService;
  readonly calibration: CalibrationService;
  readonly forecast: ForecastService;

  constructor(
    private readonly db: Kysely<DB>,
    clock: Clock,
    guard: Guard,
    changes: Changes,
    bus: LobbyBus,
    opts: LiveOptions,
  ) {
    this.live = new LiveLobby(db, clock, guard, changes, bus, opts);
    this.prompts = new PromptsService(db, clock, guard, this.live);
    const evaluate = (outletId: string) => this.prompts.evaluate(outletId);
    this.machine = new MachineService(db, clock, guard, changes, this.live, evaluate);
    this.presence = new PresenceService(guard, this.live, evaluate);
    this.setup = new SetupService(db, clock, guard, this.live, evaluate);
    this.history = new HistoryService(db, clock, guard);
    this.calibration = new CalibrationService(db, clock, guard);
    this.forecast = new ForecastService(db, clock, guard);
    // the recommendation on the outlet's own fitted inputs and forecast arrivals
    this.recommend = new RecommendService(db, clock, guard, this.calibration, this.forecast);
  }

  /** where failures of background work (pushes, notifications, evaluations) are reported */
  get onError(): (err: unknown) => void {
    return this.live.onError;
  }
  set onError(fn: (err: unknown) => void) {
    this.live.onError = fn;
  }

  /**
   * The periodic work (every LOBBY_TICK_SECONDS): mode changes, prompt time-outs and rules of the
   * outlets with a lobby set-up (rules, a plan or a mode set by hand), and the time-outs of open
   * prompts elsewhere; others have nothing to do.
   */
  async tick(): Promise<void> {
    const configured = await repo.configuredOutlets(this.db);
    for (const id of configured) {
      await this.setup.checkMode(id);
      await this.prompts.evaluate(id);
    }
    // an elastic-window prompt may be open at an outlet without a set-up: its time-out runs too
    const done = new Set(configured);
    for (const id of await outletsWithOpenPrompts(this.db))
      if (!done.has(id)) await this.prompts.evaluate(id);
  }

  /** Stops the pushes (the streams are ended by the routes' preClose hook). */
  close(): void {
    this.live.close();
  }
}

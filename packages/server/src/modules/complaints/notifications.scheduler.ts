import { beijingDate, beijingWallClock } from '@liangdian/engine/time';
import type { DueScope } from './notifications.service';

/** The morning run of the reminders starts at this Beijing hour. */
export const MORNING_HOUR = 8;

export interface TickResult {
  /** what ran: the morning's run, the hour's, or nothing (not yet time, or already done) */
  scope: DueScope | null;
  /** notifications made */
  created: number;
}

/**
 * When the deadline reminders run, decided from the injected clock's time (lib/clock.ts), not from
 * the timer's: a timer in app.ts calls `tick(clock.now())` every minute (and the test clock's route
 * after moving the date). From 08:00 Beijing the first tick of a day runs the morning's reminders
 * (everything due within 3 days or overdue); each later hour's first tick those due that day. What
 * a run makes is kept once a day by the notifications' unique key, so a restart or a repeated tick
 * makes nothing twice.
 */
export class DueReminderScheduler {
  private morningOf: string | null = null;
  private hourOf: string | null = null;
  private running: Promise<TickResult> | null = null;

  constructor(private readonly run: (now: Date, scope: DueScope) => Promise<number>) {}

  /** What is due at `now` and not yet run, without running it. */
  due(now: Date): DueScope | null {
    const day = beijingDate(now);
    const hour = beijingWallClock(now).hour;
    if (hour < MORNING_HOUR) return null;
    if (this.morningOf !== day) return 'window';
    return this.hourOf !== `${day}T${hour}` ? 'today' : null;
  }

  /** Runs what is due at `now` (one run at a time: a tick during a run waits for it). */
  async tick(now: Date): Promise<TickResult> {
    while (this.running) await this.running.catch(() => undefined);
    const scope = this.due(now);
    if (!scope) return { scope: null, created: 0 };
    const day = beijingDate(now);
    const [morningOf, hourOf] = [this.morningOf, this.hourOf];
    this.morningOf = day;
    this.hourOf = `${day}T${beijingWallClock(now).hour}`;
    this.running = this.run(now, scope).then(
      (created) => ({ scope, created }),
      (err) => {
        // not done: the next tick tries again
        [this.morningOf, this.hourOf] = [morningOf, hourOf];
        throw err;
      },
    );
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }
}

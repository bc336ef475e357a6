/** Time behind a small interface so tests can set it (style.md #2). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: starts at `start` and moves only when told. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-02T01:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advanceMinutes(minutes: number): void {
    this.t += minutes * 60_000;
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
}

export const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

/**
 * A running clock that can be set (TEST_CLOCK=true, for E2E): time flows as on the wall, shifted
 * to start from the instant it was set to; `set(null)` goes back to the wall clock.
 */
export class SettableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly wall: () => number = Date.now) {}
  now(): Date {
    return new Date(this.wall() + this.offsetMs);
  }
  set(at: Date | string | null): void {
    this.offsetMs = at === null ? 0 : new Date(at).getTime() - this.wall();
  }
}

/**
 * The lobby state of one outlet and one day, derived from the day's ticket events (pure: no I/O,
 * no clock; `now` is passed in). `LobbyFold` applies events one at a time in O(1) when they come
 * in time order; an event older than the last applied one makes the fold re-run over the sorted
 * events (rare: a machine that sends late). `deriveLobbyState` is the whole-day function.
 */

import type { TicketKind } from '@liangdian/shared';

export type { TicketKind };

/** Order of kinds at the same instant, so that "issued" and "called" at one second fold sensibly. */
const KIND_RANK: Record<TicketKind, number> = {
  issued: 0,
  transferred: 1,
  called: 2,
  serving: 3,
  no_show: 4,
  abandoned: 5,
  ended: 6,
};

export interface TicketEvent {
  eventId: string;
  ticket: string;
  businessType: string;
  kind: TicketKind;
  /** epoch milliseconds */
  at: number;
  counter: string | null;
  staffId: string | null;
  toBusinessType: string | null;
}

export interface LobbyTargets {
  /** share of customers to be called within `targetWaitMinutes` (0–1) */
  serviceLevelTarget: number;
  targetWaitMinutes: number;
}

export interface CounterServing {
  counter: string;
  ticket: string;
  businessType: string;
  staffId: string | null;
  since: string;
  status: 'called' | 'serving';
}

export interface LobbyCounts {
  arrivals: number;
  served: number;
  called: number;
  abandoned: number;
  noShow: number;
  transferred: number;
  waiting: number;
  meanWaitMinutes: number | null;
  serviceLevel: number | null;
  serviceLevelTarget: number;
  targetWaitMinutes: number;
  meetsTarget: boolean | null;
  longestWaitMinutes: number;
  waitingByType: { businessType: string; waiting: number; oldestWaitMinutes: number }[];
  countersServing: CounterServing[];
  lastEventAt: string | null;
  events: number;
}

interface TicketState {
  businessType: string;
  status: 'waiting' | 'called' | 'serving' | 'done';
  /** epoch ms since when the ticket waits (issue or transfer) */
  waitingSince: number;
  counter: string | null;
  staffId: string | null;
  since: number;
  /** whether its first call was already counted for waits */
  waitCounted: boolean;
  /** transferred after its first call: its next wait adds to the customer's total wait */
  waitsAgain: boolean;
}

type Ordered = Pick<TicketEvent, 'at' | 'kind' | 'eventId'>;
export const compareEvents = (a: Ordered, b: Ordered) =>
  a.at - b.at ||
  KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
  (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** Which count each way a ticket ends adds to. */
const END_COUNTERS = { ended: 'served', no_show: 'noShow', abandoned: 'abandoned' } as const;

export class LobbyFold {
  private events: TicketEvent[] = [];
  private readonly ids = new Set<string>();
  private tickets = new Map<string, TicketState>();
  private arrivals = 0;
  private served = 0;
  private called = 0;
  private abandoned = 0;
  private noShow = 0;
  private transferred = 0;
  private waitSumMs = 0;
  private waitCount = 0;
  private withinTarget = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  /** how often a late event made the fold start over (for tests: in-order events never do) */
  refolds = 0;

  constructor(private readonly targets: LobbyTargets) {}

  get size(): number {
    return this.events.length;
  }

  /** Adds events in any order (each event id once): O(1) each when they come after the last one applied. */
  addAll(events: readonly TicketEvent[]): void {
    const sorted = events.filter((e) => !this.ids.has(e.eventId)).sort(compareEvents);
    for (const e of sorted) this.ids.add(e.eventId);
    if (sorted.length && this.events.length && compareEvents(sorted[0]!, this.events.at(-1)!) < 0) {
      for (const e of sorted) this.events.push(e);
      this.events.sort(compareEvents);
      this.refold();
      return;
    }
    for (const e of sorted) {
      this.events.push(e);
      this.apply(e);
    }
  }

  private refold(): void {
    this.refolds++;
    this.tickets.clear();
    this.arrivals = this.served = this.called = this.abandoned = this.noShow = this.transferred = 0;
    this.waitSumMs = this.waitCount = this.withinTarget = 0;
    this.lastAt = Number.NEGATIVE_INFINITY;
    for (const e of this.events) this.apply(e);
  }

  private ticket(e: TicketEvent): TicketState {
    let t = this.tickets.get(e.ticket);
    if (!t) {
      // A ticket first seen after its issue (the machine lost the event): it waits from now.
      t = {
        businessType: e.businessType,
        status: 'waiting',
        waitingSince: e.at,
        counter: null,
        staffId: null,
        since: e.at,
        waitCounted: false,
        waitsAgain: false,
      };
      this.tickets.set(e.ticket, t);
    }
    return t;
  }

  /**
   * A customer's wait is all the time they spent waiting: the first call counts them (and decides
   * whether they were called within the target); a wait after a transfer adds to their total.
   */
  private countWait(t: TicketState, at: number): void {
    if (t.waitsAgain) {
      t.waitsAgain = false;
      this.waitSumMs += Math.max(0, at - t.waitingSince);
      return;
    }
    if (t.waitCounted) return;
    t.waitCounted = true;
    const wait = Math.max(0, at - t.waitingSince);
    this.waitSumMs += wait;
    this.waitCount++;
    if (wait <= this.targets.targetWaitMinutes * 60_000) this.withinTarget++;
  }

  private apply(e: TicketEvent): void {
    this.lastAt = Math.max(this.lastAt, e.at);
    switch (e.kind) {
      case 'issued': {
        if (!this.tickets.has(e.ticket)) this.arrivals++;
        const t = this.ticket(e);
        t.status = 'waiting';
        t.waitingSince = e.at;
        t.businessType = e.businessType;
        break;
      }
      case 'called':
      case 'serving': {
        const t = this.ticket(e);
        if (!t.waitCounted) this.called++;
        this.countWait(t, e.at);
        t.status = e.kind;
        t.counter = e.counter ?? t.counter;
        t.staffId = e.staffId ?? t.staffId;
        t.since = e.at;
        break;
      }
      case 'transferred': {
        const t = this.ticket(e);
        this.transferred++;
        t.businessType = e.toBusinessType ?? t.businessType;
        if (t.waitCounted && t.status !== 'waiting') t.waitsAgain = true;
        t.status = 'waiting';
        t.waitingSince = e.at;
        t.counter = null;
        t.staffId = null;
        break;
      }
      case 'ended':
      case 'no_show':
      case 'abandoned': {
        // the ticket's end counts once, however often its event arrives
        const t = this.ticket(e);
        if (t.status !== 'done') this[END_COUNTERS[e.kind]]++;
        t.status = 'done';
        break;
      }
    }
  }

  /** The state at `now` (epoch ms): waits of the customers still waiting run up to `now`. */
  snapshot(now: number): LobbyCounts {
    const byType = new Map<string, { waiting: number; oldest: number }>();
    const counters: CounterServing[] = [];
    let waiting = 0;
    let oldest = now;
    for (const [ticket, t] of this.tickets) {
      if (t.status === 'waiting') {
        waiting++;
        const b = byType.get(t.businessType) ?? { waiting: 0, oldest: now };
        b.waiting++;
        b.oldest = Math.min(b.oldest, t.waitingSince);
        byType.set(t.businessType, b);
        oldest = Math.min(oldest, t.waitingSince);
      } else if ((t.status === 'called' || t.status === 'serving') && t.counter) {
        counters.push({
          counter: t.counter,
          ticket,
          businessType: t.businessType,
          staffId: t.staffId,
          since: new Date(t.since).toISOString(),
          status: t.status,
        });
      }
    }
    counters.sort((a, b) => a.counter.localeCompare(b.counter));
    const minutes = (ms: number) => Math.max(0, Math.round((ms / 60_000) * 10) / 10);
    // Customers who left unserved count as missing the target.
    const slDenominator = this.waitCount + this.abandoned;
    const serviceLevel = slDenominator ? this.withinTarget / slDenominator : null;
    return {
      arrivals: this.arrivals,
      served: this.served,
      called: this.called,
      abandoned: this.abandoned,
      noShow: this.noShow,
      transferred: this.transferred,
      waiting,
      meanWaitMinutes: this.waitCount ? minutes(this.waitSumMs / this.waitCount) : null,
      serviceLevel: serviceLevel === null ? null : Math.round(serviceLevel * 1000) / 1000,
      serviceLevelTarget: this.targets.serviceLevelTarget,
      targetWaitMinutes: this.targets.targetWaitMinutes,
      meetsTarget: serviceLevel === null ? null : serviceLevel >= this.targets.serviceLevelTarget,
      longestWaitMinutes: waiting ? minutes(now - oldest) : 0,
      waitingByType: [...byType]
        .map(([businessType, b]) => ({
          businessType,
          waiting: b.waiting,
          oldestWaitMinutes: minutes(now - b.oldest),
        }))
        .sort((a, b) => a.businessType.localeCompare(b.businessType)),
      countersServing: counters,
      lastEventAt: Number.isFinite(this.lastAt) ? new Date(this.lastAt).toISOString() : null,
      events: this.events.length,
    };
  }
}

/** The whole-day derivation: the day's events (any order) → the state at `now`. */
export function deriveLobbyState(
  events: readonly TicketEvent[],
  targets: LobbyTargets,
  now: number,
): LobbyCounts {
  const fold = new LobbyFold(targets);
  fold.addAll(events);
  return fold.snapshot(now);
}

// ---------------------------------------------------------------- replay series

export interface ReplayPoint {
  at: string;
  arrivals: number;
  waiting: number;
  meanWaitMinutes: number | null;
}

/** What the replay reads of an event: its time, its kind, its ticket (and its id, for the order). */
export type ReplayEvent = Pick<TicketEvent, 'eventId' | 'ticket' | 'kind' | 'at'>;

/**
 * A day's timeline: per bucket of `stepMinutes` from `from` (epoch ms), the arrivals in the
 * bucket, the customers waiting at its end and the mean wait of the customers called in it.
 * Events are fed a slice of the day at a time (`feed`, slices in time order), then `finish`
 * closes the buckets up to the end: memory holds one slice and the tickets still waiting, not
 * the day.
 */
export class ReplayTimeline {
  private readonly step: number;
  private readonly waitingSince = new Map<string, number>();
  private readonly callCounted = new Set<string>();
  private readonly out: ReplayPoint[] = [];
  /** start of the open bucket */
  private t: number;
  private arrivals = 0;
  private waitSum = 0;
  private waitN = 0;

  constructor(from: number, stepMinutes: number) {
    this.step = stepMinutes * 60_000;
    this.t = from;
  }

  /** Adds a slice of events (sorted here; none before an event of an earlier slice). */
  feed(events: ReplayEvent[]): void {
    events.sort(compareEvents);
    for (const e of events) {
      while (this.t + this.step <= e.at) this.close();
      this.apply(e);
    }
  }

  /** Closes the buckets that start before `to` (epoch ms) and answers the timeline. */
  finish(to: number): ReplayPoint[] {
    while (this.t < to) this.close();
    return this.out;
  }

  private apply(e: ReplayEvent): void {
    if (e.kind === 'issued') {
      this.arrivals++;
      this.waitingSince.set(e.ticket, e.at);
    } else if (e.kind === 'transferred') {
      this.waitingSince.set(e.ticket, e.at);
    } else if (e.kind === 'called' || e.kind === 'serving') {
      const since = this.waitingSince.get(e.ticket);
      if (since !== undefined && !this.callCounted.has(e.ticket)) {
        this.waitSum += e.at - since;
        this.waitN++;
        this.callCounted.add(e.ticket);
      }
      this.waitingSince.delete(e.ticket);
    } else {
      this.waitingSince.delete(e.ticket);
    }
  }

  private close(): void {
    this.out.push({
      at: new Date(this.t).toISOString(),
      arrivals: this.arrivals,
      waiting: this.waitingSince.size,
      meanWaitMinutes: this.waitN ? Math.round((this.waitSum / this.waitN / 60_000) * 10) / 10 : null,
    });
    this.t += this.step;
    this.arrivals = this.waitSum = this.waitN = 0;
  }
}

/** The whole timeline of events held in memory (from `from` to `to`, epoch ms). */
export function replaySeries(
  events: readonly ReplayEvent[],
  from: number,
  to: number,
  stepMinutes: number,
): ReplayPoint[] {
  const timeline = new ReplayTimeline(from, stepMinutes);
  timeline.feed(events.filter((e) => e.at < to));
  return timeline.finish(to);
}

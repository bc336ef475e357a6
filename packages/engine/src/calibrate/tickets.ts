/**
 * Tickets from the ticket machine's events (pure). A ticket number is unique within a day, so a
 * ticket is the events of one (day, ticket). Its life: issued → called → serving → ended; a
 * `transferred` ends the visit for one business type and starts a new wait for the other
 * (`toBusinessType`); `no_show` (called, did not come) and `abandoned` (left while waiting) end
 * it without service. Events are sorted by time (ties in life order), so late or out-of-order
 * events are placed where they belong; duplicates and events after the end are ignored; a
 * ticket first seen at its call has no known issue time (kept for service times and counters,
 * left out of arrivals and waits).
 */
import { beijingDate } from '../time/beijing';

export const TICKET_KINDS = [
  'issued',
  'called',
  'serving',
  'transferred',
  'ended',
  'no_show',
  'abandoned',
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** One event as stored (`ticket_events` without the outlet). */
export interface TicketEvent {
  ticket: string;
  businessType: string;
  kind: string;
  /** ISO-8601 with an offset, or epoch ms */
  at: string | number;
  /** Beijing date of `at` (computed when absent) */
  day?: string;
  counter?: string | null;
  staffId?: string | null;
  toBusinessType?: string | null;
}

export type VisitOutcome = 'served' | 'transferred' | 'noShow' | 'abandoned' | 'open';

/** One wait of a ticket for one business type (a transfer starts a second visit). */
export interface Visit {
  day: string;
  ticket: string;
  businessType: string;
  /** epoch ms the wait began (issue, or transfer); null when the issue was never seen */
  startAt: number | null;
  calledAt: number | null;
  servingAt: number | null;
  /** end of service (ended or transferred) */
  endedAt: number | null;
  /** when a no-show or an abandon was recorded */
  leftAt: number | null;
  outcome: VisitOutcome;
  counter: string | null;
  viaTransfer: boolean;
}

const RANK: Record<string, number> = {
  issued: 0,
  called: 1,
  serving: 2,
  transferred: 3,
  ended: 4,
  no_show: 4,
  abandoned: 4,
};

interface Norm {
  ms: number;
  kind: string;
  businessType: string;
  counter: string | null;
  toBusinessType: string | null;
}

/** Visits from events, in order of (day, ticket). Unknown kinds and unparsable times are skipped. */
export function visitsFromEvents(events: Iterable<TicketEvent>): Visit[] {
  const groups = new Map<string, { day: string; ticket: string; evs: Norm[] }>();
  for (const e of events) {
    const ms = typeof e.at === 'number' ? e.at : Date.parse(e.at);
    if (!Number.isFinite(ms) || RANK[e.kind] === undefined) continue;
    const day = e.day ?? beijingDate(ms);
    const key = `${day}\u0000${e.ticket}`;
    let g = groups.get(key);
    if (!g) {
      g = { day, ticket: e.ticket, evs: [] };
      groups.set(key, g);
    }
    g.evs.push({
      ms,
      kind: e.kind,
      businessType: e.businessType,
      counter: e.counter ?? null,
      toBusinessType: e.toBusinessType ?? null,
    });
  }
  const out: Visit[] = [];
  for (const g of groups.values()) {
    g.evs.sort((a, b) => a.ms - b.ms || RANK[a.kind]! - RANK[b.kind]!);
    let cur: Visit | null = null;
    const open = (businessType: string, startAt: number | null, viaTransfer: boolean): Visit => {
      const v: Visit = {
        day: g.day,
        ticket: g.ticket,
        businessType,
        startAt,
        calledAt: null,
        servingAt: null,
        endedAt: null,
        leftAt: null,
        outcome: 'open',
        counter: null,
        viaTransfer,
      };
      out.push(v);
      return v;
    };
    let issued = false;
    for (const e of g.evs) {
      if (e.kind === 'issued') {
        if (issued) continue; // a duplicate issue
        issued = true;
        if (cur === null) cur = open(e.businessType, e.ms, false);
        else if (cur.startAt === null && !cur.viaTransfer) cur.startAt = e.ms; // issue stamped late
        continue;
      }
      cur ??= open(e.businessType, null, false);
      if (cur.outcome !== 'open') continue; // after the ticket's end
      if (e.counter !== null) cur.counter = e.counter;
      switch (e.kind) {
        case 'called':
          cur.calledAt ??= e.ms;
          break;
        case 'serving':
          cur.servingAt ??= e.ms;
          cur.calledAt ??= e.ms;
          break;
        case 'transferred': {
          cur.calledAt ??= e.ms;
          cur.endedAt = e.ms;
          cur.outcome = 'transferred';
          const to = e.toBusinessType ?? cur.businessType;
          cur = open(to, e.ms, true);
          break;
        }
        case 'ended':
          cur.endedAt = e.ms;
          cur.outcome = 'served';
          break;
        case 'no_show':
          cur.calledAt ??= e.ms;
          cur.leftAt = e.ms;
          cur.outcome = 'noShow';
          break;
        case 'abandoned':
          cur.leftAt = e.ms;
          cur.outcome = 'abandoned';
          break;
      }
    }
  }
  return out;
}

/** Minutes the visit waited before its call (served, transferred, no-show), null when unknown. */
export function waitMinutes(v: Visit): number | null {
  if (v.startAt === null || v.calledAt === null) return null;
  return Math.max(0, (v.calledAt - v.startAt) / 60_000);
}

/** Minutes the counter was busy with the visit: call → end of service (served or transferred). */
export function serviceMinutes(v: Visit): number | null {
  if ((v.outcome !== 'served' && v.outcome !== 'transferred') || v.calledAt === null || v.endedAt === null)
    return null;
  return Math.max(0, (v.endedAt - v.calledAt) / 60_000);
}

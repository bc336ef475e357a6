/**
 * Staffing by the analytic fast path: the fewest servers whose Erlang C (or Erlang A) service
 * level meets a target, and per slot for a whole scenario.
 */
import { type QueueMetrics, queueMetrics } from './erlang';
import { bySlot } from './scenario/plan';
import type { Minutes, PerMinute } from './units';

export interface StaffingInput {
  arrivalRate: PerMinute;
  serviceRate: PerMinute;
  patienceRate?: PerMinute;
  targetMinutes: Minutes;
  /** e.g. 0.8 for "80% within the target" */
  serviceLevel: number;
  /** the search stops here; default 10,000 */
  maxServers?: number;
}

export interface StaffingTable {
  rows: QueueMetrics[];
  /** the fewest servers meeting the target, or null when none up to maxServers does */
  staff: number | null;
}

export function fewestStaff(input: StaffingInput): number | null {
  return staffingTable(input).staff;
}

/**
 * Rows from the smallest useful number of servers (the first stable one for Erlang C; for
 * Erlang A, a few below the offered load) up to the answer.
 */
export function staffingTable(input: StaffingInput): StaffingTable {
  if (!(input.serviceLevel >= 0 && input.serviceLevel <= 1))
    throw new RangeError('service level must be in [0, 1]');
  const max = input.maxServers ?? 10_000;
  const a = input.arrivalRate / input.serviceRate;
  const theta = input.patienceRate ?? 0;
  const rows: QueueMetrics[] = [];
  if (input.arrivalRate === 0) {
    const m = queueMetrics({ ...input, servers: 1 });
    return { rows: [m], staff: input.serviceLevel <= m.serviceLevel ? 0 : 1 };
  }
  const start = theta > 0 ? Math.max(1, Math.floor(a) - 3) : Math.floor(a) + 1;
  // Erlang A may already meet the target below the start: search down first
  let first = start;
  if (theta > 0) {
    while (first > 1) {
      const m = queueMetrics({ ...input, servers: first - 1 });
      if (m.serviceLevel < input.serviceLevel) break;
      first--;
    }
  }
  for (let n = first; n <= max; n++) {
    const m = queueMetrics({ ...input, servers: n });
    rows.push(m);
    if (m.serviceLevel >= input.serviceLevel) return { rows, staff: n };
  }
  return { rows, staff: null };
}

export interface SlotStaffing {
  index: number;
  start: string;
  zones: Array<{
    zone: string;
    /** offered load in Erlangs (arrival rate × mean service time) */
    offeredLoad: number;
    /** fewest servers meeting the target, null when none up to the zone's limit does */
    staff: number | null;
    targetMinutes: number;
    model: 'M/M/c' | 'M/M/c+M';
  }>;
}

/**
 * Per slot and zone, the fewest servers meeting `serviceLevel` by the analytic fast path: the
 * zone's types pooled into one stream (rate-weighted mean service time, the strictest target,
 * Erlang A when every type has exponential patience with the same mean, else Erlang C), each
 * type's service and patience those of the slot (`serviceByPeriod`, `patienceByPeriod`).
 * It ignores the welcome step, breaks and backfill: the simulation is the truth.
 */
export function slotStaffing(model: import('./model').Model, serviceLevel: number): SlotStaffing[] {
  const sc = model.scenario;
  const out: SlotStaffing[] = [];
  const S = model.slotsPerDay;
  const patienceOf = new Map(
    sc.businessTypes.map((b) => [b.id, bySlot(sc, b.patience, b.patienceByPeriod, (q) => q.distribution)]),
  );
  for (let k = 0; k < S; k++) {
    const t = model.openMinute + k * model.slotMinutes;
    const start = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
    const zones = sc.zones.map((z) => {
      const types = sc.businessTypes.filter((b) => z.serves.includes(b.id));
      let rate = 0;
      let work = 0;
      let target = Number.POSITIVE_INFINITY;
      for (const b of types) {
        const r = (Array.isArray(b.arrivalsPerHour) ? b.arrivalsPerHour[k]! : b.arrivalsPerHour) / 60;
        const i = model.typeIds.indexOf(b.id);
        rate += r;
        work += r * model.serviceBySlot[i * S + k]!.mean;
        target = Math.min(target, b.targetWaitMinutes);
      }
      const pats = types.map((b) => patienceOf.get(b.id)![k]);
      const first = pats[0];
      const exp =
        first !== undefined &&
        first.type === 'exponential' &&
        pats.every((p) => p !== undefined && p.type === 'exponential' && p.mean === first.mean);
      const theta = exp && first.type === 'exponential' ? 1 / first.mean : 0;
      const meanService = rate > 0 ? work / rate : 1;
      const perStaff = z.kind === 'superCounter' ? (z.assistPerStaff ?? 1) : 1;
      const table = staffingTable({
        arrivalRate: rate as PerMinute,
        serviceRate: (1 / meanService) as PerMinute,
        patienceRate: theta as PerMinute,
        targetMinutes: target as Minutes,
        serviceLevel,
        maxServers: z.capacity,
      });
      const servers = table.staff;
      return {
        zone: z.id,
        offeredLoad: work,
        staff: servers === null ? null : Math.ceil(servers / perStaff),
        targetMinutes: target,
        model: theta > 0 ? ('M/M/c+M' as const) : ('M/M/c' as const),
      };
    });
    out.push({ index: k, start, zones });
  }
  return out;
}

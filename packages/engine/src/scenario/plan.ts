/**
 * Time plans of a scenario, shared by validation and compilation: periods on slot boundaries,
 * a zone's staffing by slot, the people of a zone on duty, and the intervals a person is
 * available (shifts minus breaks).
 */
import type { Scenario, ZoneStaffing } from './schema';

/** "HH:MM" → minutes after midnight */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes after midnight → "HH:MM". */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Merges overlapping or touching intervals. */
export function intervals(list: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Subtracts breaks from shifts: the intervals a person is available. */
export function availability(
  shifts: Array<[number, number]>,
  breaks: Array<[number, number]>,
): Array<[number, number]> {
  let cur = intervals(shifts);
  for (const [ba, bb] of breaks) {
    const next: Array<[number, number]> = [];
    for (const [a, b] of cur) {
      if (bb <= a || ba >= b) next.push([a, b]);
      else {
        if (ba > a) next.push([a, ba]);
        if (bb < b) next.push([bb, b]);
      }
    }
    cur = next;
  }
  return cur;
}

/** A named staff member's availability in minutes after opening. */
export function staffAvailability(sc: Scenario, s: Scenario['staff'][number]): Array<[number, number]> {
  const open = clockMinutes(sc.hours.open);
  const shifts: Array<[number, number]> = (s.shifts ?? [{ start: sc.hours.open, end: sc.hours.close }]).map(
    (x) => [clockMinutes(x.start) - open, clockMinutes(x.end) - open],
  );
  const breaks: Array<[number, number]> = s.breaks.map((x) => [
    clockMinutes(x.start) - open,
    clockMinutes(x.end) - open,
  ]);
  return availability(shifts, breaks);
}

/**
 * A value per slot from a default and periods { from, to } (validated: on slot boundaries,
 * inside the day, no overlap).
 */
export function bySlot<T, P extends { from: string; to: string }>(
  sc: Scenario,
  fallback: T,
  periods: readonly P[],
  value: (p: P) => T,
): T[] {
  const open = clockMinutes(sc.hours.open);
  const S = (clockMinutes(sc.hours.close) - open) / sc.slotMinutes;
  const out = new Array<T>(S).fill(fallback);
  for (const p of periods) {
    const a = (clockMinutes(p.from) - open) / sc.slotMinutes;
    const b = (clockMinutes(p.to) - open) / sc.slotMinutes;
    const v = value(p);
    for (let k = a; k < b; k++) out[k] = v;
  }
  return out;
}

/** People on duty at a zone in each slot of the day, from its `staffing`. */
export function staffingCounts(sc: Scenario, staffing: ZoneStaffing): number[] {
  if (Array.isArray(staffing)) return [...staffing];
  return bySlot(sc, staffing.default, staffing.periods, (p) => p.count);
}

/**
 * The people a staffing plan puts on duty, as availability intervals (minutes after opening):
 * person i is on duty in the slots whose count exceeds i, so counters open and close at slot
 * boundaries and the last opened closes first.
 */
export function staffingPeople(
  counts: readonly number[],
  slotMinutes: number,
): Array<Array<[number, number]>> {
  let max = 0;
  for (const c of counts) max = Math.max(max, c);
  const people: Array<Array<[number, number]>> = [];
  for (let i = 0; i < max; i++) {
    const on: Array<[number, number]> = [];
    counts.forEach((c, k) => {
      if (c > i) on.push([k * slotMinutes, (k + 1) * slotMinutes]);
    });
    people.push(intervals(on));
  }
  return people;
}

/**
 * For each slot, the most people of `zone` on duty at once in it (named staff at home there by
 * their availability, plus its staffing plan). Backfill is not counted: it is decided in the run.
 */
export function zoneOnDutyPeak(sc: Scenario, zoneId: string): number[] {
  const S = (clockMinutes(sc.hours.close) - clockMinutes(sc.hours.open)) / sc.slotMinutes;
  const slot = sc.slotMinutes;
  const zone = sc.zones.find((z) => z.id === zoneId);
  const plan = zone?.staffing ? staffingCounts(sc, zone.staffing) : new Array<number>(S).fill(0);
  // named staff: +1 / -1 steps, swept slot by slot
  const steps: Array<[number, number]> = [];
  for (const s of sc.staff) {
    if (s.home !== zoneId) continue;
    for (const [a, b] of staffAvailability(sc, s)) {
      steps.push([a, 1]);
      steps.push([b, -1]);
    }
  }
  steps.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out = new Array<number>(S).fill(0);
  let cur = 0;
  let i = 0;
  for (let k = 0; k < S; k++) {
    const start = k * slot;
    const end = start + slot;
    while (i < steps.length && steps[i]![0] <= start) cur += steps[i++]![1];
    let peak = cur;
    while (i < steps.length && steps[i]![0] < end) {
      cur += steps[i++]![1];
      peak = Math.max(peak, cur);
    }
    out[k] = peak + (plan[k] ?? 0);
  }
  return out;
}

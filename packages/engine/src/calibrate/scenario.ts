/**
 * A scenario for one day from a calibration (pure): the arrivals of the day's type, the fitted
 * service and patience, and the counters open per half hour as each zone's `staffing` (no named
 * staff: the counters are the people). The business type → zone mapping is an input (the server
 * maps as its recommend's `buildScenario` does).
 */
import type { HolidayCalendar } from '../complaints/calendar';
import type { ScenarioInput } from '../scenario/schema';
import { dayClass, dayType } from '../time/daytypes';
import { arrivalsFor, type Calibration, type DayClassName, SLOT_MINUTES, slotClock } from './fit';

export interface ZoneInput {
  id: string;
  name?: string;
  kind: 'counter' | 'superCounter' | 'wealthDesk' | 'other';
  capacity: number;
}

export interface DayScenarioOptions {
  calendar?: HolidayCalendar;
  /** the zones (default: one counter zone per zone the calibration saw) */
  zones?: ZoneInput[];
  /** business type → zone id (default: the calibration's zones, a type per zone of its name) */
  typeZone?: Record<string, string>;
  /** zone → counters open per half hour (48 from 00:00); default: the fitted mean of the day's class */
  staffing?: Record<string, number[]>;
  /** business type → arrivals per hour per half hour (48 from 00:00); default: the fit for the day type */
  arrivals?: Record<string, number[]>;
  targetWaitMinutes?: number;
  name?: string;
}

/** The fitted hours of a class (falls back to the weekday's, then 09:00–17:00). */
export function hoursFor(fit: Calibration, c: DayClassName) {
  return (
    fit.hours.find((h) => h.dayClass === c) ??
    fit.hours.find((h) => h.dayClass === 'weekday') ?? {
      openSlot: 18,
      closeSlot: 34,
      open: '09:00',
      close: '17:00',
    }
  );
}

/** A scenario for `day` from the fit; null when it has no business type to serve. */
export function scenarioForDay(
  fit: Calibration,
  day: string,
  opts: DayScenarioOptions = {},
): ScenarioInput | null {
  const cal = opts.calendar ?? { holidays: new Set<string>(), workdays: new Set<string>() };
  const t = dayType(day, cal, fit.outletDays);
  const c = dayClass(t);
  const h = hoursFor(fit, c);
  const typeZone = opts.typeZone ?? Object.fromEntries(fit.businessTypes.map((b) => [b, b]));
  const zones: ZoneInput[] =
    opts.zones ??
    [...new Set(Object.values(typeZone))].map((id) => ({ id, kind: 'counter' as const, capacity: 1 }));
  const profile = opts.arrivals ?? arrivalsFor(fit, t)?.perType ?? {};
  const types = fit.businessTypes.filter((b) => typeZone[b] && zones.some((z) => z.id === typeZone[b]));
  if (!types.length) return null;
  const slice = (row: number[] | undefined) => {
    const out: number[] = [];
    for (let k = h.openSlot; k < h.closeSlot; k++) out.push(row?.[k] ?? 0);
    return out;
  };
  const staffingOf = (zone: string) => {
    const row = opts.staffing?.[zone] ?? fit.counters.zones.find((z) => z.zone === zone)?.byClass[c];
    return slice(row).map((x) => Math.max(0, Math.round(x)));
  };
  const pooled = fit.patience.pooled.distribution;
  const clip = (from: string, to: string) => {
    const open = slotClock(h.openSlot);
    const close = slotClock(h.closeSlot);
    const a = from < open ? open : from;
    const b = to > close ? close : to;
    return a < b ? { from: a, to: b } : null;
  };
  const used = zones.filter((z) => types.some((b) => typeZone[b] === z.id));
  return {
    name: opts.name ?? `calibrated ${day}`,
    hours: { open: h.open, close: h.close },
    slotMinutes: SLOT_MINUTES,
    drain: true,
    drainLimitMinutes: 240,
    businessTypes: types.map((b) => {
      const s = fit.service.find((x) => x.businessType === b);
      const p = fit.patience.byType.find((x) => x.businessType === b)?.distribution ?? pooled;
      const byPeriod = (s?.byPeriod ?? []).flatMap((x) => {
        const w = clip(x.from, x.to);
        return w ? [{ ...w, distribution: x.distribution }] : [];
      });
      return {
        id: b,
        arrivalsPerHour: slice(profile[b]),
        service: s ? s.distribution : { type: 'exponential' as const, mean: 5 },
        serviceByPeriod: byPeriod,
        patience: p,
        targetWaitMinutes: opts.targetWaitMinutes ?? 10,
      };
    }),
    zones: used.map((z) => {
      const staffing = staffingOf(z.id);
      return {
        id: z.id,
        ...(z.name ? { name: z.name } : {}),
        // the ticket machine's counters are the servers: a super counter's are counted as counters
        kind: z.kind === 'superCounter' ? ('counter' as const) : z.kind,
        capacity: Math.max(1, z.capacity, ...staffing),
        serves: types.filter((b) => typeZone[b] === z.id),
        staffing,
      };
    }),
    staff: [],
    modePlan: { default: 'fixed', periods: [] },
  };
}

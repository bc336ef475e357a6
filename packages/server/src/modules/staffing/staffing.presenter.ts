import type { RequirementCell as EngineCell, RequirementResult } from '@liangdian/engine';
import type { RequirementCell, RequirementDay } from '@liangdian/shared/api';

/** What a day's requirement was made from, besides the engine's answer. */
export interface DayInputs {
  day: string;
  weekday: number;
  source: RequirementDay['source'];
  calibrated: boolean;
  /** the opening as a half hour of the day */
  openSlot: number;
}

const cell = (c: EngineCell): RequirementCell => ({
  erlang: c.erlang,
  simulated: c.simulated,
  differs: c.differs,
  reason: c.reason,
  erlangServiceLevel: c.erlangServiceLevel,
  simulatedServiceLevel: c.simulatedServiceLevel,
  arrivalsPerHour: Number(c.arrivalsPerHour.toFixed(3)),
  offeredLoad: Number(c.offeredLoad.toFixed(3)),
});

/** One day of the API's answer from the engine's. */
export function presentDay(d: DayInputs, r: RequirementResult): RequirementDay {
  return {
    day: d.day,
    weekday: d.weekday,
    source: d.source,
    calibrated: d.calibrated,
    hours: r.hours,
    met: r.met,
    differences: r.differences,
    simulations: r.simulations,
    slots: r.slots.map((s) => ({
      slot: d.openSlot + s.index,
      start: s.start,
      end: s.end,
      mode: s.mode,
      zones: s.zones.map(({ zone, ...c }) => ({ zoneId: zone, ...cell(c) })),
      welcome: cell(s.welcome),
      superCounter: s.superCounter ? cell(s.superCounter) : null,
      total: s.total,
    })),
  };
}

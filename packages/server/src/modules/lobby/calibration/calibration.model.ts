import type { TicketEvent, ZoneInput } from '@liangdian/engine';

/** A stored `ticket_events` row (or a demo history event of the same shape). */
export interface StoredTicketEvent {
  ticket: string;
  business_type: string;
  kind: string;
  at: string | number;
  day: string;
  counter: string | null;
  to_business_type: string | null;
}

/** The engine's ticket event of a stored row. */
export const ticketEventOf = (e: StoredTicketEvent): TicketEvent => ({
  ticket: e.ticket,
  businessType: e.business_type,
  kind: e.kind,
  at: e.at,
  day: e.day,
  counter: e.counter,
  toBusinessType: e.to_business_type,
});

/**
 * The outlet's floor as the calibration sees it (pure): each business type goes to the zone of
 * its default zone kind, else to the first counter zone, else to the first zone — the mapping
 * the recommend's `buildScenario` uses (recommend.model.ts), so both simulate the same floor.
 */
const ENGINE_ZONE_KIND: Record<string, ZoneInput['kind']> = {
  cash: 'counter',
  non_cash: 'counter',
  super_counter: 'superCounter',
  wealth: 'wealthDesk',
};

export interface FloorZone {
  id: string;
  name: string;
  kind: string;
  capacity: number;
}

export function floorMapping(
  zones: FloorZone[],
  types: { code: string; default_zone_kind: string }[],
): { zones: (ZoneInput & { name: string })[]; typeZone: Record<string, string> } {
  const serving = zones.filter((z) => z.kind !== 'waiting' && z.kind !== 'guidance');
  const counters = serving.filter((z) => ENGINE_ZONE_KIND[z.kind]);
  const typeZone: Record<string, string> = {};
  for (const t of types) {
    const z = serving.find((x) => x.kind === t.default_zone_kind) ?? counters[0] ?? serving[0];
    if (z) typeZone[t.code] = z.id;
  }
  return {
    zones: serving.map((z) => ({
      id: z.id,
      name: z.name,
      kind: ENGINE_ZONE_KIND[z.kind] ?? 'other',
      capacity: Math.max(1, z.capacity),
    })),
    typeZone,
  };
}

import type { ZoneInput } from '@liangdian/engine';

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

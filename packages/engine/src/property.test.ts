import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mmcScenario } from './mmc';
import { compileScenario } from './model';
import { simulate } from './run';
import type { ScenarioInput } from './scenario/schema';
import type { SimObserver } from './simulator';
import type { Minutes, PerMinute } from './units';

const dist = fc.oneof(
  fc.record({
    type: fc.constant('exponential' as const),
    mean: fc.double({ min: 0.5, max: 20, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('deterministic' as const),
    value: fc.double({ min: 0, max: 10, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('lognormal' as const),
    mean: fc.double({ min: 0.5, max: 20, noNaN: true }),
    sd: fc.double({ min: 0.1, max: 10, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('gamma' as const),
    shape: fc.double({ min: 0.3, max: 6, noNaN: true }),
    scale: fc.double({ min: 0.2, max: 5, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('empirical' as const),
    values: fc.array(fc.double({ min: 0, max: 15, noNaN: true }), { minLength: 1, maxLength: 6 }),
  }),
);

const roles = [
  'lobbyManager',
  'customerServiceManager',
  'teller',
  'wealthManager',
  'accountManager',
] as const;

/** Random valid scenarios: 1–3 types, 1–3 zones, 1–6 staff, both modes, backfill rules. */
const scenarioArb: fc.Arbitrary<ScenarioInput> = fc
  .record({
    nTypes: fc.integer({ min: 1, max: 3 }),
    nZones: fc.integer({ min: 1, max: 3 }),
    staff: fc.array(
      fc.record({
        role: fc.constantFrom(...roles),
        home: fc.integer({ min: -1, max: 2 }),
        skills: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
        breakAt: fc.option(fc.integer({ min: 1, max: 6 })),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    rates: fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 8, maxLength: 8 }), {
      minLength: 3,
      maxLength: 3,
    }),
    services: fc.array(dist, { minLength: 3, maxLength: 3 }),
    patience: fc.array(fc.option(dist), { minLength: 3, maxLength: 3 }),
    priority: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
    modes: fc.array(fc.constantFrom('fixed' as const, 'rotating' as const), { minLength: 8, maxLength: 8 }),
    capacity: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    kinds: fc.array(fc.constantFrom('counter' as const, 'superCounter' as const, 'wealthDesk' as const), {
      minLength: 3,
      maxLength: 3,
    }),
    rules: fc.array(
      fc.record({
        post: fc.integer({ min: -1, max: 2 }),
        backups: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
        postEmpty: fc.boolean(),
        queueLength: fc.option(fc.integer({ min: 1, max: 5 })),
        oldestWait: fc.option(fc.double({ min: 0.5, max: 20, noNaN: true })),
      }),
      { maxLength: 3 },
    ),
  })
  .map((g) => {
    const types = Array.from({ length: g.nTypes }, (_, i) => `b${i}`);
    const zones = Array.from({ length: g.nZones }, (_, i) => `z${i}`);
    const post = (k: number) => (k < 0 ? 'welcome' : zones[k % g.nZones]!);
    const clock = (slot: number) =>
      `${String(9 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
    const staff = g.staff.map((s, i) => ({
      id: `s${i}`,
      role: s.role,
      home: post(s.home),
      skills: [...new Set(s.skills.filter((k) => k < g.nTypes).map((k) => types[k]!))],
      breaks: s.breakAt === null ? [] : [{ start: clock(s.breakAt), end: clock(s.breakAt + 1) }],
    }));
    return {
      name: 'random',
      hours: { open: '09:00', close: '13:00' },
      businessTypes: types.map((id, i) => ({
        id,
        arrivalsPerHour: g.rates[i]!,
        service: g.services[i]!,
        ...(g.patience[i] ? { patience: g.patience[i]! } : {}),
        priority: g.priority[i]!,
        targetWaitMinutes: 5,
      })),
      zones: zones.map((id, z) => ({
        id,
        kind: g.kinds[z]!,
        capacity: g.capacity[z]!,
        serves: types.filter((_, i) => i % g.nZones === z),
        ...(g.kinds[z] === 'superCounter' ? { assistPerStaff: 2 } : {}),
      })),
      staff,
      welcome: { triage: g.services[0]!, escort: g.services[1]! },
      modePlan: {
        default: 'fixed' as const,
        periods: g.modes.map((mode, k) => ({ from: clock(k), to: clock(k + 1), mode })),
      },
      backfill: g.rules
        .map((r) => ({
          post: post(r.post),
          backups: r.backups.filter((b) => b < staff.length).map((b) => `s${b}`),
          triggers: {
            postEmpty: r.postEmpty || (r.queueLength === null && r.oldestWait === null),
            ...(r.queueLength !== null ? { queueLength: r.queueLength } : {}),
            ...(r.oldestWait !== null ? { oldestWaitMinutes: r.oldestWait } : {}),
          },
        }))
        .filter((r) => r.backups.length > 0),
    } satisfies ScenarioInput;
  })
  .filter((s) => s.zones.every((z) => z.serves.length > 0));

describe('invariants on random valid scenarios', () => {
  it('no negative waits, skills respected, utilisation ≤ 1, no event before its cause, conservation', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 1000 }), (sc, seed) => {
        const model = compileScenario(sc);
        let lastEvent = Number.NEGATIVE_INFINITY;
        let problems = 0;
        const note = (ok: boolean) => {
          if (!ok) problems++;
        };
        const obs: SimObserver = {
          schedule: (now, at) => note(at >= now),
          event: (t) => {
            // time never runs backwards; each replication starts again at 0
            note(t >= lastEvent || t === 0);
            lastEvent = t;
          },
          serviceStart: (e) => {
            note(e.wait >= 0);
            note(e.time >= e.arrival);
            note(model.skill[e.staff * model.nTypes + e.type] === 1);
            note(model.typePost[e.type] === e.post);
          },
          abandon: (e) => note(e.wait >= 0 && e.time >= e.arrival),
        };
        const r = simulate(model, { replications: 2, seed, observer: obs });
        expect(problems).toBe(0);
        for (const g of [r, ...r.byBusinessType]) {
          expect(g.arrivals).toBe(g.served + g.abandoned + g.turnedAway + g.inSystemAtEnd);
          if (Number.isFinite(g.waitMinutes.mean)) expect(g.waitMinutes.mean).toBeGreaterThanOrEqual(0);
        }
        for (const s of r.staff)
          if (Number.isFinite(s.utilisation)) expect(s.utilisation).toBeLessThanOrEqual(1 + 1e-12);
        for (const p of r.posts)
          if (Number.isFinite(p.utilisation)) expect(p.utilisation).toBeLessThanOrEqual(1 + 1e-12);
        if (Number.isFinite(r.utilisation)) expect(r.utilisation).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('with common random numbers, one more server never raises the mean wait of an M/M/c run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0.2, max: 0.95, noNaN: true }),
        fc.double({ min: 0.2, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (c, rho, mu, seed) => {
          const spec = {
            arrivalRate: (rho * c * mu) as PerMinute,
            serviceRate: mu as PerMinute,
            horizon: 600 as Minutes,
            drain: true,
          };
          const run = (servers: number) => {
            const s = { ...mmcScenario({ ...spec, servers }), drainLimitMinutes: 1440 };
            return simulate(s, { replications: 2, seed });
          };
          const a = run(c);
          const b = run(c + 1);
          fc.pre(a.inSystemAtEnd === 0 && b.inSystemAtEnd === 0);
          expect(b.arrivals).toBe(a.arrivals);
          expect(b.waitMinutes.mean).toBeLessThanOrEqual(a.waitMinutes.mean + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });
});

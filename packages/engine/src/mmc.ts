/**
 * The M/M/c(+M) shorthand as an ordinary scenario: one business type with exponential service
 * (and patience), one counter zone with c counters and c tellers, no welcome step. It runs
 * through the full engine like any other scenario.
 */
import type { ScenarioInput } from './scenario/schema';
import type { Minutes, PerMinute } from './units';

export interface MmcSpec {
  arrivalRate: PerMinute;
  serviceRate: PerMinute;
  servers: number;
  patienceRate?: PerMinute;
  horizon: Minutes;
  warmup?: Minutes;
  targetMinutes?: Minutes;
  drain?: boolean;
}

export function mmcScenario(spec: MmcSpec): ScenarioInput {
  const staff = Array.from({ length: spec.servers }, (_, i) => ({
    id: `server-${i + 1}`,
    role: 'teller' as const,
    skills: ['customers'],
    home: 'counters',
  }));
  const label = `M/M/${spec.servers}${spec.patienceRate ? '+M' : ''}`;
  return {
    name: `${label} λ=${spec.arrivalRate}/min μ=${spec.serviceRate}/min${spec.patienceRate ? ` θ=${spec.patienceRate}/min` : ''}`,
    hours: { open: '00:00', close: '24:00' },
    slotMinutes: 60,
    horizonMinutes: spec.horizon,
    warmupMinutes: spec.warmup ?? 0,
    drain: spec.drain ?? false,
    businessTypes: [
      {
        id: 'customers',
        arrivalsPerHour: spec.arrivalRate * 60,
        service: { type: 'exponential', mean: 1 / spec.serviceRate },
        ...(spec.patienceRate
          ? { patience: { type: 'exponential' as const, mean: 1 / spec.patienceRate } }
          : {}),
        targetWaitMinutes: spec.targetMinutes ?? 0,
      },
    ],
    zones: [{ id: 'counters', kind: 'counter', capacity: spec.servers, serves: ['customers'] }],
    staff,
  };
}

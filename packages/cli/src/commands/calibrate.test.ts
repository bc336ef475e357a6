import type { Calibration } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import { formatCalibration } from './calibrate';

const m = (wait: number, aband: number) => ({
  tickets: 100,
  served: 90,
  left: 10,
  meanWaitMinutes: wait,
  serviceLevel: 0.8,
  abandonment: aband,
});
const base: Calibration = {
  outletId: 'o1',
  window: { from: '2026-11-01', to: '2026-11-28', days: 24, tickets: 5000, visits: 5100 },
  hours: [{ dayClass: 'weekday', days: 20, open: '09:00', close: '17:30' }],
  slots: ['09:00'],
  businessTypes: ['cash'],
  arrivals: [
    {
      key: 'weekday',
      dayClass: 'weekday',
      flag: null,
      days: 18,
      source: 'own',
      factor: null,
      perType: { cash: [40] },
    },
  ],
  service: [{ businessType: 'cash', n: 900, mean: 5, median: 4, p90: 9, byPeriod: [], tested: [] }],
  patience: {
    pooled: {
      businessType: null,
      exact: 10,
      left: 20,
      right: 900,
      medianMinutes: null,
      tail: 0.6,
      curve: [
        { minutes: 0, survival: 1 },
        { minutes: 1, survival: 0.9 },
      ],
    },
    byType: [],
  },
  counters: {
    spellGapMinutes: 5,
    zones: [{ zoneId: 'z', zoneName: '现金区', counters: ['1', '2'], weekday: [2], weekend: null }],
  },
  backtest: null,
  backtestNote: 'too-few-days',
};

describe('formatCalibration', () => {
  it('prints the inputs and says when there is no backtest', () => {
    const s = formatCalibration(base);
    expect(s).toContain('Hours (weekday, 20 days): 09:00–17:30');
    expect(s).toContain('Counters 现金区 (1 2)');
    expect(s).toContain('S(1) 0.900');
    expect(s).toContain('Backtest: not enough days');
  });

  it('prints the backtest per slot and the verdict on the goal', () => {
    const s = formatCalibration({
      ...base,
      backtest: {
        fit: { from: '2026-10-25', to: '2026-11-21', days: 24 },
        test: { from: '2026-11-22', to: '2026-11-28', days: 6 },
        arrivals: 'observed',
        replications: 10,
        seed: 1,
        slots: [
          {
            start: '09:00',
            end: '09:30',
            actual: m(2, 0.1),
            predicted: m(2.5, 0.1),
            error: { meanWait: 0.25, serviceLevel: 0, abandonment: 0 },
          },
        ],
        overall: {
          actual: m(2, 0.1),
          predicted: m(2.5, 0.1),
          error: { meanWait: 0.25, serviceLevel: 0, abandonment: 0 },
        },
        goal: 0.2,
        meetsGoal: false,
        events: 1000,
      },
    });
    expect(s).toContain('+25.0%');
    expect(s).toContain('NOT met');
  });
});

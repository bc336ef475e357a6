import {
  ForecastHistoryError,
  forecastArrivals,
  holidayCalendar,
  requirementOf,
  type ScenarioInput,
} from '@liangdian/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { jobKey, RequirementPool } from './requirement.pool';

/** A short morning of one counter zone (the pool's answers are the engine's, only elsewhere). */
function morning(peak: number): ScenarioInput {
  return {
    name: 'morning',
    hours: { open: '09:00', close: '11:00' },
    businessTypes: [
      {
        id: 'cash',
        arrivalsPerHour: [20, peak, peak, 20],
        service: { type: 'exponential', mean: 6 },
        targetWaitMinutes: 10,
      },
    ],
    zones: [{ id: 'counter', kind: 'counter', capacity: 6, serves: ['cash'] }],
    staff: [],
  };
}
const options = { serviceLevel: 0.8, replications: 10, seed: 1 };

describe('RequirementPool', () => {
  const pool = new RequirementPool(undefined, 2, 2);
  afterAll(() => pool.close());

  it('answers what the engine answers, from its workers, several jobs at once', async () => {
    const jobs = [30, 40, 50].map((p) => ({ scenario: morning(p), options }));
    const answers = await Promise.all(jobs.map((j) => pool.run(j)));
    answers.forEach((a, i) => {
      expect(a).toEqual(requirementOf(jobs[i]!.scenario, jobs[i]!.options));
    });
    expect(pool.stats.runs).toBe(3);
  }, 60_000);

  it('keeps the last answers by the job’s hash: the same job again simulates nothing, each caller gets its own copy', async () => {
    const job = { scenario: morning(50), options };
    const runs = pool.stats.runs;
    const a = await pool.run(job);
    const b = await pool.run({ scenario: morning(50), options: { ...options } });
    expect(pool.stats.runs).toBe(runs);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    // another seed or replications is another job
    expect(jobKey({ ...job, options: { ...options, seed: 2 } })).not.toBe(jobKey(job));
    expect(jobKey({ ...job, options: { ...options, replications: 11 } })).not.toBe(jobKey(job));
    await pool.run({ scenario: morning(50), options: { ...options, seed: 2 } });
    expect(pool.stats.runs).toBe(runs + 1);
    // two entries kept: 30 was pushed out, it is simulated again
    await pool.run({ scenario: morning(30), options });
    expect(pool.stats.runs).toBe(runs + 2);
  }, 60_000);

  it('fails a job whose scenario the engine refuses, and goes on with the next', async () => {
    const bad = { ...morning(30), zones: [] };
    await expect(pool.run({ scenario: bad, options })).rejects.toThrow();
    await expect(pool.run({ scenario: morning(35), options })).resolves.toMatchObject({
      slots: expect.any(Array),
    });
  }, 60_000);
});

describe('RequirementPool.forecast', () => {
  const pool = new RequirementPool(undefined, 1, 0);
  afterAll(() => pool.close());

  it('fits in a worker and keeps the engine’s refusal of a short history as its error', async () => {
    const input = {
      counts: [{ day: '2026-01-05', slot: 20, businessType: 'cash', count: 3 }],
      from: '2026-01-05',
      to: '2026-01-07',
      weeks: 1,
      calendar: holidayCalendar([]),
    };
    const err = await pool.forecast(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForecastHistoryError);
    expect(err).toMatchObject({ days: 3 });
    expect(() => forecastArrivals(input)).toThrow(ForecastHistoryError);
  }, 60_000);
});

import type { SolveRun } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/policy';
import { PLANNING_ROSTER_LIMITS, rosterStep } from './planning.steps';

const actor: Actor = {
  userId: 'u1',
  username: 'cp',
  displayName: '消保 王',
  role: 'cp_officer' as Actor['role'],
  branchId: 'b1',
  outletId: null,
  staffId: null,
  locale: 'zh-CN',
  ip: '',
};

const run = (over: Partial<SolveRun>): SolveRun => ({
  runId: 'r1',
  state: 'done',
  progress: 1,
  elapsedSeconds: 3.14,
  solverStatus: 'optimal',
  objective: 10,
  bound: 10,
  gap: 0,
  rosterId: 'x',
  version: 2,
  error: null,
  ...over,
});

const input = { runId: 'run-9', branchId: 'b1', outletId: 'o1', weekStart: '2026-12-14', results: {} };

describe('the planning roster step', () => {
  it("solves the outlet's week in the starter's name and sums it up", async () => {
    const calls: unknown[] = [];
    const fn = rosterStep(
      {
        solveAndWait: async (...args) => {
          calls.push(args);
          return run({});
        },
      },
      async (runId) => {
        expect(runId).toBe('run-9');
        return actor;
      },
    );
    expect(await fn(input)).toEqual({ status: 'optimal', gap: 0, version: 2, seconds: 3.1 });
    expect(calls).toEqual([[actor, 'o1', '2026-12-14', { ...PLANNING_ROSTER_LIMITS }]]);
  });

  it('fails the step when the solve did not end with a roster', async () => {
    const fn = rosterStep(
      {
        solveAndWait: async () => run({ state: 'failed', error: 'no posts', rosterId: null, version: null }),
      },
      async () => actor,
    );
    await expect(fn(input)).rejects.toThrow('no posts');
  });
});

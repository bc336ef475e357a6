import { z } from 'zod';
import { endpoints } from './endpoint';
import { ZonedInstant } from './complaint-fields';

/**
 * FOR TESTS ONLY (mounted when the server runs with TEST_CLOCK=true, never in the API map): the
 * server's injected date, moved by an admin so that E2E tests see what a later day brings.
 */
export const TestClockSet = z
  .object({
    /** the instant the clock shows from now on (and then runs on from), or null: the wall clock */
    at: ZonedInstant.nullable(),
  })
  .strict();

export const TestClockState = z.object({
  now: z.string(),
  /** what the deadline reminders' tick ran at the new time */
  reminders: z.object({ scope: z.enum(['window', 'today']).nullable(), created: z.number().int() }),
});

const e = endpoints(['test']);

export const testClockApi = {
  setTestClock: e.put(
    '/test/clock',
    'Move the injected clock and run the reminders (TEST_CLOCK only; admin)',
    {
      body: TestClockSet,
      response: TestClockState,
    },
  ),
} as const;

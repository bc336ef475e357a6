import { testClockApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../http/route';
import type { SettableClock } from '../../lib/clock';
import { forbidden } from '../../lib/errors';
import type { DueReminderScheduler } from '../complaints/notifications.scheduler';

/**
 * FOR TESTS ONLY, mounted when TEST_CLOCK=true (config.ts refuses it in production unless told
 * twice): an admin sets the injected clock, and the deadline reminders' tick runs at once at the
 * new time, as the timer would within the minute.
 */
export async function testClockRoutes(
  app: FastifyInstance,
  opts: { clock: SettableClock; reminders: DueReminderScheduler },
) {
  mount(app, testClockApi, {
    setTestClock: async ({ actor, body }) => {
      if (actor.role !== 'admin') throw forbidden();
      opts.clock.set(body.at);
      const now = opts.clock.now();
      return { now: now.toISOString(), reminders: await opts.reminders.tick(now) };
    },
  });
}

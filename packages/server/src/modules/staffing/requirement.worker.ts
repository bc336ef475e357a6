/**
 * The requirement's worker thread (requirement.pool.ts): runs the engine's `requirementOf` (the
 * whole-day simulations) and `forecastArrivals` (the forecast's fit) off the server's event loop. Bundled as requirement-worker.js next to the
 * server's bundle by scripts/build.mjs; from the sources, the pool bundles it on first use.
 */
import { parentPort } from 'node:worker_threads';
import { ForecastHistoryError, forecastArrivals, requirementOf } from '@liangdian/engine';
import type { PoolReply, PoolRequest } from './requirement.pool';

const port = parentPort;
if (!port) throw new Error('requirement.worker runs in a worker thread');
port.on('message', (m: PoolRequest) => {
  let reply: PoolReply;
  try {
    reply =
      m.kind === 'forecast'
        ? { id: m.id, result: forecastArrivals(m.input) }
        : { id: m.id, result: requirementOf(m.scenario, m.options) };
  } catch (e) {
    reply = {
      id: m.id,
      error: e instanceof Error ? e.message : String(e),
      historyDays: e instanceof ForecastHistoryError ? e.days : undefined,
    };
  }
  port.postMessage(reply);
});

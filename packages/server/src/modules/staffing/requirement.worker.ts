/**
 * The requirement's worker thread (requirement.pool.ts): runs the engine's `requirementOf` (the
 * whole-day simulations) off the server's event loop. Bundled as requirement-worker.js next to the
 * server's bundle by scripts/build.mjs; from the sources, the pool bundles it on first use.
 */
import { parentPort } from 'node:worker_threads';
import { requirementOf } from '@liangdian/engine';
import type { RequirementReply, RequirementRequest } from './requirement.pool';

const port = parentPort;
if (!port) throw new Error('requirement.worker runs in a worker thread');
port.on('message', (m: RequirementRequest) => {
  let reply: RequirementReply;
  try {
    reply = { id: m.id, result: requirementOf(m.scenario, m.options) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});

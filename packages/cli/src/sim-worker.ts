/** Worker thread for sim-pool.ts: compiles the scenario it is sent and runs batches of replications. */
import { parentPort } from 'node:worker_threads';
import { compileScenario, Simulator } from '@liangdian/engine';
import type { WorkerReply, WorkerRequest } from './sim-pool';

const port = parentPort;
if (!port) throw new Error('sim-worker must run in a worker thread');

let sim: Simulator | null = null;
let seed = 0;

port.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.type === 'start') {
      sim = new Simulator(compileScenario(msg.scenario));
      seed = msg.seed;
      port.postMessage({ type: 'ready' } satisfies WorkerReply);
    } else if (msg.type === 'batch') {
      if (!sim) throw new Error('batch before start');
      const size = sim.layout.size;
      const vecs = new Float64Array(size * (msg.to - msg.from));
      for (let r = msg.from; r < msg.to; r++) vecs.set(sim.run(seed, r).vec, (r - msg.from) * size);
      port.postMessage({ type: 'batch', from: msg.from, to: msg.to, vecs } satisfies WorkerReply, [
        vecs.buffer,
      ]);
    } else {
      if (!sim) throw new Error('done before start');
      const hist = sim.pooled.slice();
      sim = null;
      port.postMessage({ type: 'hist', hist } satisfies WorkerReply, [hist.buffer]);
    }
  } catch (e) {
    port.postMessage({
      type: 'error',
      message: e instanceof Error ? e.message : String(e),
    } satisfies WorkerReply);
  }
});

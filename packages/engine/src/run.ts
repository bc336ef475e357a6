/**
 * Running replications serially. Parallel runs (worker threads, in the CLI) call
 * `runReplicationRange` per batch and merge with an Aggregator in replication order, which gives
 * results identical to `simulate`.
 */
import { Aggregator, type SimulationReport } from './aggregate';
import { compileScenario, type Model } from './model';
import { LIMITS } from './scenario/schema';
import { type ReplicationResult, type SimObserver, Simulator } from './simulator';

export interface SimulateOptions {
  /** default 1 */
  replications?: number;
  /** unsigned 32-bit seed; default 1 */
  seed?: number;
  /** called for every event of every replication (tests, tracing); slows the run */
  observer?: SimObserver;
  /** called after each replication */
  onProgress?: (done: number, total: number) => void;
}

export function checkRunOptions(replications: number, seed: number): void {
  if (!Number.isInteger(replications) || replications < 1 || replications > LIMITS.replications)
    throw new RangeError(`replications must be an integer from 1 to ${LIMITS.replications}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError('seed must be an integer from 0 to 4294967295');
}

export function isModel(x: unknown): x is Model {
  return typeof x === 'object' && x !== null && 'slotRate' in x && 'scenario' in x;
}

/** Validates (when given a scenario), runs every replication and returns the report. */
export function simulate(scenarioOrModel: unknown, options: SimulateOptions = {}): SimulationReport {
  const model = isModel(scenarioOrModel) ? scenarioOrModel : compileScenario(scenarioOrModel);
  const replications = options.replications ?? 1;
  const seed = options.seed ?? 1;
  checkRunOptions(replications, seed);
  const sim = new Simulator(model);
  const agg = new Aggregator(model);
  for (let r = 0; r < replications; r++) {
    agg.add(sim.run(seed, r, options.observer).vec);
    options.onProgress?.(r + 1, replications);
  }
  agg.addHistogram(sim.pooled);
  return agg.report({ seed });
}

/**
 * Runs replications [from, to) on one simulator, handing each result to `onResult`; returns
 * the pooled histogram of those replications (add it to the Aggregator once).
 */
export function runReplicationRange(
  sim: Simulator,
  seed: number,
  from: number,
  to: number,
  onResult: (r: ReplicationResult) => void,
): void {
  for (let r = from; r < to; r++) onResult(sim.run(seed, r));
}

/**
 * solveRoster: validates a roster problem, builds the MILP (engine), solves it with HiGHS
 * (WebAssembly, single-threaded) in a worker thread so that the event loop stays free, and
 * decodes the answer. The time limit returns the best roster found, marked `timeLimited`;
 * aborting the signal terminates the worker and rejects with an AbortError.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  buildRosterModel,
  invalidAnswer,
  parseRosterProblem,
  type RosterResult,
  rosterAnswer,
  type SolverOutcome,
} from '@liangdian/engine';
import { WORKER_SOURCE } from './worker-source';

export interface RosterProgress {
  /** seconds since the solver started */
  seconds: number;
  /** the best roster's objective so far (null before the first) */
  objective: number | null;
  /** the proven lower bound */
  bound: number | null;
  /** relative gap between the two */
  gap: number | null;
  /** improving rosters found so far */
  solutions: number;
}

export interface SolveRosterOptions {
  /** stop after this many seconds and return the best roster found (default 10) */
  timeLimitSeconds?: number;
  /** relative gap at which a roster counts as optimal (default 0.01) */
  gap?: number;
  signal?: AbortSignal;
  onProgress?: (p: RosterProgress) => void;
  /** HiGHS's random seed (default 0: runs repeat) */
  seed?: number;
}

export const DEFAULT_TIME_LIMIT_SECONDS = 10;
export const DEFAULT_GAP = 0.01;
/** Extra seconds the worker gets beyond the time limit before it is terminated and the best roster taken. */
const GRACE_SECONDS = 20;

let highsPath: string | undefined;
function resolveHighs(): string {
  highsPath ??= createRequire(import.meta.url).resolve('highs');
  return highsPath;
}

function abortError(): Error {
  const e = new Error('roster solve cancelled');
  e.name = 'AbortError';
  return e;
}

const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export async function solveRoster(input: unknown, opts: SolveRosterOptions = {}): Promise<RosterResult> {
  const parsed = parseRosterProblem(input);
  if (!parsed.ok) return invalidAnswer(parsed.issues);
  if (opts.signal?.aborted) throw abortError();
  const model = buildRosterModel(parsed.problem);
  const timeLimitSeconds = opts.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const gap = opts.gap ?? DEFAULT_GAP;
  const started = performance.now();
  const outcome = await new Promise<SolverOutcome>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { highsPath: resolveHighs() } });
    let best: {
      solution: Float64Array;
      objective: number | null;
      bound: number | null;
      gap: number | null;
    } | null = null;
    let solutions = 0;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const seconds = () => (performance.now() - started) / 1000;
    const fromBest = (end: SolverOutcome['end']): SolverOutcome => ({
      end: best ? end : 'error',
      colValue: best?.solution ?? null,
      objective: best?.objective ?? null,
      bound: best?.bound ?? null,
      gap: best?.gap ?? null,
      seconds: seconds(),
    });
    const onAbort = () => finish(() => reject(abortError()));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const guard = setTimeout(
      () => finish(() => resolve(fromBest('time-limit'))),
      (timeLimitSeconds + GRACE_SECONDS) * 1000,
    );
    worker.on('message', (msg: Record<string, unknown>) => {
      if (msg.type === 'progress') {
        if (msg.solution) {
          solutions++;
          best = {
            solution: msg.solution as Float64Array,
            objective: finite(msg.objective),
            bound: finite(msg.bound),
            gap: finite(msg.gap),
          };
        }
        opts.onProgress?.({
          seconds: Number(msg.seconds) || seconds(),
          objective: finite(msg.objective),
          bound: finite(msg.bound),
          gap: finite(msg.gap),
          solutions,
        });
      } else if (msg.type === 'done') {
        finish(() =>
          resolve({
            end: msg.end as SolverOutcome['end'],
            colValue: (msg.colValue as Float64Array | null) ?? null,
            objective: finite(msg.objective),
            bound: finite(msg.bound),
            gap: finite(msg.gap),
            seconds: seconds(),
          }),
        );
      } else if (msg.type === 'error') {
        finish(() => reject(new Error(`HiGHS failed: ${String(msg.message)}`)));
      }
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) =>
      finish(() =>
        best ? resolve(fromBest('interrupted')) : reject(new Error(`roster solver exited (${code})`)),
      ),
    );
    worker.postMessage({ milp: model.milp, timeLimitSeconds, gap, seed: opts.seed ?? 0 });
  });
  if (outcome.end === 'error') throw new Error(outcome.message ?? 'the roster solver found no roster');
  return rosterAnswer(model, outcome);
}

/**
 * The code of the solver thread, run with `new Worker(WORKER_SOURCE, { eval: true })` so that it
 * needs no file of its own in the bundle. It loads HiGHS from the path the parent resolved
 * (workerData.highsPath), solves the model it is sent, posts progress and the answer.
 * Plain CommonJS on purpose: an eval worker is a script.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loadHighs = require(workerData.highsPath);
parentPort.once('message', async (job) => {
  try {
    const highs = await loadHighs();
    const cb = highs.constants.callbackType;
    const ms = highs.constants.modelStatus;
    const model = highs.createModel(job.milp);
    try {
      model.options.set({
        output_flag: false,
        time_limit: job.timeLimitSeconds,
        mip_rel_gap: job.gap,
        random_seed: job.seed,
      });
      let lastLog = 0;
      const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
      const progress = (d, solution) => {
        const msg = {
          type: 'progress',
          seconds: num(d.running_time) ?? 0,
          objective: num(d.mip_primal_bound) ?? num(d.objective_function_value),
          bound: num(d.mip_dual_bound),
          gap: num(d.mip_gap),
        };
        if (solution) {
          const copy = Float64Array.from(solution);
          parentPort.postMessage({ ...msg, solution: copy }, [copy.buffer]);
        } else parentPort.postMessage(msg);
      };
      model.run({
        [cb.mipImprovingSolution](e) {
          progress(e.data, e.data.mip_solution);
          return undefined;
        },
        [cb.mipLogging](e) {
          const t = e.data.running_time ?? 0;
          if (t - lastLog >= 0.5) {
            lastLog = t;
            progress(e.data, null);
          }
          return undefined;
        },
      });
      const status = model.getModelStatus();
      const info = (name) => {
        try {
          return Number(model.info.get(name));
        } catch {
          return Number.NaN;
        }
      };
      const hasSolution = info('primal_solution_status') === 2;
      const end =
        status === ms.optimal ? 'optimal'
        : status === ms.timeLimit ? 'time-limit'
        : status === ms.interrupted ? 'interrupted'
        : status === ms.infeasible ? 'no-solution'
        : hasSolution ? 'time-limit' : 'error';
      const colValue = hasSolution ? Float64Array.from(model.getSolution().colValue) : null;
      const out = {
        type: 'done',
        end,
        status,
        objective: hasSolution ? model.getObjectiveValue() : null,
        bound: info('mip_dual_bound'),
        gap: info('mip_gap'),
        seconds: model.getRunTime(),
        colValue,
      };
      parentPort.postMessage(out, colValue ? [colValue.buffer] : []);
    } finally {
      model.dispose();
    }
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String((err && err.stack) || err) });
  }
});
`;

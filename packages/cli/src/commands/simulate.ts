import { readFile } from 'node:fs/promises';
import {
  compileScenario,
  LIMITS,
  type Minutes,
  mmcScenario,
  type PerMinute,
  queueMetrics,
  ScenarioError,
  type SimulationReport,
  simulate,
  slotStaffing,
} from '@liangdian/engine';
import { command, EXIT, UsageError } from '../command';
import { createProgress } from '../progress';
import { simulateParallel } from '../sim-pool';

const HELP = `Usage:
  liangdian simulate SCENARIO.json [--replications N] [--seed S] [--workers N] [--json]
  liangdian simulate --mmc L,M,C[,T] --horizon MINUTES [--warmup MINUTES] [--target-seconds S]
                     [--replications N] [--seed S] [--workers N] [--json]

Runs the lobby simulation. A scenario file is described in docs/scenarios.md; --mmc builds an
M/M/C(+M) scenario (rates per minute: arrivals L, service M, patience T) and runs it through the
same engine. Replications default to 100 for a scenario file and 1 for --mmc; the seed to 1.
--workers N runs replications on N worker threads with results identical to a serial run.
--json prints the full report; otherwise a summary. A progress bar is drawn on stderr when it
is a terminal.`;

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min || x > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return x;
}

export interface SimulateOutput extends SimulationReport {
  wallSeconds: number;
  eventsPerSecond: number;
  analytic?: unknown;
}

function parseMmc(spec: string): { l: number; m: number; c: number; t?: number } {
  const parts = spec.split(',').map((x) => Number(x.trim()));
  if (parts.length < 3 || parts.length > 4 || parts.some((x) => !Number.isFinite(x) || x < 0))
    throw new UsageError('--mmc takes L,M,C or L,M,C,T: non-negative numbers (rates per minute)');
  const [l, m, c, t] = parts as [number, number, number, number | undefined];
  if (m <= 0) throw new UsageError('--mmc: the service rate M must be > 0');
  if (!Number.isInteger(c) || c < 1 || c > LIMITS.staff)
    throw new UsageError(`--mmc: C must be an integer from 1 to ${LIMITS.staff}`);
  return t !== undefined && t > 0 ? { l, m, c, t } : { l, m, c };
}

const fmt = (x: number | null | undefined, d = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d);
const ci = (c: [number, number] | null, d = 3) =>
  c ? ` (95% CI ${c[0].toFixed(d)}–${c[1].toFixed(d)})` : '';

function summary(r: SimulateOutput): string {
  const lines = [
    `${r.scenario}${r.outlet ? ` · ${r.outlet}` : ''}`,
    `${r.replications} replication(s), seed ${r.seed}, horizon ${r.horizonMinutes} min`,
    `arrivals ${r.arrivals}  served ${r.served}  abandoned ${r.abandoned}  still inside ${r.inSystemAtEnd}  abandon rate ${fmt(r.abandonRate, 4)}`,
    `wait (min): mean ${fmt(r.waitMinutes.mean, 3)}${ci(r.waitMinutes.ci95)}  p50 ${fmt(r.waitMinutes.p50)}  p90 ${fmt(r.waitMinutes.p90)}  p95 ${fmt(r.waitMinutes.p95)}`,
    `wait of served customers (min): mean ${fmt(r.servedWaitMinutes, 3)}${ci(r.servedWaitMinutesCi95)}`,
    `P(wait) ${fmt(r.pWait, 4)}  service level ${fmt(r.serviceLevel, 4)}${ci(r.serviceLevelCi95, 4)}  utilisation ${fmt(r.utilisation, 4)}`,
  ];
  if (r.byBusinessType.length > 1) {
    lines.push('', 'business type        arrivals/rep  mean wait  p90 wait  service level  abandon');
    for (const b of r.byBusinessType)
      lines.push(
        `${b.id.padEnd(20)} ${fmt(b.perReplication.arrivals, 1).padStart(12)} ${fmt(b.waitMinutes.mean).padStart(10)} ${fmt(b.waitMinutes.p90).padStart(9)} ${fmt(b.serviceLevel, 3).padStart(14)} ${fmt(b.abandonRate, 3).padStart(8)}`,
      );
  }
  if (r.perSlot.length > 1 && r.perSlot.length <= 48) {
    lines.push(
      '',
      'slot   mode      arrivals/h  served/rep  abandoned/rep  P(wait)  mean wait  served wait  service level',
    );
    for (const k of r.perSlot)
      lines.push(
        `${k.start}  ${k.mode.padEnd(8)} ${fmt(k.arrivalsPerHour, 1).padStart(11)} ${fmt(k.servedPerReplication, 1).padStart(11)} ${fmt(k.abandonedPerReplication, 2).padStart(14)} ${fmt(k.pWait, 3).padStart(8)} ${fmt(k.waitMinutes).padStart(10)} ${fmt(k.servedWaitMinutes).padStart(12)} ${fmt(k.serviceLevel, 3).padStart(14)}`,
      );
    lines.push('(served/rep and abandoned/rep: means per replication, by slot of arrival; waits in minutes)');
  }
  if (r.staff.length > 0 && r.staff.length <= 30) {
    lines.push('', 'staff                utilisation');
    for (const s of r.staff) lines.push(`${s.id.padEnd(20)} ${fmt(s.utilisation, 3).padStart(11)}`);
  }
  if (r.modes.rotatingMinutesPerReplication > 0)
    lines.push(
      '',
      `modes: fixed ${fmt(r.modes.fixedMinutesPerReplication, 0)} min, rotating ${fmt(r.modes.rotatingMinutesPerReplication, 0)} min; escorted one-on-one ${fmt(r.modes.escortedShare * 100, 1)}%`,
    );
  for (const b of r.backfill)
    lines.push(`backfill ${b.rule} → ${b.post}: ${fmt(b.actionsPerReplication)} actions per replication`);
  lines.push(
    '',
    `${r.events} events in ${fmt(r.wallSeconds, 3)} s (${Math.round(r.eventsPerSecond)} events/s)`,
  );
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export const simulateCommand = command({
  name: 'simulate',
  summary: 'Simulate an outlet lobby scenario (or an M/M/c shorthand) with replications',
  help: HELP,
  strings: ['replications', 'seed', 'workers', 'mmc', 'horizon', 'warmup', 'target-seconds'],
  booleans: ['json'],
  positionals: true,
  async run(values, positionals) {
    if (positionals.length > 1) throw new UsageError('give one scenario file');
    if (positionals.length === 1 && values.mmc)
      throw new UsageError('give a scenario file or --mmc, not both');
    if (positionals.length === 0 && !values.mmc)
      throw new UsageError('give a scenario file or --mmc L,M,C[,T]');
    const seed = int('seed', values.seed, 0, 0xffffffff) ?? 1;
    const workers = int('workers', values.workers, 1, 64) ?? 1;

    let scenario: unknown;
    let analytic: unknown;
    let defaultReps = 100;
    if (values.mmc) {
      const { l, m, c, t } = parseMmc(values.mmc);
      if (values.horizon === undefined) throw new UsageError('--mmc needs --horizon MINUTES');
      const horizon = Number(values.horizon);
      if (!(horizon > 0 && horizon <= LIMITS.horizonMinutes))
        throw new UsageError(`--horizon must be a number of minutes in (0, ${LIMITS.horizonMinutes}]`);
      const warmup = values.warmup === undefined ? 0 : Number(values.warmup);
      if (!(warmup >= 0 && warmup < horizon))
        throw new UsageError('--warmup must be ≥ 0 and below the horizon');
      const target = values['target-seconds'] === undefined ? 0 : Number(values['target-seconds']);
      if (!(target >= 0)) throw new UsageError('--target-seconds must be ≥ 0');
      scenario = mmcScenario({
        arrivalRate: l as PerMinute,
        serviceRate: m as PerMinute,
        servers: c,
        horizon: horizon as Minutes,
        warmup: warmup as Minutes,
        targetMinutes: (target / 60) as Minutes,
        ...(t !== undefined ? { patienceRate: t as PerMinute } : {}),
      });
      const exact = queueMetrics({
        arrivalRate: l as PerMinute,
        serviceRate: m as PerMinute,
        servers: c,
        targetMinutes: (target / 60) as Minutes,
        ...(t !== undefined ? { patienceRate: t as PerMinute } : {}),
      });
      analytic = { ...exact, waitMinutes: Number.isFinite(exact.waitMinutes) ? exact.waitMinutes : null };
      defaultReps = 1;
    } else {
      const file = positionals[0]!;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
        return EXIT.failure;
      }
      try {
        scenario = JSON.parse(text);
      } catch (e) {
        console.error(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
        return EXIT.failure;
      }
    }
    const replications = int('replications', values.replications, 1, LIMITS.replications) ?? defaultReps;

    let model: ReturnType<typeof compileScenario>;
    try {
      model = compileScenario(scenario);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      if (values.json) console.log(JSON.stringify({ error: 'INVALID_SCENARIO', issues: e.issues }, null, 2));
      console.error(
        `Invalid scenario (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}); nothing was run:`,
      );
      for (const i of e.issues) console.error(`  ${i.path}: ${i.message}`);
      return EXIT.failure;
    }
    if (!values.mmc) analytic = { staffingAt80Percent: slotStaffing(model, 0.8) };

    const progress = createProgress('simulate', replications);
    const started = performance.now();
    let report: SimulationReport;
    try {
      report =
        workers > 1
          ? await simulateParallel(scenario, {
              replications,
              seed,
              workers,
              onProgress: (d) => progress.update(d),
            })
          : simulate(model, { replications, seed, onProgress: (d) => progress.update(d) });
    } finally {
      progress.finish();
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const out: SimulateOutput = {
      ...report,
      wallSeconds,
      eventsPerSecond: wallSeconds > 0 ? report.events / wallSeconds : 0,
      analytic,
    };
    if (values.json) {
      console.log(JSON.stringify(out, null, 2));
      // the report carries them too; said on stderr so that nobody reading the JSON misses them
      for (const w of out.warnings) console.error(`warning: ${w}`);
    } else console.log(summary(out));
    return EXIT.ok;
  },
});

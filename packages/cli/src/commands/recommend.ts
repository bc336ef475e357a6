import { readFile } from 'node:fs/promises';
import {
  LIMITS,
  objectiveIssues,
  type Recommendation,
  type RecommendObjective,
  recommend,
  ScenarioError,
} from '@liangdian/engine';
import { command, EXIT, UsageError } from '../command';

const HELP = `Usage:
  liangdian recommend SCENARIO.json [--replications N] [--seed S] [--objective JSON] [--json]

Recommends fixed assignment (固定作业) or rotating backfill (循环补位) for each slot of the
scenario's day: the day is simulated in both modes with the same random numbers, each slot's
figures (waits, service level, abandonment, received at the door, escorted one-on-one,
staff-minutes pulled from their post, misroutes, transfers) are weighed by the objective, and the
lower cost per customer wins. It also finds the crossover: with the scenario's staff and mix of
business types, the traffic up to which rotating holds (docs/engine.md, "Recommend").
The scenario needs its "welcome" step (docs/scenarios.md). Replications default to 100, the seed
to 1. --objective sets weights, e.g. '{"misroute":40}' (the others keep their defaults).
--json prints the whole answer; otherwise a table. Exit codes: 0 done, 1 an invalid scenario or
file, 2 a usage error.`;

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min || x > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return x;
}

function parseObjective(v: string | undefined): Partial<RecommendObjective> | undefined {
  if (v === undefined) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(v);
  } catch {
    throw new UsageError('--objective takes a JSON object of weights, e.g. {"misroute":40}');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    throw new UsageError('--objective takes a JSON object of weights, e.g. {"misroute":40}');
  const bad = objectiveIssues(o as Record<string, unknown>);
  if (bad.length > 0) throw new UsageError(bad.map((b) => `--objective ${b.key}: ${b.message}`).join('; '));
  return o as Partial<RecommendObjective>;
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–');

export interface RecommendOutput extends Recommendation {
  wallSeconds: number;
}

/** The readable table: one line per slot, both modes' figures side by side. */
export function recommendTable(r: RecommendOutput): string {
  const side = (k: Recommendation['slots'][number]['fixed']) =>
    `${fmt(k.meanWaitMinutes).padStart(5)} ${pct(k.serviceLevel).padStart(4)} ${pct(k.receivedShare).padStart(4)} ${pct(k.escortedShare).padStart(4)} ${fmt(k.pulledMinutes).padStart(5)} ${fmt(k.misroutes).padStart(4)} ${fmt(k.score, 2).padStart(6)}`;
  const head = 'wait   SL  recv  esc pulled  mis  score';
  const lines = [
    `${r.scenario} · ${r.replications} replication(s) per mode, seed ${r.seed}`,
    '',
    `slot         arr/h  better   | fixed: ${head} | rotating: ${head}`,
  ];
  for (const s of r.slots)
    lines.push(
      `${s.start}–${s.end} ${fmt(s.arrivalsPerHour).padStart(6)}  ${s.better.padEnd(8)} |        ${side(s.fixed)} |           ${side(s.rotating)}`,
    );
  lines.push(
    `day                 ${r.overall.better.padEnd(8)} |        ${side(r.overall.fixed)} |           ${side(r.overall.rotating)}`,
    '(wait: mean minutes; SL: service level; recv: received at the door on arrival; esc: escorted',
    ' one-on-one; pulled: staff-minutes pulled from their post and mis: misroutes, means per',
    ' replication; score: the objective’s cost per customer, lower is better)',
    '',
  );
  const c = r.crossover;
  if (c)
    lines.push(
      c.bound === 'none'
        ? 'crossover: fixed wins even at 1 customer an hour with these staff'
        : c.bound === 'beyond'
          ? `crossover: rotating still holds at ${c.arrivalsPerHour} customers an hour (the most tried)`
          : `crossover: with these staff, rotating holds up to ${c.arrivalsPerHour} customers an hour`,
    );
  lines.push(
    `objective: ${Object.entries(r.objective)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `${fmt(r.wallSeconds, 2)} s`,
  );
  return lines.join('\n');
}

export const recommendCommand = command({
  name: 'recommend',
  summary: 'Recommend fixed or rotating per slot of a scenario, with the crossover',
  help: HELP,
  strings: ['replications', 'seed', 'objective'],
  booleans: ['json'],
  positionals: true,
  async run(values, positionals) {
    if (positionals.length !== 1) throw new UsageError('give one scenario file');
    const replications = int('replications', values.replications, 1, LIMITS.replications) ?? 100;
    const seed = int('seed', values.seed, 0, 0xffffffff) ?? 1;
    const objective = parseObjective(values.objective);
    const file = positionals[0]!;
    let scenario: unknown;
    try {
      scenario = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      console.error(`cannot read ${file} as JSON: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT.failure;
    }
    const started = performance.now();
    let rec: Recommendation;
    try {
      rec = recommend(scenario, { replications, seed, objective });
    } catch (e) {
      if (e instanceof ScenarioError) {
        if (values.json)
          console.log(JSON.stringify({ error: 'INVALID_SCENARIO', issues: e.issues }, null, 2));
        console.error(
          `Invalid scenario (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}); nothing was run:`,
        );
        for (const i of e.issues) console.error(`  ${i.path}: ${i.message}`);
        return EXIT.failure;
      }
      if (e instanceof RangeError) {
        console.error(e.message);
        return EXIT.failure;
      }
      throw e;
    }
    const out: RecommendOutput = { ...rec, wallSeconds: (performance.now() - started) / 1000 };
    if (values.json) console.log(JSON.stringify(out, null, 2));
    else console.log(recommendTable(out));
    return EXIT.ok;
  },
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { simulate } from '@liangdian/engine';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulateParallel } from '../sim-pool';
import { captureConsole, flags } from '../testing';
import { simulateCommand } from './simulate';

const root = join(import.meta.dirname, '../../../..');
const jinjiangFile = join(root, 'docs/scenarios/jinjiang-weekday.json');
const jinjiang = JSON.parse(readFileSync(jinjiangFile, 'utf8'));
let dir = '';
let workerUrl: URL;

beforeAll(async () => {
  // Vitest runs TypeScript sources; worker threads need JavaScript, so bundle the worker here.
  dir = mkdtempSync(join(tmpdir(), 'liangdian-worker-'));
  await build({
    entryPoints: [join(root, 'packages/cli/src/sim-worker.ts')],
    outfile: join(dir, 'sim-worker.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@liangdian/source'],
    logLevel: 'warning',
  });
  workerUrl = pathToFileURL(join(dir, 'sim-worker.js'));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

const stripTiming = (j: Record<string, unknown>) => {
  const { wallSeconds: _w, eventsPerSecond: _e, ...rest } = j;
  return rest;
};

describe('parallel replications on worker threads', () => {
  it('give results identical to the serial run, for 2 and 3 workers', async () => {
    const serial = JSON.stringify(simulate(jinjiang, { replications: 40, seed: 9 }));
    for (const workers of [2, 3]) {
      const par = await simulateParallel(jinjiang, { replications: 40, seed: 9, workers, workerUrl });
      expect(JSON.stringify(par)).toBe(serial);
    }
  }, 60_000);

  it('validate before starting any worker', async () => {
    await expect(
      simulateParallel({ name: 'bad' }, { replications: 2, seed: 1, workers: 2, workerUrl }),
    ).rejects.toThrow(/invalid scenario/);
  });
});

describe('liangdian simulate', () => {
  it('--mmc prints the contract fields as JSON', async () => {
    const { out } = captureConsole();
    const code = await simulateCommand.run(
      flags({ mmc: '2.5,1,3', horizon: 20000, replications: 4, seed: 3, json: true }),
    );
    expect(code).toBe(0);
    const j = JSON.parse(out.join('\n'));
    for (const k of [
      'served',
      'abandoned',
      'abandonRate',
      'waitMinutes',
      'serviceLevel',
      'utilisation',
      'events',
      'wallSeconds',
      'eventsPerSecond',
      'replications',
    ])
      expect(j).toHaveProperty(k);
    for (const k of ['mean', 'p50', 'p90', 'p95', 'ci95']) expect(j.waitMinutes).toHaveProperty(k);
    expect(j.replications).toBe(4);
    expect(j.analytic.pWait).toBeCloseTo(0.702247, 6);
    expect(Math.abs(j.waitMinutes.mean - 1.404494)).toBeLessThan(0.3);
  });

  it('the same seed gives byte-identical JSON (timing fields aside)', async () => {
    const run = async () => {
      const { out } = captureConsole();
      await simulateCommand.run([jinjiangFile, '--replications', '10', '--seed', '42', '--json']);
      vi.restoreAllMocks();
      return JSON.stringify(stripTiming(JSON.parse(out.join('\n'))));
    };
    expect(await run()).toBe(await run());
  });

  it('prints a readable summary without --json', async () => {
    const { out } = captureConsole();
    await simulateCommand.run([jinjiangFile, '--replications', '5']);
    const text = out.join('\n');
    expect(text).toMatch(/金江支行/);
    expect(text).toMatch(/wait \(min\): mean/);
    expect(text).toMatch(/backfill welcome-cover/);
  });

  it('prints the per-slot figures and the warnings (the capacity caps the staff on duty)', async () => {
    const { out, err } = captureConsole();
    expect(await simulateCommand.run([jinjiangFile, '--replications', '5'])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(
      /slot +mode +arrivals\/h +served\/rep +abandoned\/rep +P\(wait\) +mean wait +served wait/,
    );
    expect(text).toMatch(/^09:00 {2}rotating /m);
    expect(text).toMatch(/wait of served customers \(min\): mean/);
    expect(text).toMatch(
      /warning: zone "noncash": up to 3 people on duty .* the capacity caps the staff on duty/,
    );
    vi.restoreAllMocks();
    // with --json the report carries them, and stderr says them too
    const json = captureConsole();
    await simulateCommand.run([jinjiangFile, '--replications', '3', '--json']);
    const j = JSON.parse(json.out.join('\n'));
    expect(j.warnings).toHaveLength(1);
    expect(json.err.join('\n')).toBe(`warning: ${j.warnings[0]}`);
    expect(j.perSlot[0]).toHaveProperty('servedPerReplication');
    expect(j.units.meansPerReplication).toContain('perSlot[].abandoned');
    expect(err).toEqual([]);
  });

  it('an invalid scenario lists every problem with its path and runs nothing', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(
      f,
      JSON.stringify({ ...jinjiang, slotMinutes: 7, staff: [{ ...jinjiang.staff[0], home: 'nowhere' }] }),
    );
    const { out, err } = captureConsole();
    const code = await simulateCommand.run([f, '--json']);
    expect(code).toBe(1);
    const j = JSON.parse(out.join('\n'));
    expect(j.error).toBe('INVALID_SCENARIO');
    const paths = j.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.slotMinutes', '$.staff[0].home']));
    expect(err.join('\n')).toMatch(/nothing was run/);
  });

  it('usage errors for bad flags', async () => {
    await expect(simulateCommand.run([])).rejects.toThrow(/scenario file or --mmc/);
    await expect(simulateCommand.run(['--mmc', '1,1'])).rejects.toThrow(/L,M,C/);
    await expect(simulateCommand.run(['--mmc', '1,1,1'])).rejects.toThrow(/--horizon/);
    await expect(
      simulateCommand.run(['--mmc', '1,1,1', '--horizon', '10', '--replications', '0']),
    ).rejects.toThrow(/replications/);
  });
});

/**
 * @liangdian/engine imported the way an outside consumer does: plain Node, no
 * `@liangdian/source` condition, through a node_modules link, after what `npm ci` runs (the root
 * `prepare` script). The package's `exports` must then point at files that exist.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const engineDir = join(root, 'packages/engine');
const pkg = JSON.parse(readFileSync(join(engineDir, 'package.json'), 'utf8')) as {
  exports: Record<string, Record<string, string>>;
};
let consumer = '';

beforeAll(() => {
  // what `npm ci` runs after installing: the root package's `prepare` script, from a clean dist
  const prepare = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { prepare: string } }
  ).scripts.prepare;
  expect(prepare).toMatch(/^node scripts\/build\.mjs\b/);
  rmSync(join(engineDir, 'dist'), { recursive: true, force: true });
  const r = spawnSync(process.execPath, prepare.split(' ').slice(1), { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // a project outside the repository with the engine linked into its node_modules
  consumer = mkdtempSync(join(tmpdir(), 'liangdian-consumer-'));
  mkdirSync(join(consumer, 'node_modules/@liangdian'), { recursive: true });
  symlinkSync(engineDir, join(consumer, 'node_modules/@liangdian/engine'), 'dir');
}, 120_000);

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe('@liangdian/engine as a package', () => {
  it('every `exports` default points at a file that exists after the prepare script', () => {
    for (const [entry, conditions] of Object.entries(pkg.exports)) {
      expect(conditions.default, entry).toMatch(/^\.\/dist\/.+\.js$/);
      expect(existsSync(join(engineDir, conditions.default!)), `${entry} → ${conditions.default}`).toBe(true);
    }
  });

  it('imports and runs in plain Node without the source condition', () => {
    writeFileSync(
      join(consumer, 'main.mjs'),
      `import * as engine from '@liangdian/engine';
import { beijingHhmm } from '@liangdian/engine/time';
const exact = engine.erlangCMetrics({ arrivalRate: 2.5, serviceRate: 1, servers: 3 });
const report = engine.simulate(
  engine.mmcScenario({ arrivalRate: 2.5, serviceRate: 1, servers: 3, horizon: 2000 }),
  { replications: 2, seed: 7 },
);
console.log(JSON.stringify({
  resolved: import.meta.resolve('@liangdian/engine'),
  time: import.meta.resolve('@liangdian/engine/time'),
  wait: exact.waitMinutes,
  served: report.served,
  slots: report.perSlot.length,
  hhmm: beijingHhmm(Date.UTC(2025, 0, 1, 1, 30)),
}));
`,
    );
    const r = spawnSync(process.execPath, ['main.mjs'], { cwd: consumer, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string | number>;
    expect(out.resolved).toMatch(/packages\/engine\/dist\/index\.js$/);
    expect(out.time).toMatch(/packages\/engine\/dist\/time\/beijing\.js$/);
    expect(out.wait).toBeCloseTo(1.404494, 6);
    expect(out.served).toBeGreaterThan(9000);
    expect(out.slots).toBe(24);
    expect(out.hhmm).toBe('09:30');
  });
});

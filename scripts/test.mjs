#!/usr/bin/env node
// `npm test`: every check, in order — system packages, type-check, lint, unit + integration
// (SQLite and PostgreSQL), then E2E in Chromium. Ends with one line "tests: N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const started = Date.now();

function step(title, cmd, args, opts = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.log(`✖ ${title} failed (${secs} s)`);
    return false;
  }
  console.log(`✔ ${title} (${secs} s)`);
  return true;
}

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && /CJK|Noto Sans SC|WenQuanYi/i.test(r.stdout);
}
function hasPostgres() {
  const dir = '/usr/lib/postgresql';
  return existsSync(dir) && readdirSync(dir).some((v) => existsSync(join(dir, v, 'bin', 'initdb')));
}

// 1. System packages the tests need (Debian): Chromium + CJK fonts for E2E, PostgreSQL binaries
//    for the throwaway cluster (not needed when TEST_DATABASE_URL points at a server).
const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk');
if (!process.env.TEST_DATABASE_URL && !hasPostgres()) missing.push('postgresql');
if (missing.length) {
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() === 0) {
    if (
      !step(`install ${missing.join(', ')}`, 'sh', ['-c', cmd], {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      })
    )
      process.exit(1);
  } else {
    console.error(`Missing system packages: ${missing.join(', ')}. As root, run:\n  ${cmd}`);
    process.exit(1);
  }
}

const results = { passed: 0, failed: 0, skipped: 0 };
function vitest(title, projects, tag) {
  const out = join(tmp, `vitest-${tag}.json`);
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const ok = step(title, 'npx', args);
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    results.passed += j.numPassedTests ?? 0;
    results.failed += j.numFailedTests ?? 0;
    results.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    if (!ok && (j.numFailedTests ?? 0) === 0) results.failed += 1; // a suite that failed to load
  } else if (!ok) results.failed += 1;
  return ok;
}

let ok = true;
ok = step('type-check (server, engine, cli, e2e)', 'npx', ['tsc', '-p', 'tsconfig.json']) && ok;
ok = step('type-check (web)', 'npx', ['tsc', '-p', 'packages/web/tsconfig.json']) && ok;
ok = step('lint (biome)', 'npx', ['biome', 'check', '.']) && ok;
ok =
  vitest(
    'unit + integration on SQLite and PostgreSQL',
    ['unit', 'integration-sqlite', 'integration-postgres'],
    'main',
  ) && ok;
ok = vitest('E2E in Chromium', ['e2e'], 'e2e') && ok;

const mins = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\nnpm test finished in ${mins} min${ok ? '' : ' with failures'}`);
console.log(
  `tests: ${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`,
);
process.exit(ok ? 0 : 1);

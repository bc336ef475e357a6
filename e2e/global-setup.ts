import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

/** Builds server and web, starts `liangdian serve --demo-if-empty` on a throwaway data dir. */
export default async function setup(project: TestProject) {
  // E2E_BASE_URL=http://… runs the specs against a server that is already running (no build, no start).
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }
  const started = Date.now();
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error('build failed (node scripts/build.mjs)');
  console.log(`[e2e] built server and web in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const dataDir = mkdtempSync(join(tmpdir(), 'liangdian-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LIANGDIAN_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    // Every spec signs in from 127.0.0.1: with the production limit (30 a minute per address) the
    // run's own pace would decide whether a login is refused. The limit itself is tested in
    // auth.int.test.ts; here it is set above what the whole run does in a minute, and so are the
    // other rate limits (rate-limits.int.test.ts).
    LOGIN_RATE_PER_MINUTE: '1000',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    RATE_LIMIT_EXPORT_PER_MINUTE: '100000',
    RATE_LIMIT_UNMASK_PER_MINUTE: '100000',
    // complaint-reminders.e2e.test.ts moves the server's date (PUT /api/v1/test/clock); the server
    // refuses the settable clock with NODE_ENV=production unless told twice
    TEST_CLOCK: 'true',
    TEST_CLOCK_IN_PRODUCTION: 'true',
  };
  delete env.LIANGDIAN_DEMO_PASSWORD;
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [join(root, 'packages/cli/bin/liangdian.mjs'), 'serve', '--port', String(port), '--demo-if-empty'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  console.log(`[e2e] server ready at ${baseUrl} (data ${dataDir})`);
  project.provide('baseUrl', baseUrl);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}

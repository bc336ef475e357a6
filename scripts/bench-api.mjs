#!/usr/bin/env node
// `npm run bench:api`: 2,000 outlets and 30,000 staff on SQLite; authenticated
// GET /api/v1/outlets?page=… under autocannon (concurrency 50), against GET /api/health measured
// in the same run as the baseline. Prints one line per case. Targets: ≥ 2,000 req/s, p99 < 50 ms.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/bin/liangdian.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'liangdian-bench-'));
// one session from one address at full speed: the rate limits would measure themselves
const env = {
  ...process.env,
  LIANGDIAN_DATA_DIR: dataDir,
  DATABASE_URL: '',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_IP_PER_MINUTE: '100000000',
};
const seconds = Number(process.argv[2] ?? 10);
const port = 18000 + Math.floor(Math.random() * 1000);

console.log(`bench setup: loading 2,000 outlets × 15 staff into SQLite under ${dataDir}`);
const demo = spawnSync(process.execPath, [cli, 'demo', '--outlets', '2000', '--staff-per-outlet', '15'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (demo.status !== 0) process.exit(1);

const server = spawn(process.execPath, [cli, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (i > 100) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'liangdian-demo' }),
  });
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const total = (await (await fetch(`${base}/api/v1/outlets?pageSize=1`, { headers: { cookie } })).json())
    .total;
  if (total !== 2000) throw new Error(`expected 2000 outlets, found ${total}`);

  const run = (opts) =>
    new Promise((resolve, reject) => {
      autocannon({ url: base, connections: 50, duration: seconds, ...opts }, (err, r) =>
        err ? reject(err) : resolve(r),
      );
    });
  // Warm up, then measure: baseline first, then the case.
  await run({ duration: 2, path: '/api/health' });
  const health = await run({ path: '/api/health' });
  let page = 0;
  const outlets = await run({
    headers: { cookie },
    requests: [
      { setupRequest: (req) => ({ ...req, path: `/api/v1/outlets?page=${(page++ % 100) + 1}&pageSize=20` }) },
    ],
  });
  // Searches: every request a different query, so no page is served twice (no cache help).
  let n = 0;
  const search = await run({
    headers: { cookie },
    requests: [
      { setupRequest: (req) => ({ ...req, path: `/api/v1/outlets?q=${n++ % 2000}&page=1&pageSize=20` }) },
    ],
  });
  const line = (name, r) =>
    `bench ${name} req/s=${Math.round(r.requests.average)} p50=${r.latency.p50}ms p99=${r.latency.p99}ms errors=${r.errors + r.non2xx} requests=${r.requests.total}`;
  console.log(line('api-health-baseline', health));
  console.log(line('api-outlets-page', outlets));
  console.log(line('api-outlets-search-uncached', search));
  const ratio = outlets.requests.average / health.requests.average;
  const pass = outlets.requests.average >= 2000 && outlets.latency.p99 < 50 && outlets.non2xx === 0;
  console.log(
    `bench api-outlets-page ratio-to-health=${ratio.toFixed(2)} target=req/s≥2000,p99<50ms ${pass ? 'PASS' : 'FAIL'}`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

#!/usr/bin/env node
// `npm run bench:complaints [N]` (default 1,000,000): N complaints over a year in 200 outlets on
// SQLite (a temp file), and on PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is a postgres://
// URL; then a filtered, sorted page (p95 of 50 runs, target < 100 ms) and a year of statistics
// (target < 1 s), through the services the API calls. Prints one line per case:
//   bench complaints-page db=sqlite n=1000000 p50=… p95=… ms
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const n = Number(process.argv[2] ?? process.env.BENCH_COMPLAINTS ?? 1_000_000);
const work = mkdtempSync(join(tmpdir(), 'liangdian-bench-complaints-'));

// Bundle a small entry from the TypeScript sources (npm dependencies stay external).
const esbuild = await import('esbuild');
const entry = `
import { openDatabase, migrateToLatest } from './packages/server/src/db/database';
import { createFieldCipher } from './packages/server/src/lib/crypto';
import { AuditService } from './packages/server/src/modules/audit/audit.service';
import { ComplaintsService } from './packages/server/src/modules/complaints/complaints.service';
import { ComplaintInsightsService } from './packages/server/src/modules/complaints/insights.service';
import { generateDemoComplaints } from './packages/server/src/modules/complaints/complaints.demo';
import { newId } from './packages/server/src/lib/ids';
export { openDatabase, migrateToLatest, createFieldCipher, AuditService, ComplaintsService, ComplaintInsightsService, generateDemoComplaints, newId };
`;
// Inside the repository, so that the bundle's imports resolve from its node_modules.
const outDir = join(root, 'node_modules/.cache/liangdian-bench');
const out = join(outDir, 'bench-complaints-entry.mjs');
await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts' },
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['@liangdian/source'],
  logLevel: 'warning',
  plugins: [
    {
      name: 'external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (a) =>
          a.path.startsWith('@liangdian/') ? undefined : { path: a.path, external: true },
        );
      },
    },
  ],
});
const m = await import(pathToFileURL(out).href);

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function run(target, label) {
  const database = m.openDatabase(target);
  const { db } = database;
  try {
    await m.migrateToLatest(db, target.schema);
    const now = new Date('2026-11-02T01:00:00Z');
    const clock = { now: () => now };
    const cipher = m.createFieldCipher(Buffer.alloc(32, 7));
    const branchId = m.newId();
    await db
      .insertInto('branches')
      .values({
        id: branchId,
        code: `B${branchId.slice(-6)}`,
        name: 'bench',
        bank_name: 'bench',
        created_at: now.toISOString(),
      })
      .execute();
    const outletIds = [];
    for (let i = 0; i < 200; i++) {
      const id = m.newId();
      outletIds.push(id);
      await db
        .insertInto('outlets')
        .values({
          id,
          branch_id: branchId,
          code: `BO${branchId.slice(-6)}${i}`,
          name: `网点${i}`,
          address: '',
          phone: '',
          pilot: 0,
          active: 1,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
    }
    const t0 = performance.now();
    let last = 0;
    await m.generateDemoComplaints(db, n, {
      branchId,
      outletIds,
      cipher,
      now: now.toISOString(),
      onProgress: (done) => {
        if (done - last >= 100_000 || done === n) {
          last = done;
          process.stderr.write(`\r${label}: ${done.toLocaleString()} / ${n.toLocaleString()} complaints`);
        }
      },
    });
    process.stderr.write('\n');
    console.log(
      `bench complaints-load db=${label} n=${n} seconds=${((performance.now() - t0) / 1000).toFixed(1)}`,
    );
    if (label === 'sqlite')
      await db.executeQuery({ sql: 'analyze', parameters: [], query: { kind: 'RawNode' } }).catch(() => {});
    const audit = new m.AuditService(label, clock);
    const complaints = new m.ComplaintsService(db, clock, cipher, audit);
    const insights = new m.ComplaintInsightsService(db, clock, complaints);
    const actor = {
      userId: 'bench',
      username: 'bench',
      displayName: 'bench',
      role: 'cp_officer',
      branchId,
      outletId: null,
      locale: 'zh-CN',
      ip: '',
    };
    const queries = [
      { category: 'credit_card', sort: '-receivedAt' },
      { outletId: outletIds[7], sort: '-receivedAt' },
      { status: ['registered', 'acknowledged', 'investigating'], sort: 'dueOn' },
      { due: 'overdue', sort: 'dueOn' },
      { from: '2026-10-01', to: '2026-10-31', cause: 'pricing_fees', sort: '-receivedAt' },
    ];
    const times = [];
    for (let i = 0; i < 50; i++) {
      const q = queries[i % queries.length];
      const t = performance.now();
      await complaints.list(actor, { page: 1 + (i % 3), pageSize: 20, ...q });
      times.push(performance.now() - t);
    }
    console.log(
      `bench complaints-page db=${label} n=${n} p50=${quantile(times, 0.5).toFixed(1)}ms p95=${quantile(times, 0.95).toFixed(1)}ms target=100ms`,
    );
    const s = performance.now();
    const stats = await insights.stats(actor, { from: '2025-11-02', to: '2026-11-01' });
    console.log(
      `bench complaints-stats-year db=${label} n=${n} total=${stats.total} ms=${(performance.now() - s).toFixed(0)} target=1000ms`,
    );
  } finally {
    await database.close();
  }
}

try {
  await run({ kind: 'sqlite', file: join(work, 'bench.sqlite') }, 'sqlite');
  const url = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((u) =>
    u?.startsWith('postgres'),
  );
  if (url) await run({ kind: 'postgres', url }, 'postgres');
  else console.log('bench complaints: PostgreSQL skipped (set TEST_DATABASE_URL=postgres://… to include it)');
} finally {
  rmSync(work, { recursive: true, force: true });
}

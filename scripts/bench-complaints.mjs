#!/usr/bin/env node
// `npm run bench:complaints [N]` (default 1,000,000): N complaints over a year in 200 outlets,
// generated as `liangdian demo --complaints N` does; then, through the services the API calls:
//   - a filtered, sorted page of the complaint list (p95 of 50 runs over 5 filters, target < 100 ms),
//   - a year of statistics (target < 1 s),
//   - an .xlsx import of BENCH_IMPORT rows (default 100,000; 0 skips it; target < 60 s).
// On SQLite (a temp file) and on PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is a
// postgres:// URL, e.g. with the machine's PostgreSQL:
//   runuser -u postgres -- createdb liangdian_bench_complaints
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/liangdian_bench_complaints npm run bench:complaints
// (the bench drops and recreates the schema `bench_complaints` in that database).
// BENCH_DB=sqlite or BENCH_DB=postgres runs one database only. BENCH_SQLITE_FILE=path keeps the
// SQLite file, and a later run with the same path (or the same PostgreSQL schema with
// BENCH_REUSE=1) measures the complaints already loaded instead of loading them again.
// One line per case, ending in PASS or FAIL against its target:
//   bench complaints-page db=sqlite n=1000000 p50=… p95=…ms target=100ms PASS
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFromSources } from './build.mjs';

const n = Number(process.argv[2] ?? process.env.BENCH_COMPLAINTS ?? 1_000_000);
const work = mkdtempSync(join(tmpdir(), 'liangdian-bench-complaints-'));

// Bundle a small entry from the TypeScript sources (npm dependencies stay external).
const entry = `
import { openDatabase, migrateToLatest } from './packages/server/src/db/database';
import { createFieldCipher } from './packages/server/src/lib/crypto';
import { createServices } from './packages/server/src/app';
import { testConfig } from './packages/server/src/config';
import { argon2Hasher } from './packages/server/src/lib/passwords';
import { IMPORT_COLUMNS } from './packages/server/src/modules/complaints/complaint-import.service';
import { generateDemoComplaints } from './packages/server/src/modules/complaints/complaints.demo';
import { complainantIndexOf } from './packages/server/src/modules/complaints/complainant-index';
import { newId } from './packages/server/src/lib/ids';
export { openDatabase, migrateToLatest, createFieldCipher, createServices, testConfig, argon2Hasher, IMPORT_COLUMNS, generateDemoComplaints, complainantIndexOf, newId };
`;
const m = await importFromSources('bench-complaints-entry.mjs', entry);
const { sql } = await import('kysely');

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const verdict = (value, target) => (value < target ? 'PASS' : 'FAIL');
const importRows = Number(process.env.BENCH_IMPORT ?? 100_000);

async function run(target, label, reuse) {
  const database = m.openDatabase(target);
  const { db } = database;
  try {
    if (target.schema) {
      if (!reuse) await sql`drop schema if exists ${sql.id(target.schema)} cascade`.execute(db);
      await sql`create schema if not exists ${sql.id(target.schema)}`.execute(db);
    }
    await m.migrateToLatest(db, target.schema);
    const now = new Date('2026-11-02T01:00:00Z');
    const clock = { now: () => now };
    const cipher = m.createFieldCipher(Buffer.alloc(32, 7));
    let branch = reuse
      ? await db.selectFrom('branches').select(['id']).where('name', '=', 'bench').executeTakeFirst()
      : undefined;
    let outlets = [];
    if (branch) {
      outlets = await db
        .selectFrom('outlets')
        .select(['id', 'code'])
        .where('branch_id', '=', branch.id)
        .orderBy('created_at')
        .orderBy('code')
        .execute();
      const { c } = await db
        .selectFrom('complaints')
        .select((eb) => eb.fn.countAll().as('c'))
        .where('branch_id', '=', branch.id)
        .executeTakeFirstOrThrow();
      console.log(
        `bench complaints: ${label} reuses ${Number(c).toLocaleString()} complaints already loaded`,
      );
    } else {
      branch = { id: m.newId() };
      await db
        .insertInto('branches')
        .values({
          id: branch.id,
          code: `B${branch.id.slice(-6)}`,
          name: 'bench',
          bank_name: 'bench',
          created_at: now.toISOString(),
        })
        .execute();
      for (let i = 0; i < 200; i++) {
        const o = { id: m.newId(), code: `BO${branch.id.slice(-6)}${String(i).padStart(3, '0')}` };
        outlets.push(o);
        await db
          .insertInto('outlets')
          .values({
            id: o.id,
            branch_id: branch.id,
            code: o.code,
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
        branchId: branch.id,
        outletIds: outlets.map((o) => o.id),
        cipher,
        index: m.complainantIndexOf(Buffer.alloc(32, 7)),
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
    }
    const outletIds = outlets.map((o) => o.id);
    // the services as the app wires them, on the bench's database and clock
    const services = m.createServices(database, m.testConfig({ dataDir: work }), clock, m.argon2Hasher);
    const { complaints, complaintInsights: insights, complaintImport: imports } = services;
    const actor = {
      userId: 'bench',
      username: 'bench',
      displayName: 'bench',
      role: 'cp_officer',
      branchId: branch.id,
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
    const perQuery = queries.map(() => []);
    for (let i = 0; i < 50; i++) {
      const q = queries[i % queries.length];
      const t = performance.now();
      await complaints.list(actor, { page: 1 + (i % 3), pageSize: 20, ...q });
      const ms = performance.now() - t;
      times.push(ms);
      perQuery[i % queries.length].push(ms);
    }
    if (process.env.BENCH_VERBOSE) {
      for (const [i, q] of queries.entries())
        console.log(
          `  ${JSON.stringify(q)} max=${perQuery[i].reduce((a, b) => Math.max(a, b), 0).toFixed(1)}ms`,
        );
    }
    const p95 = quantile(times, 0.95);
    console.log(
      `bench complaints-page db=${label} n=${n} p50=${quantile(times, 0.5).toFixed(1)}ms p95=${p95.toFixed(1)}ms target=100ms ${verdict(p95, 100)}`,
    );
    const yearStats = async () => {
      const s = performance.now();
      const stats = await insights.stats(actor, { from: '2025-11-02', to: '2026-11-01' });
      return { stats, ms: performance.now() - s };
    };
    // The first run reads the tables from disk; report the slower of two runs.
    const a = await yearStats();
    const b = await yearStats();
    const ms = Math.max(a.ms, b.ms);
    console.log(
      `bench complaints-stats-year db=${label} n=${n} total=${b.stats.total} ms=${ms.toFixed(0)} target=1000ms ${verdict(ms, 1000)}`,
    );
    if (importRows > 0) {
      const file = await importSheet(
        importRows,
        outlets.map((o) => o.code),
      );
      const s = performance.now();
      const r = await imports.importXlsx(actor, file);
      const seconds = (performance.now() - s) / 1000;
      console.log(
        `bench complaints-import db=${label} rows=${r.imported} bytes=${file.length} seconds=${seconds.toFixed(1)} target=60s ${verdict(seconds, 60)}`,
      );
    }
  } finally {
    await database.close();
  }
}

/** An import sheet of `rows` complaints in the bench's outlets (the columns of IMPORT_COLUMNS). */
async function importSheet(rows, outletCodes) {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('投诉');
  const cols = [
    'receivedAt',
    'outletCode',
    'channel',
    'category',
    'cause',
    'source',
    'complainantName',
    'complainantPhone',
    'claim',
  ];
  ws.addRow(cols.map((k) => m.IMPORT_COLUMNS.find((c) => c.key === k).zh));
  const channels = ['branch_premises', 'self_service', 'mobile_banking'];
  const categories = ['debit_card', 'credit_card', 'loan', 'rmb_savings'];
  const causes = ['service_quality', 'pricing_fees', 'disclosure'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2026, 9, 1) + (i % 30) * 86_400_000).toISOString().slice(0, 10);
    ws.addRow([
      `${day} ${String(9 + (i % 8)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      outletCodes[i % outletCodes.length],
      channels[i % channels.length],
      categories[i % categories.length],
      causes[i % causes.length],
      '现场',
      `客户${i}`,
      `138${String(i).padStart(8, '0')}`,
      '排队等候时间过长，要求改进服务',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const only = process.env.BENCH_DB;
try {
  if (!only || only === 'sqlite') {
    const file = process.env.BENCH_SQLITE_FILE;
    await run(
      { kind: 'sqlite', file: file ?? join(work, 'bench.sqlite') },
      'sqlite',
      !!file && existsSync(file),
    );
  }
  const url = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL].find((u) =>
    u?.startsWith('postgres'),
  );
  if (url && (!only || only === 'postgres'))
    await run({ kind: 'postgres', url, schema: 'bench_complaints' }, 'postgres', !!process.env.BENCH_REUSE);
  else if (!only || only === 'postgres')
    console.log('bench complaints: PostgreSQL skipped (set TEST_DATABASE_URL=postgres://… to include it)');
} finally {
  rmSync(work, { recursive: true, force: true });
}

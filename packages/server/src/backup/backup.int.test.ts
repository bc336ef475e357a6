import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { attachmentStore } from '../app';
import type { DatabaseTarget } from '../db/database';
import { openDatabase } from '../db/database';
import { newId } from '../lib/ids';
import { DB_KIND, login, useCastApp } from '../test/harness';
import { isSealed } from './archive';
import { createBackup, hasPgTools, restoreBackup } from './backup';

const KEY = Buffer.alloc(32, 7); // testConfig's secret key
const pgTools = DB_KIND === 'sqlite' || hasPgTools();

describe.skipIf(!pgTools)(`backup and restore (${DB_KIND})`, () => {
  if (!pgTools) console.warn('backup on PostgreSQL skipped: pg_dump/pg_restore are not on the PATH');
  const ctx = useCastApp();
  const work = mkdtempSync(join(tmpdir(), 'ld-backup-'));
  const dropDbs: string[] = [];
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    if (DB_KIND !== 'postgres' || !dropDbs.length) return;
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    for (const d of dropDbs) await admin.query(`drop database if exists ${d}`);
    await admin.end();
  });

  /** A place to restore into: a new data directory and, on PostgreSQL, a new database. */
  async function freshTarget(): Promise<{ dataDir: string; database: DatabaseTarget }> {
    const dataDir = mkdtempSync(join(work, 'restore-'));
    rmSync(dataDir, { recursive: true });
    if (DB_KIND === 'sqlite')
      return { dataDir, database: { kind: 'sqlite', file: join(dataDir, 'liangdian.sqlite') } };
    const name = `r_${newId().replace(/-/g, '').slice(-12)}`;
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    dropDbs.push(name);
    const url = new URL(inject('pgUrl'));
    url.pathname = `/${name}`;
    return { dataDir, database: { kind: 'postgres', url: url.toString(), schema: ctx.t.database.schema } };
  }

  const source = (attachmentsDir: string) => ({
    database: ctx.t.database,
    pgUrl: DB_KIND === 'postgres' ? inject('pgUrl') : undefined,
    attachmentsDir,
    secretKey: KEY,
  });

  it('backs up while ticket events are posted, restores into a fresh place and verifies it', async () => {
    const head = await login(ctx.t, 'head.a');
    const token = (
      await head.post(`/api/v1/outlets/${ctx.cast.outletA}/machine-tokens`, { name: 'm' })
    ).json().token;
    const files = join(work, 'attachments');
    const store = attachmentStore({ secretKey: KEY, dataDir: '' }, files);
    await store.put('c1/a1', Buffer.from('证据一'));
    await store.put('c1/a2', Buffer.from('证据二'));

    let posting = true;
    let posted = 0;
    const writer = (async () => {
      for (let i = 0; posting; i++) {
        const r = await ctx.t.app.inject({
          method: 'POST',
          url: `/api/v1/outlets/${ctx.cast.outletA}/ticket-events`,
          headers: { authorization: `Bearer ${token}` },
          payload: {
            events: [
              {
                eventId: `e-${i}`,
                ticket: `A${i}`,
                businessType: 'cash',
                kind: 'issued',
                at: '2026-11-02T08:59:00+08:00',
              },
            ],
          },
        });
        expect(r.statusCode).toBe(200);
        if (i % 5 === 0)
          await ctx.admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, {
            kind: 'cash',
            name: `区${i}`,
            capacity: 1,
          });
        posted++;
      }
    })();
    while (posted < 10) await new Promise((r) => setTimeout(r, 5));
    const out = join(work, 'busy.tar.gz');
    const manifest = await createBackup(source(files), { out });
    const postedAtBackup = posted;
    while (posted < postedAtBackup + 5) await new Promise((r) => setTimeout(r, 5));
    posting = false;
    await writer;

    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(await isSealed(out)).toBe(false);
    const info = manifest.extra;
    expect(info.includesKey).toBe(false);
    expect(manifest.files.map((f) => f.name)).toEqual([
      info.database.file,
      'attachments/c1/a1',
      'attachments/c1/a2',
    ]);
    // the key is not in it, and the attachments stay encrypted inside
    expect(readFileSync(out).includes(KEY.toString('base64'))).toBe(false);
    const events = info.database.tables.ticket_events!;
    expect(events).toBeGreaterThanOrEqual(10);
    expect(info.audit!.seq).toBe(info.database.tables.audit_log);

    const target = await freshTarget();
    const report = await restoreBackup(out, { ...target, secretKey: KEY });
    expect(report.audit).toMatchObject({ ok: true, checked: info.audit!.seq });
    expect(report.files).toBe(2);
    expect(
      await attachmentStore({ secretKey: KEY, dataDir: '' }, join(target.dataDir, 'attachments')).get(
        'c1/a2',
      ),
    ).toEqual(Buffer.from('证据二'));

    // the restored database holds exactly the backed-up state: the audit chain is a prefix of the live one
    const restored = openDatabase(target.database);
    try {
      const count = async (db: typeof restored.db) =>
        Number((await sql<{ n: number }>`select count(*) as n from ticket_events`.execute(db)).rows[0]!.n);
      expect(await count(restored.db)).toBe(events);
      expect(await count(ctx.t.database.db)).toBeGreaterThan(events);
      const chain = (db: typeof restored.db) =>
        db
          .selectFrom('audit_log')
          .select(['seq', 'hash'])
          .where('seq', '<=', info.audit!.seq)
          .orderBy('seq')
          .execute();
      expect(await chain(restored.db)).toEqual(await chain(ctx.t.database.db));
    } finally {
      await restored.close();
    }
    // a second restore into the same place is refused
    await expect(restoreBackup(out, { ...target, secretKey: KEY })).rejects.toThrow(/not empty/);
  });

  it('with --include-key: the archive is sealed with the passphrase and restores without a key', async () => {
    await ctx.admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, {
      kind: 'cash',
      name: '区',
      capacity: 1,
    });
    const out = join(work, 'with-key.bak');
    const files = join(work, 'none');
    await expect(createBackup(source(files), { out, includeKey: true })).rejects.toThrow(/passphrase/);
    await createBackup(source(files), { out, includeKey: true, passphrase: 'a long pass phrase' });
    expect(await isSealed(out)).toBe(true);
    const target = await freshTarget();
    await expect(restoreBackup(out, { ...target, secretKey: null, passphrase: 'wrong' })).rejects.toThrow(
      /wrong passphrase/,
    );
    const report = await restoreBackup(out, { ...target, secretKey: null, passphrase: 'a long pass phrase' });
    expect(report.audit.ok).toBe(true);
    expect(readFileSync(join(target.dataDir, 'secret.key'), 'utf8')).toBe(KEY.toString('base64'));
    expect(statSync(join(target.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    // without the key, or with another one, a plain backup is refused before anything is written
    const plain = join(work, 'plain.tar.gz');
    await createBackup(source(files), { out: plain });
    const t2 = await freshTarget();
    await expect(restoreBackup(plain, { ...t2, secretKey: null })).rejects.toThrow(
      /does not hold the secret key/,
    );
    await expect(restoreBackup(plain, { ...t2, secretKey: Buffer.alloc(32, 9) })).rejects.toThrow(
      /not the one of the backup/,
    );
    // nor into a database that holds data, even with an empty data directory
    const used: DatabaseTarget =
      DB_KIND === 'sqlite'
        ? { kind: 'sqlite', file: join(target.dataDir, 'liangdian.sqlite') }
        : { kind: 'postgres', url: inject('pgUrl'), schema: ctx.t.database.schema };
    await expect(restoreBackup(plain, { ...t2, database: used, secretKey: KEY })).rejects.toThrow(
      DB_KIND === 'sqlite' ? /exists already/ : /not empty/,
    );
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { DATA_FILES } from '../config';
import { type Database, type DatabaseTarget, openDatabase } from '../db/database';
import type { Dialect } from '../db/schema';
import type { Q } from '../db/types';
import * as auditRepo from '../modules/audit/audit.repository';
import * as repo from './backup.repository';
import { keyId } from '../lib/crypto';
import { listFiles } from '../lib/files';
import { fileCheckpoint } from '../modules/audit/audit.checkpoint';
import { AuditService, auditKeys } from '../modules/audit/audit.service';
import { systemClock } from '../lib/clock';
import { readArchive, writeArchive } from './archive';
import type { TarFile } from './tar';

/**
 * `liangdian backup` and `liangdian restore`. The database is copied consistently while the
 * server runs (SQLite's online backup API; pg_dump in the snapshot the row counts were read in),
 * then the attachments: files are written before the row naming them commits and are never
 * deleted, so every attachment of the copied database is in the archive.
 */
export interface BackupInfo {
  database: { kind: 'sqlite' | 'postgres'; file: string; tables: Record<string, number> };
  /** the newest audit entry in the copy */
  audit: { seq: number; hash: string; keyedFrom: number | null } | null;
  /** fingerprint of the secret key the data is encrypted with (lib/crypto.ts keyId) */
  keyId: string;
  includesKey: boolean;
}

export class BackupError extends Error {}

const DB_SQLITE = 'database/liangdian.sqlite';
const DB_PG = 'database/postgres.dump';
const KEY = 'secret.key';

export interface BackupSource {
  database: Database;
  /** PostgreSQL: the URL pg_dump and the snapshot connection use */
  pgUrl?: string;
  attachmentsDir: string;
  secretKey: Buffer;
}

export async function createBackup(
  src: BackupSource,
  opts: { out: string; includeKey?: boolean; passphrase?: string; now?: Date },
) {
  if (opts.includeKey && !opts.passphrase)
    throw new BackupError('--include-key needs a passphrase: the archive is then encrypted with it');
  if (existsSync(opts.out)) throw new BackupError(`${opts.out} exists already; give a new file name`);
  const tmp = await mkdtemp(join(dirname(opts.out), '.liangdian-backup-'));
  await chmod(tmp, 0o700);
  try {
    const files: TarFile[] = [];
    let database: BackupInfo['database'];
    let audit: BackupInfo['audit'];
    if (src.database.dialect === 'sqlite') {
      const copy = join(tmp, 'liangdian.sqlite');
      ({ database, audit } = await copySqlite(src.database, copy));
      files.push({ name: DB_SQLITE, path: copy });
    } else {
      const dump = join(tmp, 'postgres.dump');
      ({ database, audit } = await dumpPostgres(src, dump));
      files.push({ name: DB_PG, path: dump });
    }
    for (const p of await listFiles(src.attachmentsDir))
      if (!p.endsWith('.part'))
        files.push({ name: `${DATA_FILES.attachments}/${relative(src.attachmentsDir, p)}`, path: p });
    if (opts.includeKey) {
      const keyFile = join(tmp, KEY);
      await writeFile(keyFile, src.secretKey.toString('base64'), { mode: 0o600 });
      files.push({ name: KEY, path: keyFile });
    }
    const info: BackupInfo = { database, audit, keyId: keyId(src.secretKey), includesKey: !!opts.includeKey };
    return await writeArchive(opts.out, files, info, {
      passphrase: opts.passphrase,
      now: opts.now ?? new Date(),
      tmpDir: tmp,
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

type Counted = { database: BackupInfo['database']; audit: BackupInfo['audit'] };

async function copySqlite(database: Database, to: string): Promise<Counted> {
  if (!database.sqlite) throw new BackupError('no SQLite connection to back up');
  // After the first step, the rest in one step: a writer on another connection restarts a
  // backup between steps, and a busy server would otherwise keep restarting it.
  await database.sqlite.backup(to, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  await chmod(to, 0o600);
  const copy = openDatabase({ kind: 'sqlite', file: to });
  try {
    const c = await counted(copy);
    copy.sqlite!.pragma('journal_mode = DELETE');
    return c;
  } finally {
    await copy.close();
  }
}

/** Row counts of every table and the audit head, read through `database` (one snapshot). */
async function counted(database: { db: Q; dialect: Dialect }): Promise<Counted> {
  const tables: Record<string, number> = {};
  for (const name of await repo.tableNames(database.db, database.dialect))
    tables[name] = await repo.rowCount(database.db, name);
  const head = await auditRepo.last(database.db);
  const keyedFrom = (await auditRepo.firstKeyed(database.db)) ?? null;
  return {
    database: { kind: database.dialect, file: database.dialect === 'sqlite' ? DB_SQLITE : DB_PG, tables },
    audit: head ? { seq: head.seq, hash: head.hash, keyedFrom } : null,
  };
}

const INSTALL_PG_TOOLS =
  "install the PostgreSQL client tools of your server's version (Debian: apt-get install postgresql-client)";

/** Whether pg_dump and pg_restore can be run (found on the PATH). */
export const hasPgTools = () =>
  ['pg_dump', 'pg_restore'].every((t) => !spawnSync(t, ['--version'], { stdio: 'ignore' }).error);

function run(cmd: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  return new Promise((ok, ko) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', (e: NodeJS.ErrnoException) =>
      ko(e.code === 'ENOENT' ? new BackupError(`${cmd} is not on the PATH: ${INSTALL_PG_TOOLS}`) : e),
    );
    p.on('close', (code) =>
      code === 0 ? ok() : ko(new BackupError(`${cmd} failed (${code}): ${err.trim()}`)),
    );
  });
}

/**
 * pg_dump in the snapshot of a repeatable-read transaction whose row counts go in the manifest:
 * the counts are exactly those of the dump, however busy the server.
 */
async function dumpPostgres(src: BackupSource, to: string): Promise<Counted> {
  if (!src.pgUrl) throw new BackupError('no PostgreSQL URL to back up');
  if (!hasPgTools()) throw new BackupError(`pg_dump is not on the PATH: ${INSTALL_PG_TOOLS}`);
  const schema = src.database.schema;
  const snapshotDb = openDatabase({ kind: 'postgres', url: src.pgUrl, schema, poolSize: 1 });
  try {
    return await snapshotDb.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const id = await repo.exportSnapshot(trx);
        const c = await counted({ db: trx, dialect: 'postgres' });
        await run('pg_dump', [
          '--format=custom',
          `--snapshot=${id}`,
          '--no-owner',
          ...(schema ? [`--schema=${schema}`] : []),
          `--file=${to}`,
          `--dbname=${src.pgUrl}`,
        ]);
        await chmod(to, 0o600);
        return c;
      });
  } finally {
    await snapshotDb.close();
  }
}

// ------------------------------------------------------------------------------------ restore

export interface RestoreTarget {
  dataDir: string;
  database: DatabaseTarget;
  /** the secret key when it is not in the archive (LIANGDIAN_SECRET_KEY or `<data dir>/secret.key`) */
  secretKey: Buffer | null;
  passphrase?: string;
}

export interface RestoreReport {
  tables: number;
  rows: number;
  files: number;
  audit: { ok: boolean; checked: number; reason: string | null };
}

/**
 * Restores into an EMPTY data directory (a `secret.key` alone may be there) and an empty
 * database, then checks it: every checksum, every table's row count, and the audit chain with
 * its checkpoint. Refuses, before writing anything, what it cannot restore.
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<RestoreReport> {
  const { dataDir } = target;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const present = (await readdir(dataDir)).filter((n) => n !== DATA_FILES.key);
  if (present.length)
    throw new BackupError(
      `the data directory ${dataDir} is not empty (${present.slice(0, 3).join(', ')}…): restore only into an empty one`,
    );
  if (target.database.kind === 'postgres') {
    if (!hasPgTools()) throw new BackupError(`pg_restore is not on the PATH: ${INSTALL_PG_TOOLS}`);
    await requireEmptyPostgres(target.database);
  } else if (existsSync(target.database.file))
    throw new BackupError(
      `the database file ${target.database.file} exists already: restore only into a new one`,
    );

  const stage = join(dataDir, '.restore');
  try {
    const m = await readArchive<BackupInfo>(file, stage, { passphrase: target.passphrase });
    const info = m.extra;
    if (info.database.kind !== target.database.kind)
      throw new BackupError(
        `the backup holds a ${info.database.kind} database, the configuration names ${target.database.kind}`,
      );
    const key = info.includesKey
      ? Buffer.from((await readFile(join(stage, KEY), 'utf8')).trim(), 'base64')
      : target.secretKey;
    if (!key)
      throw new BackupError(
        'the backup does not hold the secret key: put the original secret.key in the data directory, or set LIANGDIAN_SECRET_KEY',
      );
    if (keyId(key) !== info.keyId)
      throw new BackupError(
        `the secret key given is not the one of the backup (key ${keyId(key)}, backup made with key ${info.keyId})`,
      );

    if (target.database.kind === 'sqlite') {
      await mkdir(dirname(target.database.file), { recursive: true, mode: 0o700 });
      await rename(join(stage, info.database.file), target.database.file);
    } else await restorePostgres(join(stage, info.database.file), target.database);
    let files = 0;
    if (existsSync(join(stage, DATA_FILES.attachments))) {
      await rename(join(stage, DATA_FILES.attachments), join(dataDir, DATA_FILES.attachments));
      files = m.files.filter((f) => f.name.startsWith(`${DATA_FILES.attachments}/`)).length;
    }
    if (info.includesKey) await rename(join(stage, KEY), join(dataDir, DATA_FILES.key));
    if (info.audit) await fileCheckpoint(join(dataDir, DATA_FILES.checkpoint)).write(info.audit);
    return await checkRestored(target.database, info, { secretKey: key, dataDir }, files);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function checkRestored(
  to: DatabaseTarget,
  info: BackupInfo,
  config: { secretKey: Buffer; dataDir: string },
  files: number,
): Promise<RestoreReport> {
  const database = openDatabase(to);
  try {
    const { tables } = (await counted(database)).database;
    for (const [name, n] of Object.entries(info.database.tables))
      if (tables[name] !== n)
        throw new BackupError(`restored table ${name} holds ${tables[name] ?? 'no'} rows, the backup ${n}`);
    const audit = await new AuditService(database.dialect, systemClock, auditKeys(config)).verify(
      database.db,
    );
    if (!audit.ok)
      throw new BackupError(
        `the restored audit chain is broken at #${audit.firstBrokenSeq}: ${audit.reason}`,
      );
    return {
      tables: Object.keys(tables).length,
      rows: Object.values(tables).reduce((a, b) => a + b, 0),
      files,
      audit: { ok: audit.ok, checked: audit.checked, reason: audit.reason },
    };
  } finally {
    await database.close();
  }
}

async function requireEmptyPostgres(t: Extract<DatabaseTarget, { kind: 'postgres' }>): Promise<void> {
  const database = openDatabase({ ...t, poolSize: 1 });
  try {
    if ((await repo.tableNames(database.db, 'postgres')).length)
      throw new BackupError('the PostgreSQL database is not empty: restore only into an empty database');
  } finally {
    await database.close();
  }
}

async function restorePostgres(dump: string, t: Extract<DatabaseTarget, { kind: 'postgres' }>) {
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${t.url}`, dump]);
}

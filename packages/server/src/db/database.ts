import { setImmediate } from 'node:timers/promises';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Driver, Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index';
import type { DB, Dialect } from './schema';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** PostgreSQL schema other than the default (tests use one per app) */
  schema?: string;
  /** the SQLite connection itself (online backup), on SQLite */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL's COUNT(*) is a bigint, which pg returns as a string; counts here fit in a number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * SQLite answers at once (better-sqlite3 is synchronous), so the queries of every open request ran
 * as one unbroken chain of promise callbacks: under load the event loop read no socket for
 * seconds, and a health check or a sign-in waited behind all of it (measured in bench:api: no
 * health answer in 10 s beside 100 complaint-list requests). Each query, or transaction, now
 * waits its turn in the event loop's queue before it takes the connection, so requests that came
 * later are read and served in between. Inside a transaction nothing waits: it holds the
 * connection from BEGIN to COMMIT, as before.
 */
class TakingTurnsSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      await setImmediate();
      return acquire();
    };
    return driver;
  }
}

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') privateFile(target.file);
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL: a commit is on disk (the WAL synced) before it is acknowledged; NORMAL could lose the
    // last commits on power loss. Its cost is measured in README.md, "Backup and restore".
    sqlite.pragma('synchronous = FULL');
    cacheStatements(sqlite);
    // A page of a list reads rows scattered over the file: 64 MiB of page cache and the file mapped
    // (256 MiB) instead of SQLite's default 2 MiB (measured: the complaint list's row query
    // −30% at 20,000 complaints; README, Benchmarks).
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('mmap_size = 268435456');
    const db = new Kysely<DB>({ dialect: new TakingTurnsSqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema: target.schema, close: () => db.destroy() };
}

/**
 * The database file created 0600 in a 0700 folder before SQLite opens it: SQLite gives its -wal
 * and -shm files the mode of the database file. A file made earlier with wider modes is narrowed.
 */
function privateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export async function migrateToLatest(db: Kysely<DB>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Kysely's SQLite driver prepares every query anew; parsing the SQL costs more than running it
 * for the small indexed queries of a request. Reuse prepared statements by SQL text (bounded LRU).
 * Safe because better-sqlite3 runs a statement to completion synchronously, and SQLite
 * re-prepares a statement by itself when the schema changes.
 */
function cacheStatements(sqlite: SQLite.Database, max = 1000): void {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
    } else {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

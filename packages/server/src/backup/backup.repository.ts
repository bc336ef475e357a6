import { sql } from 'kysely';
import type { Dialect } from '../db/schema';
import type { Q } from '../db/types';

/** Every table of the database (of the current schema on PostgreSQL), by name. */
export async function tableNames(q: Q, dialect: Dialect): Promise<string[]> {
  const r =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`.execute(q)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(q);
  return r.rows.map((x) => x.name);
}

export async function rowCount(q: Q, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(q);
  return Number(r.rows[0]!.n);
}

/** A PostgreSQL snapshot that pg_dump can share (`--snapshot`), inside a repeatable-read transaction. */
export async function exportSnapshot(q: Q): Promise<string> {
  return (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(q)).rows[0]!.id;
}

import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_complaints';
import * as m0003 from './0003_lobby';

/** Every migration in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_complaints': m0002,
  '0003_lobby': m0003,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_complaints';

/** Every migration in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_complaints': m0002,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

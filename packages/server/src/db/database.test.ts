import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from './database';

describe('the SQLite database on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is private (folder 0700, database, -wal and -shm 0600) and synced on every commit', async () => {
    const file = join(dir, 'data/liangdian.sqlite');
    const database = openDatabase({ kind: 'sqlite', file });
    try {
      await migrateToLatest(database.db);
      expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777).toBe(0o600);
      // 2 = FULL
      expect(database.sqlite!.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await database.close();
    }
  });
});

import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileCheckpoint } from './audit.checkpoint';

describe('audit checkpoint file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the newest head, mode 0600, with no temporary file left', async () => {
    const file = join(dir, 'audit.checkpoint');
    const c = fileCheckpoint(file);
    expect(await c.read()).toBeNull();
    // concurrent commits finishing out of order: the newest wins
    await Promise.all([
      c.write({ seq: 3, hash: 'c', keyedFrom: 1 }),
      c.write({ seq: 5, hash: 'e', keyedFrom: 1 }),
      c.write({ seq: 4, hash: 'd', keyedFrom: 1 }),
    ]);
    expect(await fileCheckpoint(file).read()).toEqual({ seq: 5, hash: 'e', keyedFrom: 1 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['audit.checkpoint']);
  });

  it('says when the file cannot be read', async () => {
    const file = join(dir, 'bad.checkpoint');
    writeFileSync(file, '{"seq":"x"}');
    await expect(fileCheckpoint(file).read()).rejects.toThrow(/not readable/);
  });
});

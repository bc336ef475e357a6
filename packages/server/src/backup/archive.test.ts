import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveError, isSealed, readArchive, writeArchive } from './archive';

describe('backup archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ld-archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, 'src');
  mkdirSync(join(src, 'deep'), { recursive: true });
  writeFileSync(join(src, 'db'), Buffer.alloc(1500, 1));
  writeFileSync(join(src, 'deep/a'), '客户的证据');
  writeFileSync(join(src, 'empty'), '');
  const long = `attachments/${'x'.repeat(60)}/${'y'.repeat(60)}`;
  const files = [
    { name: 'database/liangdian.sqlite', path: join(src, 'db') },
    { name: long, path: join(src, 'deep/a') },
    { name: 'attachments/empty', path: join(src, 'empty') },
  ];
  const now = new Date('2026-12-01T00:00:00Z');
  let n = 0;
  const fresh = () => join(dir, `case${++n}`);

  it('holds every file with its checksum in the manifest, 0600, readable by tar', async () => {
    const out = join(dir, 'plain.tar.gz');
    const m = await writeArchive(out, files, { tables: { users: 3 } }, { now, tmpDir: src });
    expect(m.files.map((f) => [f.name, f.size])).toEqual([
      ['database/liangdian.sqlite', 1500],
      [long, 15],
      ['attachments/empty', 0],
    ]);
    expect(m.files[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(await isSealed(out)).toBe(false);
    const listed = spawnSync('tar', ['-tzf', out], { encoding: 'utf8' });
    if (listed.status === 0)
      expect(listed.stdout.trim().split('\n')).toEqual([...files.map((f) => f.name), 'manifest.json']);

    const to = fresh();
    const back = await readArchive<{ tables: Record<string, number> }>(out, to);
    expect(back).toEqual(m);
    expect(back.extra.tables.users).toBe(3);
    expect(readFileSync(join(to, long), 'utf8')).toBe('客户的证据');
    expect(statSync(join(to, long)).mode & 0o777).toBe(0o600);
  });

  it('refuses a file whose bytes do not match the manifest', async () => {
    const out = join(dir, 'changed.tar.gz');
    await writeArchive(out, files, {}, { now, tmpDir: src });
    const tar = gunzipSync(readFileSync(out));
    const at = tar.indexOf(Buffer.from('客户'));
    tar[at] = tar[at]! ^ 1;
    writeFileSync(out, gzipSync(tar));
    await expect(readArchive(out, fresh())).rejects.toThrow(/checksum mismatch/);
  });

  it('seals the whole archive with a passphrase', async () => {
    const out = join(dir, 'sealed.bak');
    await writeArchive(out, files, {}, { now, tmpDir: src, passphrase: 'long passphrase 1' });
    expect(await isSealed(out)).toBe(true);
    const raw = readFileSync(out);
    expect(raw.includes(Buffer.from('manifest.json'))).toBe(false);
    await expect(readArchive(out, fresh())).rejects.toThrow(ArchiveError);
    await expect(readArchive(out, fresh(), { passphrase: 'wrong' })).rejects.toThrow(/wrong passphrase/);
    raw[raw.length - 40] = raw[raw.length - 40]! ^ 1;
    writeFileSync(join(dir, 'sealed-changed.bak'), raw);
    await expect(
      readArchive(join(dir, 'sealed-changed.bak'), fresh(), { passphrase: 'long passphrase 1' }),
    ).rejects.toThrow(/wrong passphrase, or the file was changed/);
    const to = fresh();
    await readArchive(out, to, { passphrase: 'long passphrase 1' });
    expect(readFileSync(join(to, 'database/liangdian.sqlite')).length).toBe(1500);
  });
});

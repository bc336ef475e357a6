import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKey } from './crypto';
import { diskFileStore, encryptStoredFiles, SEALED_FILE_MAGIC, sniffMediaType } from './files';

describe('file kinds', () => {
  it('accepts a file whose content matches its extension', () => {
    expect(sniffMediaType('回单.PDF', Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffMediaType('a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffMediaType('说明.txt', Buffer.from('客户于 9:30 到店'))).toBe('text/plain; charset=utf-8');
  });
  it('refuses a disguised or unknown file', () => {
    expect(sniffMediaType('photo.jpg', Buffer.from('MZ\x90\x00 this is an exe'))).toBeNull();
    expect(sniffMediaType('run.exe', Buffer.from('MZ'))).toBeNull();
    expect(sniffMediaType('empty.pdf', Buffer.alloc(0))).toBeNull();
    expect(sniffMediaType('bin.txt', Buffer.from([0x61, 0x00, 0x62]))).toBeNull();
  });
});

describe('disk file store', () => {
  const root = mkdtempSync(join(tmpdir(), 'ld-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  it('keeps and returns bytes', async () => {
    const s = diskFileStore(root);
    await s.put('c1/a1', Buffer.from('hello'));
    expect((await s.get('c1/a1')).toString()).toBe('hello');
  });
  it('refuses keys that would leave the store', async () => {
    const s = diskFileStore(root);
    await expect(s.put('../x', Buffer.from('x'))).rejects.toThrow();
    await expect(s.get('a/../../etc/passwd')).rejects.toThrow();
  });
});

describe('disk file store, encrypted at rest', () => {
  const root = mkdtempSync(join(tmpdir(), 'ld-files-enc-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const key = deriveKey(Buffer.alloc(32, 7), 'attachments');
  const secret = '客户 张三 身份证 530102199001011234';

  it('writes sealed bytes, folders 0700 and files 0600, and reads them back', async () => {
    const s = diskFileStore(join(root, 'store'), key);
    await s.put('c1/a1', Buffer.from(secret));
    const onDisk = readFileSync(join(root, 'store/c1/a1'));
    expect(onDisk.subarray(0, SEALED_FILE_MAGIC.length).equals(SEALED_FILE_MAGIC)).toBe(true);
    expect(onDisk.includes(Buffer.from(secret))).toBe(false);
    expect(onDisk.includes(Buffer.from('530102199001011234'))).toBe(false);
    expect(statSync(join(root, 'store/c1/a1')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'store/c1')).mode & 0o777).toBe(0o700);
    expect((await s.get('c1/a1')).toString()).toBe(secret);
    // empty and larger-than-a-chunk files too
    await s.put('c1/empty', Buffer.alloc(0));
    expect((await s.get('c1/empty')).length).toBe(0);
    const big = Buffer.alloc(300_000, 'x');
    await s.put('c1/big', big);
    expect((await s.get('c1/big')).equals(big)).toBe(true);
  });

  it('refuses a changed file and a wrong key', async () => {
    const s = diskFileStore(join(root, 'tamper'), key);
    await s.put('x', Buffer.from(secret));
    const p = join(root, 'tamper/x');
    const b = readFileSync(p);
    b[b.length - 20]! ^= 1;
    writeFileSync(p, b);
    await expect(s.get('x')).rejects.toThrow();
    await s.put('y', Buffer.from(secret));
    await expect(
      diskFileStore(join(root, 'tamper'), deriveKey(Buffer.alloc(32, 8), 'attachments')).get('y'),
    ).rejects.toThrow();
  });

  it('reads files stored in clear before, and encrypts them in place on request', async () => {
    const dir = join(root, 'legacy');
    mkdirSync(join(dir, 'c2'), { recursive: true });
    writeFileSync(join(dir, 'c2/old'), secret);
    const s = diskFileStore(dir, key);
    expect((await s.get('c2/old')).toString()).toBe(secret);
    await s.put('c2/new', Buffer.from('new'));
    expect(await encryptStoredFiles(dir, key)).toEqual({ encrypted: 1, already: 1 });
    expect(readFileSync(join(dir, 'c2/old')).includes(Buffer.from(secret))).toBe(false);
    expect(statSync(join(dir, 'c2/old')).mode & 0o777).toBe(0o600);
    expect((await s.get('c2/old')).toString()).toBe(secret);
    expect(await encryptStoredFiles(dir, key)).toEqual({ encrypted: 0, already: 2 });
  });
});

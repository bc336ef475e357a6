import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFileStore, sniffMediaType } from './files';

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

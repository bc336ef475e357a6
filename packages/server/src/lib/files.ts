import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/** Where uploaded files are kept, behind a small interface (disk by default; tests use a temp dir). */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export function diskFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (!/^[A-Za-z0-9/_-]+$/.test(key)) throw new Error(`bad storage key: ${key}`);
    const p = resolve(join(base, key));
    if (!p.startsWith(base + sep)) throw new Error(`storage key escapes the store: ${key}`);
    return p;
  };
  return {
    async put(key, data) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      // Write beside, then rename: a crash never leaves half a file under the real name.
      const tmp = `${p}.part`;
      await writeFile(tmp, data, { mode: 0o600 });
      await rename(tmp, p);
    },
    get: async (key) => readFile(pathOf(key)),
  };
}

/** File kinds accepted as complaint evidence, recognised by their first bytes, not by their name. */
const KINDS: { type: string; ext: string[]; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', ext: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    ext: ['png'],
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'application/pdf', ext: ['pdf'], test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: ['docx'],
    test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: ['xlsx'],
    test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  {
    type: 'audio/mpeg',
    ext: ['mp3'],
    test: (b) =>
      b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  },
  { type: 'audio/mp4', ext: ['m4a'], test: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  {
    type: 'text/plain; charset=utf-8',
    ext: ['txt'],
    test: (b) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return !b.includes(0);
      } catch {
        return false;
      }
    },
  },
];

export const ALLOWED_EXTENSIONS = KINDS.flatMap((k) => k.ext);

/** The media type of a file whose name and content agree on an allowed kind, or null. */
export function sniffMediaType(fileName: string, data: Buffer): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const kind = KINDS.find((k) => k.ext.includes(ext));
  return kind && data.length > 0 && kind.test(data) ? kind.type : null;
}

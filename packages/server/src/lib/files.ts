import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sealStream, startsWith, unsealFile } from './crypto';

/** Where uploaded files are kept, behind a small interface (disk by default; tests use a temp dir). */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

/** The first bytes of a file encrypted at rest (AES-256-GCM, lib/crypto.ts `sealStream`). */
export const SEALED_FILE_MAGIC = Buffer.from('LDFILE01');

/**
 * Files under `root`, folders 0700 and files 0600. With `key` (the attachments key, derived from
 * the secret key) new files are encrypted, streamed; files stored in clear before are still read
 * (told apart by their first bytes) until `encryptStoredFiles` seals them.
 */
export function diskFileStore(root: string, key?: Buffer): FileStore {
  const base = resolve(root);
  const pathOf = (k: string) => {
    if (!/^[A-Za-z0-9/_-]+$/.test(k)) throw new Error(`bad storage key: ${k}`);
    const p = resolve(join(base, k));
    if (!p.startsWith(base + sep)) throw new Error(`storage key escapes the store: ${k}`);
    return p;
  };
  return {
    async put(k, data) {
      const p = pathOf(k);
      await mkdir(dirname(p), { recursive: true, mode: 0o700 });
      await writeAtomically(p, Readable.from([data]), key);
    },
    get: async (k) => readStored(pathOf(k), key),
  };
}

/** Write beside, then rename: a crash never leaves half a file under the real name. */
async function writeAtomically(p: string, data: Readable, key: Buffer | undefined): Promise<void> {
  const tmp = `${p}.part`;
  const out = createWriteStream(tmp, { mode: 0o600 });
  await (key ? pipeline(data, sealStream(key, SEALED_FILE_MAGIC), out) : pipeline(data, out));
  await rename(tmp, p);
}

async function readStored(p: string, key: Buffer | undefined): Promise<Buffer> {
  if (!(await startsWith(p, SEALED_FILE_MAGIC))) return readFile(p);
  if (!key) throw new Error(`${p} is encrypted and no key was given`);
  const chunks: Buffer[] = [];
  for await (const c of await unsealFile(p, key, SEALED_FILE_MAGIC.length)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Encrypts, in place and one at a time, every file of the store still in clear (written before
 * files were encrypted at rest): `liangdian attachments encrypt`. Safe to run again, and while the
 * server runs (each file is replaced atomically by its sealed copy; readers see one or the other).
 */
export async function encryptStoredFiles(
  root: string,
  key: Buffer,
): Promise<{ encrypted: number; already: number }> {
  let encrypted = 0;
  let already = 0;
  for (const p of await listFiles(resolve(root))) {
    if (p.endsWith('.part')) continue;
    if (await startsWith(p, SEALED_FILE_MAGIC)) {
      already++;
      continue;
    }
    await writeAtomically(p, createReadStream(p), key);
    encrypted++;
  }
  return { encrypted, already };
}

/** Every file under `dir` (none when it does not exist), in a stable order. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
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

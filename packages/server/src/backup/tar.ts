import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A minimal POSIX ustar writer and reader for the backup archive: regular files only, names up to
 * 255 bytes, mode 0600. GNU tar and bsdtar read what this writes (`tar -tzf backup.tar.gz`).
 * Written here rather than taken from a package because that subset is fifty lines.
 */
export interface TarFile {
  /** the name inside the archive (`attachments/…`) */
  name: string;
  /** where the bytes are on disk */
  path: string;
}

const BLOCK = 512;

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100)
      throw new Error(`name too long for tar: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  const put = (s: string, off: number, len: number) => h.write(s, off, len, 'utf8');
  const octal = (n: number, off: number, len: number) =>
    put(`${n.toString(8).padStart(len - 1, '0')}\0`, off, len);
  put(base, 0, 100);
  octal(0o600, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime / 1000), 136, 12);
  h.fill(' ', 148, 156);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

/** The archive's bytes: each file's header and content, then the two empty end blocks. */
export async function* tarStream(files: Iterable<TarFile> | AsyncIterable<TarFile>): AsyncGenerator<Buffer> {
  for await (const f of files) {
    const s = await stat(f.path);
    yield header(f.name, s.size, s.mtimeMs);
    let n = 0;
    for await (const chunk of createReadStream(f.path)) {
      n += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (n !== s.size) throw new Error(`${f.path} changed while it was archived`);
    if (n % BLOCK) yield Buffer.alloc(BLOCK - (n % BLOCK));
  }
  yield Buffer.alloc(2 * BLOCK);
}

export interface TarEntry {
  name: string;
  size: number;
  /** offset of the content in the tar file */
  offset: number;
}

/** The entries of a plain (uncompressed) tar file, read header by header. */
export async function listTar(file: string): Promise<TarEntry[]> {
  const fh = await open(file, 'r');
  try {
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    for (;;) {
      const { bytesRead } = await fh.read(h, 0, BLOCK, pos);
      if (bytesRead < BLOCK) throw new Error('archive truncated');
      if (h.every((b) => b === 0)) return entries;
      const text = (off: number, len: number) => h.toString('utf8', off, off + len).replace(/\0.*$/s, '');
      const size = Number.parseInt(text(124, 12).trim(), 8);
      const type = text(156, 1);
      const prefix = text(345, 155);
      const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
      if (!Number.isFinite(size) || (type !== '0' && type !== ''))
        throw new Error(`unexpected tar entry ${name}`);
      entries.push({ name, size, offset: pos + BLOCK });
      pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await fh.close();
  }
}

/** Copies one entry's content out of the tar file, streamed, mode 0600. */
export async function extractEntry(tarFile: string, e: TarEntry, to: string): Promise<void> {
  const out = createWriteStream(to, { mode: 0o600, flags: 'wx' });
  if (e.size === 0) await pipeline(Readable.from([]), out);
  else await pipeline(createReadStream(tarFile, { start: e.offset, end: e.offset + e.size - 1 }), out);
}

import { createHash, randomBytes, scrypt } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sealStream, startsWith, unsealFile } from '../lib/crypto';
import { extractEntry, listTar, type TarFile, tarStream } from './tar';

/**
 * The backup archive: a gzipped tar of the files, `manifest.json` last. With a passphrase the
 * whole archive is sealed: `LDBACKUP`, a 16-byte scrypt salt, then AES-256-GCM (lib/crypto.ts).
 */
export const MANIFEST = 'manifest.json';
export const SEALED_BACKUP_MAGIC = Buffer.from('LDBACKUP');
const SALT_BYTES = 16;

export interface ManifestFile {
  name: string;
  size: number;
  sha256: string;
}

export interface Manifest<Extra = unknown> {
  format: 'liangdian-backup';
  version: 1;
  createdAt: string;
  files: ManifestFile[];
  extra: Extra;
}

/** scrypt (N=2^15, r=8, p=1): a passphrase stretched into the archive's AES-256 key. */
function passphraseKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((ok, ko) =>
    scrypt(passphrase, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? ko(err) : ok(key),
    ),
  );
}

async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const c of createReadStream(path)) {
    h.update(c as Buffer);
    size += (c as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/** Writes `files` and their manifest into `out` (mode 0600); sealed when a passphrase is given. */
export async function writeArchive<Extra>(
  out: string,
  files: TarFile[],
  extra: Extra,
  opts: { passphrase?: string; now: Date; tmpDir: string },
): Promise<Manifest<Extra>> {
  const listed: ManifestFile[] = [];
  for (const f of files) listed.push({ name: f.name, ...(await sha256File(f.path)) });
  const manifest: Manifest<Extra> = {
    format: 'liangdian-backup',
    version: 1,
    createdAt: opts.now.toISOString(),
    files: listed,
    extra,
  };
  const manifestPath = join(opts.tmpDir, MANIFEST);
  await pipeline(
    Readable.from([JSON.stringify(manifest, null, 2)]),
    createWriteStream(manifestPath, { mode: 0o600 }),
  );
  const tar = Readable.from(tarStream([...files, { name: MANIFEST, path: manifestPath }]));
  const file = createWriteStream(out, { mode: 0o600, flags: 'wx' });
  try {
    if (opts.passphrase) {
      const salt = randomBytes(SALT_BYTES);
      const key = await passphraseKey(opts.passphrase, salt);
      await pipeline(tar, createGzip(), sealStream(key, Buffer.concat([SEALED_BACKUP_MAGIC, salt])), file);
    } else await pipeline(tar, createGzip(), file);
  } catch (e) {
    await rm(out, { force: true });
    throw e;
  }
  return manifest;
}

export class ArchiveError extends Error {}

/** Whether the archive is sealed with a passphrase. */
export const isSealed = (file: string) => startsWith(file, SEALED_BACKUP_MAGIC);

/**
 * Unpacks the archive into `dir` (which it creates; it must not exist) and checks every file
 * against the manifest's size and SHA-256. A sealed archive is opened with the passphrase and
 * its tag checked before anything in it is read.
 */
export async function readArchive<Extra>(
  file: string,
  dir: string,
  opts: { passphrase?: string } = {},
): Promise<Manifest<Extra>> {
  await mkdir(dir, { recursive: false, mode: 0o700 });
  const tarFile = join(dir, '.archive.tar');
  let source: Readable;
  if (await isSealed(file)) {
    if (!opts.passphrase) throw new ArchiveError('the archive is encrypted: give its passphrase');
    const salt = Buffer.alloc(SALT_BYTES);
    const fh = await open(file, 'r');
    await fh.read(salt, 0, SALT_BYTES, SEALED_BACKUP_MAGIC.length).finally(() => fh.close());
    const key = await passphraseKey(opts.passphrase, salt);
    source = await unsealFile(file, key, SEALED_BACKUP_MAGIC.length + SALT_BYTES);
  } else source = createReadStream(file);
  try {
    await pipeline(source, createGunzip(), createWriteStream(tarFile, { mode: 0o600 }));
  } catch (e) {
    throw new ArchiveError(
      /auth|unable to authenticate/i.test(String(e))
        ? 'the archive cannot be opened: wrong passphrase, or the file was changed'
        : `the archive cannot be read: ${(e as Error).message}`,
    );
  }
  const entries = await listTar(tarFile);
  const base = resolve(dir);
  for (const e of entries) {
    const to = resolve(base, e.name);
    if (!to.startsWith(base + sep) || e.name.startsWith('.'))
      throw new ArchiveError(`bad name in archive: ${e.name}`);
    await mkdir(dirname(to), { recursive: true, mode: 0o700 });
    await extractEntry(tarFile, e, to);
  }
  await rm(tarFile);
  if (!entries.some((e) => e.name === MANIFEST)) throw new ArchiveError('the archive has no manifest');
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest<Extra>;
  if (manifest.format !== 'liangdian-backup' || manifest.version !== 1)
    throw new ArchiveError('not a Liangdian backup (or a newer format)');
  const names = new Set(entries.map((e) => e.name));
  for (const f of manifest.files) {
    if (!names.has(f.name)) throw new ArchiveError(`missing from the archive: ${f.name}`);
    const got = await sha256File(join(dir, f.name));
    if (got.sha256 !== f.sha256 || got.size !== f.size)
      throw new ArchiveError(`checksum mismatch: ${f.name}`);
  }
  return manifest;
}

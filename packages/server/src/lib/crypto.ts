import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, type Readable, Transform } from 'node:stream';

/**
 * Encryption of personal data at rest: AES-256-GCM with a random 96-bit nonce.
 * Stored form: `v1:<nonce b64>:<tag b64>:<ciphertext b64>`.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

export function createFieldCipher(key: Buffer): FieldCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    encrypt(plain) {
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1:${nonce.toString('base64')}:${c.getAuthTag().toString('base64')}:${body.toString('base64')}`;
    },
    decrypt(stored) {
      const [v, nonce, tag, body] = stored.split(':');
      if (v !== 'v1' || !nonce || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
      d.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
    },
  };
}

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * One key per use, derived from the secret key (HKDF-SHA256), so the field cipher, the attachment
 * files and the audit chain never share a key. None of them is stored in the database.
 */
export type KeyPurpose = 'attachments' | 'audit-hmac' | 'key-id' | 'complainant-index';
export const deriveKey = (secret: Buffer, purpose: KeyPurpose): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `liangdian/${purpose}/v1`, 32));

export const hmacSha256Hex = (key: Buffer, s: string) => createHmac('sha256', key).update(s).digest('hex');

/** A short public fingerprint of the secret key: tells which key a backup needs, reveals nothing. */
export const keyId = (secret: Buffer) => deriveKey(secret, 'key-id').subarray(0, 8).toString('hex');

/**
 * A sealed stream (files at rest, encrypted backups): `header` (a magic and, for backups, the
 * scrypt salt), a 96-bit nonce, the AES-256-GCM ciphertext, and the 16-byte tag at the end.
 * Encrypts chunk by chunk: a file never has to be whole in memory.
 */
export function sealStream(key: Buffer, header: Buffer): Transform {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([header, nonce]));
      }
      done(null, c.update(chunk));
    },
    flush(done) {
      if (!started) this.push(Buffer.concat([header, nonce]));
      this.push(c.final());
      done(null, c.getAuthTag());
    },
  });
}

const TAG_BYTES = 16;

/**
 * The plaintext of a sealed file whose header is `headerBytes` long, as a stream. The tag is
 * checked when the stream ends: the stream errors on a wrong key or changed bytes, so a reader
 * keeps nothing it read before the end (restore writes to a temporary file; `get` collects).
 */
export async function unsealFile(path: string, key: Buffer, headerBytes: number): Promise<Readable> {
  const fh = await open(path, 'r');
  let nonce: Buffer;
  let tag: Buffer;
  let size: number;
  try {
    size = (await fh.stat()).size;
    if (size < headerBytes + 12 + TAG_BYTES) throw new Error(`${path}: sealed file too short`);
    nonce = Buffer.alloc(12);
    await fh.read(nonce, 0, 12, headerBytes);
    tag = Buffer.alloc(TAG_BYTES);
    await fh.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await fh.close();
  }
  const d = createDecipheriv('aes-256-gcm', key, nonce);
  d.setAuthTag(tag);
  const start = headerBytes + 12;
  const end = size - TAG_BYTES - 1;
  if (end < start) {
    // empty plaintext: only the tag to check
    const p = new PassThrough();
    try {
      d.final();
      p.end();
    } catch (e) {
      p.destroy(e as Error);
    }
    return p;
  }
  const src = createReadStream(path, { start, end });
  src.on('error', (e) => d.destroy(e));
  return src.pipe(d);
}

/** Whether the file at `path` starts with `magic`. */
export async function startsWith(path: string, magic: Buffer): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(magic.length);
    const { bytesRead } = await fh.read(b, 0, magic.length, 0);
    return bytesRead === magic.length && b.equals(magic);
  } finally {
    await fh.close();
  }
}

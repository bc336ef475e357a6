import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

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
export type KeyPurpose = 'attachments' | 'audit-hmac' | 'key-id';
export const deriveKey = (secret: Buffer, purpose: KeyPurpose): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `liangdian/${purpose}/v1`, 32));

export const hmacSha256Hex = (key: Buffer, s: string) => createHmac('sha256', key).update(s).digest('hex');

/** A short public fingerprint of the secret key: tells which key a backup needs, reveals nothing. */
export const keyId = (secret: Buffer) => deriveKey(secret, 'key-id').subarray(0, 8).toString('hex');

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

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

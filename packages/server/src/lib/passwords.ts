import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum). */
export interface PasswordHasher {
  hash(plain: string): Promise<string>;
  verify(stored: string, plain: string): Promise<boolean>;
}

export const argon2Hasher: PasswordHasher = {
  hash: (plain) => hash(plain, { algorithm: 2 }),
  verify: async (stored, plain) => {
    try {
      return await verify(stored, plain);
    } catch {
      return false;
    }
  },
};

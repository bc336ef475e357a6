import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './crypto';
import { newId } from './ids';

describe('field cipher', () => {
  const cipher = createFieldCipher(Buffer.alloc(32, 1));
  it('round-trips and never stores the plain text', () => {
    const stored = cipher.encrypt('13812341234');
    expect(stored).not.toContain('13812341234');
    expect(cipher.decrypt(stored)).toBe('13812341234');
  });
  it('uses a new nonce each time', () => {
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });
  it('detects tampering', () => {
    const stored = cipher.encrypt('13812341234');
    const parts = stored.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });
  it('refuses another key', () => {
    const other = createFieldCipher(Buffer.alloc(32, 2));
    expect(() => other.decrypt(cipher.encrypt('x'))).toThrow();
  });
});

describe('ids', () => {
  it('are UUIDv7-shaped and sort by time', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { percentFormatter, shareOf } from './format';

describe('percentFormatter', () => {
  it('writes a share one way: one decimal, the locale’s sign, a dash for nothing', () => {
    const zh = percentFormatter('zh-CN');
    const en = percentFormatter('en-US');
    expect(zh(0.9512)).toBe('95.1%');
    expect(en(0.9512)).toBe('95.1%');
    expect(en(1)).toBe('100.0%');
    expect(en(0)).toBe('0.0%');
    expect(zh(null)).toBe('—');
    expect(zh(undefined)).toBe('—');
    expect(en(shareOf(1, 3))).toBe('33.3%');
    expect(en(shareOf(0, 0))).toBe('—');
  });
});

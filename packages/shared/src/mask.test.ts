import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask';

describe('masking', () => {
  it('masks an 11-digit mobile number as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('masks short numbers without revealing them', () => {
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('8765432')).toBe('8****32');
  });
  it('masks an 18-character ID number keeping 6 + 4', () => {
    expect(maskIdNumber('53010219900101123X')).toBe('530102********123X');
  });
  it('masks Chinese names', () => {
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
});

import { describe, expect, it } from 'vitest';
import {
  ComplainantIndex,
  normaliseIdNumber,
  normaliseName,
  normalisePhone,
  readQuery,
} from './complainant-index';

describe('complainant index: normalising', () => {
  it.each([
    ['阿依古丽·买买提', '阿依古丽买买提'],
    [' 阿依古丽 ・ 买买提 ', '阿依古丽买买提'],
    ['张　三丰', '张三丰'],
    ['John  SMITH', 'johnsmith'],
    ['ＪＯＨＮ', 'john'],
  ])('name %s → %s', (v, n) => expect(normaliseName(v)).toBe(n));

  it.each([
    ['+86 139 8765 4321', '13987654321'],
    ['0086-13987654321', '13987654321'],
    ['8613987654321', '13987654321'],
    ['１３９８７６５４３２１', '13987654321'],
    ['0871-63123456', '087163123456'],
    ['86 63123456', '8663123456'],
  ])('phone %s → %s', (v, n) => expect(normalisePhone(v)).toBe(n));

  it('ID numbers lose spaces and get an upper-case X', () =>
    expect(normaliseIdNumber('530102 19900101 123x')).toBe('53010219900101123X'));

  it('reads a query each way it may be meant, and refuses short ones', () => {
    expect(readQuery('4321')).toEqual({ ok: true, terms: [['phone_last4', '4321']] });
    expect(readQuery('+86 13987654321')).toEqual({
      ok: true,
      terms: [
        ['phone', '13987654321'],
        ['id_number', '+8613987654321'],
      ],
    });
    expect(readQuery('张三丰').ok).toBe(true);
    expect(readQuery('123')).toEqual({ ok: false, min: 4 });
    expect(readQuery('王')).toEqual({ ok: false, min: 2 });
  });

  it('digests with the key: another key, other digests; kinds never collide', () => {
    const a = new ComplainantIndex(Buffer.alloc(32, 1));
    const b = new ComplainantIndex(Buffer.alloc(32, 2));
    expect(a.digest('phone', '1234')).not.toBe(b.digest('phone', '1234'));
    expect(a.digest('phone', '1234')).not.toBe(a.digest('phone_last4', '1234'));
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(
      a.entries('c1', { name: '张三', phone: '13800001111', idNumber: null }).map((e) => e.kind),
    ).toEqual(['name', 'phone', 'phone_last4']);
  });
});

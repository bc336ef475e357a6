import { describe, expect, it } from 'vitest';
import { createFieldCipher, type FieldCipher } from '../../lib/crypto';
import { personalColumns, presentComplaint } from './complaints.presenter';
import type { ComplaintFullRow } from './complaints.repository';

const cipher = createFieldCipher(Buffer.alloc(32, 3));
/** A cipher that counts decryptions. */
const counting = () => {
  const c = { decrypts: 0 } as FieldCipher & { decrypts: number };
  c.encrypt = cipher.encrypt;
  c.decrypt = (s) => {
    c.decrypts++;
    return cipher.decrypt(s);
  };
  return c;
};

/** A stored row: only the fields the presenter reads matter here. */
const row = (over: Partial<ComplaintFullRow> = {}) =>
  ({
    due_on: '2026-11-20',
    emergency_json: null,
    major: 0,
    decided_at: null,
    decision_json: null,
    review_json: null,
    on_time: null,
    ...personalColumns(cipher, {
      complainantName: '张三丰',
      complainantPhone: '13812341234',
      complainantIdNumber: '530102199001011234',
    }),
    ...over,
  }) as ComplaintFullRow;

const now = new Date('2026-11-02T02:00:00Z');

describe('the complainant data of a complaint', () => {
  it('shows masked from the stored masked columns, decrypting nothing (a list page of 50 rows)', () => {
    const c = counting();
    const views = Array.from({ length: 50 }, () => presentComplaint(row(), c, 'masked', now));
    expect(c.decrypts).toBe(0);
    expect(views[0]).toMatchObject({
      complainantName: '张*丰',
      complainantPhone: '138****1234',
      complainantIdNumber: '530102********1234',
    });
  });

  it('decrypts a row written before the masked columns, and shows it masked the same way', () => {
    const c = counting();
    const legacy = row({
      complainant_name_masked: null,
      complainant_phone_masked: null,
      complainant_id_masked: null,
    });
    expect(presentComplaint(legacy, c, 'masked', now)).toMatchObject(
      presentComplaint(row(), cipher, 'masked', now),
    );
    expect(c.decrypts).toBe(3);
  });

  it('decrypts in clear only, and shows nothing when hidden', () => {
    const c = counting();
    expect(presentComplaint(row(), c, 'clear', now).complainantPhone).toBe('13812341234');
    expect(presentComplaint(row(), c, 'hidden', now).complainantPhone).toBeNull();
    expect(c.decrypts).toBe(3);
  });

  it('clears both columns of an emptied field', () => {
    expect(personalColumns(cipher, { complainantIdNumber: '' })).toEqual({
      complainant_id_enc: null,
      complainant_id_masked: null,
    });
  });
});

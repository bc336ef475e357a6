import { deriveKey, hmacSha256Hex } from '../../lib/crypto';

/**
 * The blind index of the complainant's data (migration 0013, table `complainant_index`): the
 * name, phone and ID number are stored encrypted with a random nonce, so equal values never look
 * equal in the database. Beside them each complaint keeps an HMAC-SHA256 of each value in a
 * normalised form; a search normalises the query the same ways and looks the digests up. The HMAC
 * key is derived from the secret key (HKDF, label `liangdian/complainant-index/v1`): it is not the
 * encryption key, and the digests reveal nothing without it.
 *
 * What it finds: the whole name, the whole phone number, the last four digits of the phone, the
 * whole ID number. What it cannot: part of a name, a misspelling, another character of the same
 * sound, a landline written with another area prefix (docs/complaints.md, "Search").
 */
export const INDEX_KINDS = ['name', 'phone', 'phone_last4', 'id_number'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];

/** The three values of a complainant, as entered (clear text); null or empty when absent. */
export interface ComplainantValues {
  name: string | null | undefined;
  phone: string | null | undefined;
  idNumber: string | null | undefined;
}

// Middle dots written inside names of minority or foreign origin (阿依古丽·买买提): ·, ・, •, ‧, ⋅
const DOTS = /[\u00B7\u30FB\u2022\u2027\u22C5]/g;

/** A name as indexed: NFKC, without whitespace or middle dots, lower-case (Latin letters). */
export function normaliseName(v: string): string {
  return v.normalize('NFKC').replace(/\s+/g, '').replace(DOTS, '').toLowerCase();
}

/**
 * A phone number as indexed: its digits; for a Chinese mobile (11 digits, starting with 1) the
 * country code written before it (+86, 86, 0086) is dropped. A landline keeps its area prefix as
 * written (0871-63123456 and 63123456 are different numbers to the index).
 */
export function normalisePhone(v: string): string {
  const digits = v.normalize('NFKC').replace(/\D/g, '');
  const m = /^(?:0086|86)(1\d{10})$/.exec(digits);
  return m ? m[1]! : digits;
}

/** An ID number as indexed: NFKC, without whitespace, upper-case (the check letter X). */
export function normaliseIdNumber(v: string): string {
  return v.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The normalised value of each kind a complainant's data gives (absent values give none). */
export function indexValues(v: ComplainantValues): [IndexKind, string][] {
  const out: [IndexKind, string][] = [];
  const name = v.name ? normaliseName(v.name) : '';
  if (name) out.push(['name', name]);
  const phone = v.phone ? normalisePhone(v.phone) : '';
  if (phone) out.push(['phone', phone]);
  if (phone.length >= 4) out.push(['phone_last4', phone.slice(-4)]);
  const id = v.idNumber ? normaliseIdNumber(v.idNumber) : '';
  if (id) out.push(['id_number', id]);
  return out;
}

/** The shortest query: two characters (a name), four digits (the phone's last four). */
export const MIN_QUERY_CHARS = 2;
export const MIN_QUERY_DIGITS = 4;

/** What a search query becomes: the normalised value of each kind it may be. */
export type ComplainantQuery = { ok: true; terms: [IndexKind, string][] } | { ok: false; min: number };

/**
 * A query typed into the search box, read each way it may be meant: digits only (spaces, +, -,
 * brackets allowed) are exactly four → the phone's last four; more → a whole phone or ID number;
 * anything with a letter or a character → a whole name or an ID number (with its X).
 */
export function readQuery(query: string): ComplainantQuery {
  const compact = query.normalize('NFKC').replace(/\s+/g, '');
  if (/^[\d+\-()（）]+$/.test(compact)) {
    const digits = compact.replace(/\D/g, '');
    if (digits.length < MIN_QUERY_DIGITS) return { ok: false, min: MIN_QUERY_DIGITS };
    if (digits.length === MIN_QUERY_DIGITS) return { ok: true, terms: [['phone_last4', digits]] };
    return {
      ok: true,
      terms: [
        ['phone', normalisePhone(compact)],
        ['id_number', normaliseIdNumber(compact)],
      ],
    };
  }
  const name = normaliseName(compact);
  if ([...name].length < MIN_QUERY_CHARS) return { ok: false, min: MIN_QUERY_CHARS };
  return {
    ok: true,
    terms: [
      ['name', name],
      ['id_number', normaliseIdNumber(compact)],
    ],
  };
}

/** One row of the index. */
export interface IndexEntry {
  complaint_id: string;
  kind: IndexKind;
  digest: string;
}

/** Digests with the index key (never the encryption key): kind and value both enter the HMAC. */
export class ComplainantIndex {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the complainant index needs a 32-byte key');
  }

  digest(kind: IndexKind, value: string): string {
    return hmacSha256Hex(this.key, `${kind}\u0000${value}`);
  }

  /** The index rows of one complaint. */
  entries(complaintId: string, v: ComplainantValues): IndexEntry[] {
    return indexValues(v).map(([kind, value]) => ({
      complaint_id: complaintId,
      kind,
      digest: this.digest(kind, value),
    }));
  }

  /** The digests a query looks up, or the shortest query allowed. */
  lookup(
    query: string,
  ): { ok: true; terms: { kind: IndexKind; digest: string }[] } | { ok: false; min: number } {
    const q = readQuery(query);
    if (!q.ok) return q;
    return { ok: true, terms: q.terms.map(([kind, value]) => ({ kind, digest: this.digest(kind, value) })) };
  }

  /**
   * Names the key the index was built with (stored in `meta` as `complainant_index_key`): when it
   * differs from the running key (a new key, a database restored or migrated without the index),
   * the server rebuilds the index at start.
   */
  get fingerprint(): string {
    return hmacSha256Hex(this.key, 'fingerprint').slice(0, 16);
  }
}

/** The index of the configured secret key: HMAC key = HKDF(secret, `liangdian/complainant-index/v1`). */
export const complainantIndexOf = (secretKey: Buffer) =>
  new ComplainantIndex(deriveKey(secretKey, 'complainant-index'));

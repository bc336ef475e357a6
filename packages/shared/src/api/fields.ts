import { z } from 'zod';
import { BilingualName, Id } from './common';

/**
 * Field schemas and field groups the feature contracts share: texts with a length limit, the
 * code and phone formats, calendar dates, and the groups of view fields most records carry.
 * Internal to the contract: not re-exported from the API's index.
 */

/** A trimmed text of at most `max` characters (may be empty). */
export const text = (max: number) => z.string().trim().max(max);
/** A trimmed text of 1 to `max` characters. */
export const required = (max: number) => z.string().trim().min(1).max(max);
/** A phone number as people write it: digits, spaces, `+ - ( )`. */
export const phone = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9+\-() ]*$/);
/** A lower-case code of a code table (JR/T 0169 channel, category, cause; a business line). */
export const LowerCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/);
/** A `YYYY-MM-DD` calendar date (Beijing). */
export const Day = z.iso.date();

/** `/things/:id`: a record found by its own id. */
export const RecordParams = z.object({ id: Id });

// ---------------------------------------------------------------- groups of view fields
/** When a record was made and last changed (ISO instants). */
export const timestamps = { createdAt: z.string(), updatedAt: z.string() };
/** The outlet a record belongs to, by id and name. */
export const outletRef = { outletId: z.string(), outletName: z.string() };
/** The staff member a record is about, by id and name. */
export const staffRef = { staffId: z.string(), staffName: z.string() };
/** A name in both languages, as two fields. */
export const names = { nameZh: z.string(), nameEn: z.string() };
/** A message in the reader's language, and in both languages. */
export const messages = { message: z.string(), messageZh: z.string(), messageEn: z.string() };
/** A complaint scenario: its category and cause codes, with their names. */
export const scenarioCodes = {
  category: z.string(),
  categoryName: BilingualName,
  cause: z.string(),
  causeName: BilingualName,
};
/** The first and last instants a batch of events covers (null: none). */
export const eventSpan = { firstAt: z.string().nullable(), lastAt: z.string().nullable() };

// ---------------------------------------------------------------- groups of filters
/** `?q=`: a search text. */
export const searchFilter = { q: text(100).optional() };
/** `?from=&to=`: Beijing calendar dates, both ends included. */
export const dayRange = { from: Day.optional(), to: Day.optional() };

import { z } from 'zod';
import { PAGE_SIZE_MAX } from '../org';

/** `?page=&pageSize=` of every paged list. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page of `item`s. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** A short list that is not paged (an outlet's zones, a code table). */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** `?flag=true|false` as a boolean filter (absent → undefined). */
export const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** An id in a path. */
export const Id = z.string().min(1).max(64);
export const OutletParams = z.object({ outletId: Id });

/** A `YYYY-MM-DD` calendar date (Beijing). */
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An instant with its zone (`Z` or `+08:00`): a time without one would be read in the host's zone. */
export const Instant = z.iso.datetime({ offset: true });

/** A name in both languages, as code tables carry it. */
export const BilingualName = z.object({ zh: z.string(), en: z.string() });

/** `{ ok: true }` of commands that answer nothing else. */
export const Ok = z.object({ ok: z.literal(true) });

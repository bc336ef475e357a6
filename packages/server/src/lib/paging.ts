import { EXPORT_ROW_LIMIT, PAGE_SIZE_MAX } from '@liangdian/shared';
import { z } from 'zod';

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

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** The offset and limit of the page a list query asks for: `repo.list(db, filter, ...pageWindow(f))`. */
export const pageWindow = (f: { page: number; pageSize: number }): [offset: number, limit: number] => [
  (f.page - 1) * f.pageSize,
  f.pageSize,
];

/** `?flag=true|false` as a boolean filter (absent → undefined). */
export const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Escapes LIKE wildcards so a search for "50%" finds "50%" literally. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A list query turned into its .xlsx export: the same filters, every row up to the export limit. */
export const exportQuery = <T extends object>(q: T): T & { page: number; pageSize: number } => ({
  ...q,
  page: 1,
  pageSize: EXPORT_ROW_LIMIT,
});

import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { likePattern } from '../lib/paging';
import type { DB, Q } from './types';

/** How many rows a filtered query has. */
export async function countRows<D, T extends keyof D, O>(
  query: SelectQueryBuilder<D, T, O>,
): Promise<number> {
  const r = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number((r as unknown as { n: number | string }).n);
}

/** A query that `page` builds: it takes the offset and limit of one page and answers its rows. */
interface PageQuery<R> {
  offset(n: number): { limit(n: number): { execute(): Promise<R[]> } };
}

/**
 * One page of a list and the number of rows its filter matches, read in parallel: `page` turns the
 * filtered query into the page's (its columns, joins and order); the count runs on the filter alone.
 */
export async function pageWithTotal<D, T extends keyof D, O, R>(
  filtered: SelectQueryBuilder<D, T, O>,
  page: (filtered: SelectQueryBuilder<D, T, O>) => PageQuery<R>,
  offset: number,
  limit: number,
): Promise<{ rows: R[]; total: number }> {
  const [rows, total] = await Promise.all([
    page(filtered).offset(offset).limit(limit).execute(),
    countRows(filtered),
  ]);
  return { rows, total };
}

/**
 * True where any of `columns` contains `text`, case aside, wildcards taken literally. Chinese has
 * no word breaks: a substring match (LIKE) is the search users expect.
 */
export function containsText(columns: string[], text: string): Expression<SqlBool> {
  const pattern = likePattern(text);
  const one = (column: string) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  return columns.length === 1 ? one(columns[0]!) : sql<SqlBool>`(${sql.join(columns.map(one), sql` or `)})`;
}

/** Every table, loosely typed: what the row helpers below write through (their callers keep the types). */
type LooseTables = Record<string, Record<string, unknown>>;
const loose = (q: Q) => q as unknown as Kysely<LooseTables>;

/** The insert of one row into `table`: `export const insertZone = insertRow('zones')`. */
export const insertRow =
  <T extends keyof DB & string>(table: T) =>
  async (q: Q, row: DB[T]): Promise<void> => {
    await loose(q)
      .insertInto(table as string)
      .values(row)
      .execute();
  };

/** The update of the row of `table` with this `id`: `export const updateZone = updateById('zones')`. */
export const updateById =
  <T extends keyof DB & string>(table: T) =>
  async (q: Q, id: string, patch: Partial<DB[T]>): Promise<void> => {
    await loose(q)
      .updateTable(table as string)
      .set(patch)
      .where('id', '=', id)
      .execute();
  };

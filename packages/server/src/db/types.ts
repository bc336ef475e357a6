import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

/** What repository functions take: the database or a transaction the service opened. */
export type Q = Kysely<DB> | Transaction<DB>;
export type { DB };

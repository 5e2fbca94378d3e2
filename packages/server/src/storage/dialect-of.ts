import { SqliteAdapter, type Kysely } from 'kysely';
import type { Dialect } from './database.ts';

/** Which database a Kysely instance talks to, for the few places that tune per database. */
export const dialectOf = (db: Kysely<any>): Dialect => (db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres');

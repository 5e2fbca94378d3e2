import type { Kysely } from 'kysely';
import type { Dialect } from './database.ts';

/**
 * Which database a Kysely instance talks to, for the few places that tune per database. Asked of the
 * adapter's capabilities rather than its class, so a Kysely from another copy of the library (the
 * bundled server beside a script's own) is recognised too: only PostgreSQL has transactional DDL.
 */
export const dialectOf = (db: Kysely<any>): Dialect => (db.getExecutor().adapter.supportsTransactionalDdl ? 'postgres' : 'sqlite');

import type { Kysely, SelectQueryBuilder } from 'kysely';
import { dialectOf } from '../storage/dialect-of.ts';
import type { Database } from '../storage/schema.ts';

/**
 * Claims the due rows `select` picks, for one transaction: on PostgreSQL they are locked
 * (`FOR UPDATE SKIP LOCKED`), so another process's simulator skips them instead of moving them
 * twice, and a process that dies mid-step rolls back and leaves them due. SQLite has one writer
 * at a time (immediate transactions), which makes the claim.
 */
export function claimDue<TB extends keyof Database, O>(trx: Kysely<Database>, select: (trx: Kysely<Database>) => SelectQueryBuilder<Database, TB, O>): Promise<O[]> {
  const query = select(trx);
  return (dialectOf(trx) === 'postgres' ? query.forUpdate().skipLocked() : query).execute();
}

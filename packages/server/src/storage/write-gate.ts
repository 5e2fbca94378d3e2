import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

const gates = new WeakMap<Kysely<Database>, () => Promise<void> | undefined>();

/** Sets what `writesMayStart` asks of `db` (a SQLite server's background checkpoints). */
export function gateWrites(db: Kysely<Database>, gate: () => Promise<void> | undefined): void {
  gates.set(db, gate);
}

/**
 * What a busy writer (a group of creates, a simulation batch, the audit trail) waits for before its
 * transaction: undefined at once, except for the moments a SQLite server's log is being started anew
 * (sqlite-checkpointer.ts). Other writers go ahead; the wait only makes that moment come sooner.
 */
export const writesMayStart = (db: Kysely<Database>): Promise<void> | undefined => gates.get(db)?.();

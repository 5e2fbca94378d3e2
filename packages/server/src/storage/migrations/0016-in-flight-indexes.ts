import type { Kysely } from 'kysely';

const SIMULATED = [['calls', 'calls_next_event'], ['messages', 'messages_next_event']] as const;

/**
 * The simulator looks up calls and messages by their next event, which only rows still in flight
 * have. Indexing only those keeps the index as small as the traffic of the last minutes, not the
 * whole history (a million seeded calls added a million entries that no query reads), so writes
 * that move a row along touch a B-tree that stays in memory.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, index] of SIMULATED) {
    await db.schema.dropIndex(index).execute();
    await db.schema.createIndex(index).on(table).column('next_event_at').where('next_event_at', 'is not', null).execute();
  }
}

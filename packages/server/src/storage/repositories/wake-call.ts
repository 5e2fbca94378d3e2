import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Wakes a call waiting in a conference or queue at `at`, so that the simulation takes it on from there. */
export async function wakeCall(db: Kysely<Database>, callSid: string, at: number): Promise<void> {
  await db.updateTable('calls').set({ next_event_at: at }).where('sid', '=', callSid).where('next_event_at', 'is not', null).execute();
}

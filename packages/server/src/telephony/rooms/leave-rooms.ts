import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { leaveConference } from './leave-conference.ts';

/** A call ended from outside its TwiML (the Calls API) leaves whatever conference or queue it was in. */
export async function leaveRooms(db: Kysely<Database>, callSid: string, at: number): Promise<void> {
  const participant = await db.selectFrom('conference_participants').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
  if (participant) await leaveConference(db, participant, 'left', at);
  await db.deleteFrom('queue_members').where('call_sid', '=', callSid).execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { CallSessionsTable } from '../schema-rest.ts';

export type CallSession = CallSessionsTable;

export const insertCallSession = async (db: Kysely<Database>, session: CallSession): Promise<void> => {
  await db.insertInto('call_sessions').values(session).execute();
};

/** A session of this kind on this call, by SID or (for media sessions, as Twilio allows) by its name. */
export const findCallSession = (db: Kysely<Database>, callSid: string, kind: CallSession['kind'], sidOrName: string): Promise<CallSession | undefined> =>
  db
    .selectFrom('call_sessions')
    .selectAll()
    .where('call_sid', '=', callSid)
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('sid', '=', sidOrName), eb('name', '=', sidOrName)]))
    .executeTakeFirst();

export const updateCallSession = async (db: Kysely<Database>, sid: string, changes: Partial<Pick<CallSession, 'status' | 'settings' | 'date_updated'>>): Promise<void> => {
  await db.updateTable('call_sessions').set(changes).where('sid', '=', sid).execute();
};

export const deleteCallSession = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('call_sessions').where('sid', '=', sid).execute();
};

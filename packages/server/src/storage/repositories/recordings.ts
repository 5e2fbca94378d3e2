import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database, RecordingsTable } from '../schema.ts';
import type { InstantRange } from './calls.ts';

export type Recording = RecordingsTable;

/** A deleted recording keeps its metadata (status `deleted`), as Twilio's soft delete does; its audio is gone. */
export const DELETED = 'deleted';

export interface RecordingFilters {
  callSid?: string;
  conferenceSid?: string;
  created: InstantRange;
  includeDeleted: boolean;
}

export const insertRecording = (db: Kysely<Database>, recording: Recording) => db.insertInto('recordings').values(recording).execute();

/** The recording if it belongs to the account, deleted or not. */
export const findRecording = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Recording | undefined> =>
  db.selectFrom('recordings').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

/** Newest first; `callSid` seeks through the (call_sid, date_created, sid) index. */
export function listRecordings(db: Kysely<Database>, accountSid: string, filters: RecordingFilters, page: PageQuery): Promise<PageRows<Recording>> {
  let q = db.selectFrom('recordings').selectAll().where('account_sid', '=', accountSid);
  if (filters.callSid !== undefined) q = q.where('call_sid', '=', filters.callSid);
  if (filters.conferenceSid !== undefined) q = q.where('conference_sid', '=', filters.conferenceSid);
  if (!filters.includeDeleted) q = q.where('status', '<>', DELETED);
  if (filters.created.from !== undefined) q = q.where('date_created', '>=', filters.created.from);
  if (filters.created.to !== undefined) q = q.where('date_created', '<=', filters.created.to);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

export const markRecordingDeleted = async (db: Kysely<Database>, sid: string, now: number): Promise<void> => {
  await db.updateTable('recordings').set({ status: DELETED, date_updated: now }).where('sid', '=', sid).execute();
};

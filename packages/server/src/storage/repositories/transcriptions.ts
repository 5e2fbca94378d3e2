import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database, TranscriptionsTable } from '../schema.ts';

export type Transcription = TranscriptionsTable;

export const insertTranscription = (db: Kysely<Database>, transcription: Transcription) =>
  db.insertInto('transcriptions').values(transcription).execute();

/** The transcription if it belongs to the account (and, when given, to the recording). */
export function findTranscription(db: Kysely<Database>, accountSid: string, sid: string, recordingSid?: string): Promise<Transcription | undefined> {
  let q = db.selectFrom('transcriptions').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid);
  if (recordingSid !== undefined) q = q.where('recording_sid', '=', recordingSid);
  return q.executeTakeFirst();
}

/** Newest first: an account's transcriptions, or one recording's. */
export function listTranscriptions(
  db: Kysely<Database>,
  scope: { accountSid: string } | { recordingSid: string },
  page: PageQuery,
): Promise<PageRows<Transcription>> {
  const q = db.selectFrom('transcriptions').selectAll();
  const scoped = 'recordingSid' in scope ? q.where('recording_sid', '=', scope.recordingSid) : q.where('account_sid', '=', scope.accountSid);
  return keysetPage(scoped, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

export const deleteTranscription = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('transcriptions').where('sid', '=', sid).execute();
};

import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { ConferenceParticipantsTable, ConferencesTable, ConferenceStatus } from '../schema-rooms.ts';
import type { InstantRange } from './calls.ts';

export type Conference = ConferencesTable;
export type Participant = ConferenceParticipantsTable;

export interface ConferenceFilters {
  status?: ConferenceStatus;
  friendlyName?: string;
  dateCreated: InstantRange;
  dateUpdated: InstantRange;
}

export const findConference = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Conference | undefined> =>
  db.selectFrom('conferences').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

/** The room a `<Conference>` of this name joins: the account's one not yet ended. */
export const findOpenConference = (db: Kysely<Database>, accountSid: string, friendlyName: string): Promise<Conference | undefined> =>
  db.selectFrom('conferences').selectAll().where('account_sid', '=', accountSid).where('friendly_name', '=', friendlyName).where('status', '!=', 'completed').executeTakeFirst();

export function listConferences(db: Kysely<Database>, accountSid: string, filters: ConferenceFilters, page: PageQuery): Promise<PageRows<Conference>> {
  let q = db.selectFrom('conferences').selectAll().where('account_sid', '=', accountSid);
  if (filters.status !== undefined) q = q.where('status', '=', filters.status);
  if (filters.friendlyName !== undefined) q = q.where('friendly_name', '=', filters.friendlyName);
  const { dateCreated, dateUpdated } = filters;
  if (dateCreated.from !== undefined) q = q.where('date_created', '>=', dateCreated.from);
  if (dateCreated.to !== undefined) q = q.where('date_created', '<=', dateCreated.to);
  if (dateUpdated.from !== undefined) q = q.where('date_updated', '>=', dateUpdated.from);
  // A row is updated no earlier than it was created, which bounds the index's order too.
  if (dateUpdated.to !== undefined) q = q.where('date_updated', '<=', dateUpdated.to).where('date_created', '<=', dateUpdated.to);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

export const findParticipant = (db: Kysely<Database>, conferenceSid: string, callSid: string): Promise<Participant | undefined> =>
  db.selectFrom('conference_participants').selectAll().where('call_sid', '=', callSid).where('conference_sid', '=', conferenceSid).executeTakeFirst();

export const participantsOf = (db: Kysely<Database>, conferenceSid: string): Promise<Participant[]> =>
  db.selectFrom('conference_participants').selectAll().where('conference_sid', '=', conferenceSid).orderBy('date_created').orderBy('call_sid').execute();

export interface ParticipantFilters {
  muted?: boolean;
  hold?: boolean;
  coaching?: boolean;
}

export function listParticipants(db: Kysely<Database>, conferenceSid: string, filters: ParticipantFilters, page: PageQuery): Promise<PageRows<Participant>> {
  let q = db.selectFrom('conference_participants').selectAll().where('conference_sid', '=', conferenceSid);
  if (filters.muted !== undefined) q = q.where('muted', '=', filters.muted ? 1 : 0);
  if (filters.hold !== undefined) q = q.where('hold', '=', filters.hold ? 1 : 0);
  if (filters.coaching !== undefined) q = q.where('coaching', '=', filters.coaching ? 1 : 0);
  return keysetPage(q, { created: 'date_created', key: 'call_sid', order: 'asc' }, page);
}

import type { Kysely } from 'kysely';
import { keysetPage, shapedKeysetItems, shapedKeysetPage, type PageItems, type PageQuery, type PageRows, type ShapedQuery } from '../keyset-page.ts';
import type { Database, MessageMediaTable, MessagesTable } from '../schema.ts';
import type { InstantRange } from './calls.ts';

export type Message = MessagesTable;
export type Media = MessageMediaTable;

export interface MessageFilters {
  to?: string;
  from?: string;
  dateSent: InstantRange;
}

export const findMessage = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Message | undefined> =>
  db.selectFrom('messages').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

/**
 * Newest first, as stored (observedMessage shows each as a reader sees it at `now`). A message is sent no
 * earlier than it was created, so `DateSent<` also bounds `date_created`. An unobserved message in
 * flight is stored with the instant it will be sent (observed-message.ts), so the send date filters
 * leave out what is not sent by `now`.
 */
export function listMessages(db: Kysely<Database>, accountSid: string, filters: MessageFilters, page: PageQuery, now: number): Promise<PageRows<Message>> {
  return shapedKeysetPage(db, messagesQuery(db, accountSid, filters, now), MESSAGES_ORDER, page);
}

/** The same page as listMessages, as its messages' JSON at `now` (`items`), their places in the list, and when what it shows next changes. */
export function listMessageItems(db: Kysely<Database>, accountSid: string, filters: MessageFilters, page: PageQuery, now: number, items: PageItems<Message>) {
  return shapedKeysetItems(db, messagesQuery(db, accountSid, filters, now), MESSAGES_ORDER, page, items, now);
}

const MESSAGES_ORDER = { created: 'date_created', key: 'sid', order: 'desc' } as const;

function messagesQuery(db: Kysely<Database>, accountSid: string, filters: MessageFilters, now: number): ShapedQuery<Message> {
  // Each condition with the value it binds, in SQL order; which of them apply names the query's shape.
  const conditions: Array<[name: string, column: 'to' | 'from' | 'date_sent' | 'date_created', op: '=' | '>=' | '<=', value: string | number]> = [];
  const { dateSent } = filters;
  if (filters.to !== undefined) conditions.push(['to', 'to', '=', filters.to]);
  if (filters.from !== undefined) conditions.push(['from', 'from', '=', filters.from]);
  if (dateSent.from !== undefined) conditions.push(['sent>=', 'date_sent', '>=', dateSent.from]);
  if (dateSent.to !== undefined) conditions.push(['sent<=', 'date_sent', '<=', dateSent.to], ['created<=', 'date_created', '<=', dateSent.to]);
  if (dateSent.from !== undefined || dateSent.to !== undefined) conditions.push(['sent<=now', 'date_sent', '<=', now]);
  return {
    shape: `messages ${conditions.map(([name]) => name).join(',')}`,
    parameters: [accountSid, ...conditions.map(([, , , value]) => value)],
    build: () => conditions.reduce((q, [, column, op, value]) => q.where(column, op, value), db.selectFrom('messages').selectAll().where('account_sid', '=', accountSid)),
  };
}

export const findMedia = (db: Kysely<Database>, messageSid: string, sid: string): Promise<Media | undefined> =>
  db.selectFrom('message_media').selectAll().where('sid', '=', sid).where('message_sid', '=', messageSid).executeTakeFirst();

export function listMedia(db: Kysely<Database>, messageSid: string, created: InstantRange, page: PageQuery): Promise<PageRows<Media>> {
  let q = db.selectFrom('message_media').selectAll().where('message_sid', '=', messageSid);
  if (created.from !== undefined) q = q.where('date_created', '>=', created.from);
  if (created.to !== undefined) q = q.where('date_created', '<=', created.to);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

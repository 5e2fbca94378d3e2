import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { SENT_AFTER_MS } from '../../telephony/message-lifecycle.ts';
import { keysetPage, shapedKeysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
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
 * When a message was sent as a reader sees it at `now`: an unobserved message in flight (stored as
 * created, observed-message.ts) was sent SENT_AFTER_MS after it was created, unless it fails.
 */
const seenDateSent = (now: number) =>
  sql<number>`coalesce(date_sent, case when unobserved = 1 and next_event_at is not null and outcome <> 'failed' and date_created + ${sql.lit(SENT_AFTER_MS)} <= ${now} then date_created + ${sql.lit(SENT_AFTER_MS)} end)`;

/**
 * Newest first, as stored (observedMessage shows each as a reader sees it at `now`). A message is sent no
 * earlier than it was created, so `DateSent<` also bounds `date_created`.
 */
export function listMessages(db: Kysely<Database>, accountSid: string, filters: MessageFilters, page: PageQuery, now: number): Promise<PageRows<Message>> {
  // Each condition with the values it binds, in SQL order; which of them apply names the query's shape.
  type Query = SelectQueryBuilder<Database, 'messages', Message>;
  const conditions: Array<[name: string, values: unknown[], apply: (q: Query) => Query]> = [];
  const { to, from, dateSent } = filters;
  if (to !== undefined) conditions.push(['to', [to], (q) => q.where('to', '=', to)]);
  if (from !== undefined) conditions.push(['from', [from], (q) => q.where('from', '=', from)]);
  if (dateSent.from !== undefined) conditions.push(['sent>=', [now, dateSent.from], (q) => q.where(seenDateSent(now), '>=', dateSent.from!)]);
  if (dateSent.to !== undefined) {
    conditions.push(['sent<=', [now, dateSent.to], (q) => q.where(seenDateSent(now), '<=', dateSent.to!)]);
    conditions.push(['created<=', [dateSent.to], (q) => q.where('date_created', '<=', dateSent.to!)]);
  }
  const query = {
    shape: `messages ${conditions.map(([name]) => name).join(',')}`,
    parameters: [accountSid, ...conditions.flatMap(([, values]) => values)],
    build: () => conditions.reduce((q, [, , apply]) => apply(q), db.selectFrom('messages').selectAll().where('account_sid', '=', accountSid)),
  };
  return shapedKeysetPage(db, query, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

export const findMedia = (db: Kysely<Database>, messageSid: string, sid: string): Promise<Media | undefined> =>
  db.selectFrom('message_media').selectAll().where('sid', '=', sid).where('message_sid', '=', messageSid).executeTakeFirst();

export function listMedia(db: Kysely<Database>, messageSid: string, created: InstantRange, page: PageQuery): Promise<PageRows<Media>> {
  let q = db.selectFrom('message_media').selectAll().where('message_sid', '=', messageSid);
  if (created.from !== undefined) q = q.where('date_created', '>=', created.from);
  if (created.to !== undefined) q = q.where('date_created', '<=', created.to);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

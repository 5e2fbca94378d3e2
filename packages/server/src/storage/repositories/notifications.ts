import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database, NotificationsTable } from '../schema.ts';

export type Notification = NotificationsTable;

export const insertNotification = async (db: Kysely<Database>, notification: Notification): Promise<void> => {
  await db.insertInto('notifications').values(notification).execute();
};

export const findNotification = (db: Kysely<Database>, accountSid: string, sid: string, callSid?: string): Promise<Notification | undefined> => {
  let q = db.selectFrom('notifications').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid);
  if (callSid !== undefined) q = q.where('call_sid', '=', callSid);
  return q.executeTakeFirst();
};

export interface NotificationFilters {
  callSid?: string;
  log?: '0' | '1';
  from?: number;
  to?: number;
}

/** Newest first, keyset-paged. */
export function listNotifications(db: Kysely<Database>, accountSid: string, filters: NotificationFilters, page: PageQuery): Promise<PageRows<Notification>> {
  let q = db.selectFrom('notifications').selectAll().where('account_sid', '=', accountSid);
  if (filters.callSid !== undefined) q = q.where('call_sid', '=', filters.callSid);
  if (filters.log !== undefined) q = q.where('log', '=', filters.log);
  if (filters.from !== undefined) q = q.where('date_created', '>=', filters.from);
  if (filters.to !== undefined) q = q.where('date_created', '<=', filters.to);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'desc' }, page);
}

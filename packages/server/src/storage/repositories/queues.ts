import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { QueuesTable } from '../schema-rooms.ts';

export type Queue = QueuesTable;

/** Twilio's MaxSize when none is given, and for queues `<Enqueue>` makes. */
export const DEFAULT_MAX_SIZE = 1000;

export const findQueueByName = (db: Kysely<Database>, accountSid: string, friendlyName: string): Promise<Queue | undefined> =>
  db.selectFrom('queues').selectAll().where('account_sid', '=', accountSid).where('friendly_name', '=', friendlyName).orderBy('date_created').limit(1).executeTakeFirst();

export const insertQueue = async (db: Kysely<Database>, queue: Queue): Promise<void> => {
  await db.insertInto('queues').values(queue).execute();
};

export const findQueue = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Queue | undefined> =>
  db.selectFrom('queues').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

export const listQueues = (db: Kysely<Database>, accountSid: string, page: PageQuery): Promise<PageRows<Queue>> =>
  keysetPage(db.selectFrom('queues').selectAll().where('account_sid', '=', accountSid), { created: 'date_created', key: 'sid', order: 'asc' }, page);

export const updateQueue = async (db: Kysely<Database>, sid: string, changes: Partial<Pick<Queue, 'friendly_name' | 'max_size'>>, now: number): Promise<void> => {
  await db.updateTable('queues').set({ ...changes, date_updated: now }).where('sid', '=', sid).execute();
};

export const deleteQueue = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('queues').where('sid', '=', sid).execute();
};

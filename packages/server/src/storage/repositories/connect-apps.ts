import type { Kysely } from 'kysely';
import { newSid } from '../../util/sid.ts';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { ConnectAppsTable, Database } from '../schema.ts';

export type ConnectApp = ConnectAppsTable;
export type ConnectAppFields = Omit<ConnectApp, 'sid' | 'account_sid' | 'date_created' | 'date_updated'>;

export const createConnectApp = async (
  db: Kysely<Database>,
  accountSid: string,
  fields: ConnectAppFields,
  now: number,
): Promise<ConnectApp> => {
  const row: ConnectApp = { sid: newSid('CN'), account_sid: accountSid, ...fields, date_created: now, date_updated: now };
  await db.insertInto('connect_apps').values(row).execute();
  return row;
};

export const findConnectApp = (db: Kysely<Database>, sid: string): Promise<ConnectApp | undefined> =>
  db.selectFrom('connect_apps').selectAll().where('sid', '=', sid).executeTakeFirst();

export const updateConnectApp = async (
  db: Kysely<Database>,
  sid: string,
  changes: Partial<ConnectAppFields>,
  now: number,
): Promise<ConnectApp> => {
  await db.updateTable('connect_apps').set({ ...changes, date_updated: now }).where('sid', '=', sid).execute();
  return (await findConnectApp(db, sid))!;
};

/** Removes the app's row; `connect/delete-connect-app.ts` ends its grants first, in the same transaction. */
export const deleteConnectApp = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('connect_apps').where('sid', '=', sid).execute();
};

export const listConnectApps = (db: Kysely<Database>, accountSid: string, page: PageQuery): Promise<PageRows<ConnectApp>> =>
  keysetPage(
    db.selectFrom('connect_apps').selectAll().where('account_sid', '=', accountSid),
    { created: 'date_created', key: 'sid', order: 'asc' },
    page,
  );

import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { ConnectAppsTable, ConnectGrantsTable, Database } from '../schema.ts';

export type ConnectGrant = ConnectGrantsTable;

/** An active grant joined with the app's public details, as AuthorizedConnectApps shows it. */
export type AuthorizedApp = ConnectGrant &
  Pick<ConnectAppsTable, 'friendly_name' | 'company_name' | 'description' | 'homepage_url'>;

export const findGrantBySubaccount = (db: Kysely<Database>, subaccountSid: string): Promise<ConnectGrant | undefined> =>
  db.selectFrom('connect_grants').selectAll().where('subaccount_sid', '=', subaccountSid).executeTakeFirst();

export const findGrant = (db: Kysely<Database>, appSid: string, accountSid: string): Promise<ConnectGrant | undefined> =>
  db
    .selectFrom('connect_grants')
    .selectAll()
    .where('connect_app_sid', '=', appSid)
    .where('account_sid', '=', accountSid)
    .executeTakeFirst();

const authorizedApps = (db: Kysely<Database>, accountSid: string) =>
  db
    .selectFrom('connect_grants as g')
    .innerJoin('connect_apps as a', 'a.sid', 'g.connect_app_sid')
    .selectAll('g')
    .select(['a.friendly_name', 'a.company_name', 'a.description', 'a.homepage_url'])
    .where('g.account_sid', '=', accountSid)
    .where('g.status', '=', 'active');

export const findAuthorizedApp = (db: Kysely<Database>, accountSid: string, appSid: string): Promise<AuthorizedApp | undefined> =>
  authorizedApps(db, accountSid).where('g.connect_app_sid', '=', appSid).executeTakeFirst();

export const listAuthorizedApps = (db: Kysely<Database>, accountSid: string, page: PageQuery): Promise<PageRows<AuthorizedApp>> =>
  keysetPage(authorizedApps(db, accountSid), { created: 'g.date_created', key: 'g.connect_app_sid', order: 'asc' }, page);

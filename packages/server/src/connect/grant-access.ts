import type { Kysely } from 'kysely';
import { TwilioError } from '../errors/twilio-error.ts';
import { createAccount, findAccount } from '../storage/repositories/accounts.ts';
import { findConnectApp } from '../storage/repositories/connect-apps.ts';
import { findGrant, type ConnectGrant } from '../storage/repositories/connect-grants.ts';
import type { Database } from '../storage/schema.ts';

export interface GrantRequest {
  connectAppSid: string;
  accountSid: string;
  now: number;
}

const subaccountName = (appName: string): string => `Subaccount for ConnectApp: ${appName}`.slice(0, 64);

/**
 * Authorizes a Connect App on a user's account: creates the app's Connect subaccount (or reuses it on
 * re-authorization) and records the permissions the app asks for at this moment. The consent screen
 * and `switchboard connect authorize` both come through here.
 */
export const grantAccess = (db: Kysely<Database>, { connectAppSid, accountSid, now }: GrantRequest): Promise<ConnectGrant> =>
  db.transaction().execute(async (trx) => {
    const app = await findConnectApp(trx, connectAppSid);
    if (!app) throw TwilioError.of('notFound', `Connect App ${connectAppSid} was not found`);
    const account = await findAccount(trx, accountSid);
    if (!account) throw TwilioError.of('notFound', `Account ${accountSid} was not found`);
    if (account.parent_sid !== null) {
      throw TwilioError.of('forbidden', 'Connect Apps are authorized by a top-level account, not a subaccount');
    }
    if (account.status !== 'active') throw TwilioError.of('forbidden', `Account ${accountSid} is ${account.status}`);

    const existing = await findGrant(trx, connectAppSid, accountSid);
    const subaccount = existing ? await findAccount(trx, existing.subaccount_sid) : undefined;
    if (existing && subaccount && subaccount.status !== 'closed') {
      await trx
        .updateTable('connect_grants')
        .set({ permissions: app.permissions, status: 'active', date_updated: now })
        .where('connect_app_sid', '=', connectAppSid)
        .where('account_sid', '=', accountSid)
        .execute();
      return { ...existing, permissions: app.permissions, status: 'active', date_updated: now };
    }

    const created = await createAccount(trx, {
      friendlyName: subaccountName(app.friendly_name),
      type: account.type,
      parentSid: accountSid,
      now,
    });
    const grant: ConnectGrant = {
      connect_app_sid: connectAppSid,
      account_sid: accountSid,
      subaccount_sid: created.sid,
      developer_account_sid: app.account_sid,
      permissions: app.permissions,
      status: 'active',
      date_created: now,
      date_updated: now,
    };
    if (existing) {
      // The old Connect subaccount was closed by the user: the grant moves to a fresh one.
      await trx
        .updateTable('connect_grants')
        .set({ subaccount_sid: created.sid, permissions: app.permissions, status: 'active', date_updated: now })
        .where('connect_app_sid', '=', connectAppSid)
        .where('account_sid', '=', accountSid)
        .execute();
      return { ...grant, date_created: existing.date_created };
    }
    await trx.insertInto('connect_grants').values(grant).execute();
    return grant;
  });

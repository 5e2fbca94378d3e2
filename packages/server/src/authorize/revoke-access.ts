import type { Kysely, Transaction } from 'kysely';
import { TwilioError } from '../errors/twilio-error.ts';
import { findConnectApp } from '../storage/repositories/connect-apps.ts';
import { findGrant, type ConnectGrant } from '../storage/repositories/connect-grants.ts';
import { insertEvent } from '../storage/repositories/webhook-deliveries.ts';
import type { Database } from '../storage/schema.ts';

export interface RevokeRequest {
  connectAppSid: string;
  accountSid: string;
  now: number;
}

/**
 * Ends a user's grant at once; the Connect subaccount and its data stay with the user. The
 * deauthorize event, and its callback to the app's Deauthorize URL, commit with the revocation:
 * either both happen or neither.
 */
export const revokeAccess = (db: Kysely<Database>, { connectAppSid, accountSid, now }: RevokeRequest): Promise<ConnectGrant> =>
  db.transaction().execute(async (trx) => {
    const grant = await findGrant(trx, connectAppSid, accountSid);
    if (!grant || grant.status !== 'active') {
      throw TwilioError.of('notFound', `Connect App ${connectAppSid} is not authorized on account ${accountSid}`);
    }
    await trx
      .updateTable('connect_grants')
      .set({ status: 'revoked', date_updated: now })
      .where('connect_app_sid', '=', connectAppSid)
      .where('account_sid', '=', accountSid)
      .execute();
    await recordDeauthorization(trx, grant, now);
    return { ...grant, status: 'revoked', date_updated: now };
  });

/**
 * The app learns of it through its Deauthorize URL with `AccountSid` — the Connect subaccount SID it
 * received when the user authorized — and `ConnectAppSid`.
 */
async function recordDeauthorization(trx: Transaction<Database>, grant: ConnectGrant, now: number): Promise<void> {
  const app = await findConnectApp(trx, grant.connect_app_sid);
  const params = { AccountSid: grant.subaccount_sid, ConnectAppSid: grant.connect_app_sid };
  const url = app?.deauthorize_callback_url;
  await insertEvent(
    trx,
    { type: 'connect.deauthorized', account_sid: grant.developer_account_sid, connect_app_sid: grant.connect_app_sid, payload: JSON.stringify(params), date_created: now },
    url ? { url, method: app.deauthorize_callback_method, params } : null,
  );
}

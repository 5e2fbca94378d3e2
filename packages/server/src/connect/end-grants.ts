import type { Transaction } from 'kysely';
import { findConnectApp } from '../storage/repositories/connect-apps.ts';
import type { ConnectGrant } from '../storage/repositories/connect-grants.ts';
import { insertEvent } from '../storage/repositories/webhook-deliveries.ts';
import type { Database } from '../storage/schema.ts';

/** Which active grants end: every condition given must hold. */
export interface GrantSelector {
  connectAppSid?: string;
  /** The user's top-level account that authorized the app. */
  accountSid?: string;
  subaccountSid?: string;
}

/**
 * Ends grants at once, for whatever reason (the user revoked the app, its Connect subaccount or the
 * user's account was closed, the app was deleted); the Connect subaccounts and their data stay with the
 * user. Each grant that was active ends exactly once, with one deauthorize event and its callback,
 * committed in the caller's transaction: a grant already ended, or ended concurrently, is not matched
 * again by the conditional update.
 */
export async function endGrants(trx: Transaction<Database>, selector: GrantSelector, now: number): Promise<ConnectGrant[]> {
  const { connectAppSid, accountSid, subaccountSid } = selector;
  if (connectAppSid === undefined && accountSid === undefined && subaccountSid === undefined) throw new Error('endGrants needs a selector');
  let update = trx.updateTable('connect_grants').set({ status: 'revoked', date_updated: now }).where('status', '=', 'active');
  if (connectAppSid !== undefined) update = update.where('connect_app_sid', '=', connectAppSid);
  if (accountSid !== undefined) update = update.where('account_sid', '=', accountSid);
  if (subaccountSid !== undefined) update = update.where('subaccount_sid', '=', subaccountSid);
  const ended = await update.returningAll().execute();
  for (const grant of ended) await recordDeauthorization(trx, grant, now);
  return ended;
}

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

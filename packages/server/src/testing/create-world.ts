import type { Kysely } from 'kysely';
import { grantAccess } from '../connect/grant-access.ts';
import { createAppFor } from '../connect/create-connect-app.ts';
import { formatPermissions, type Permission } from '../connect/permissions.ts';
import type { Account } from '../storage/repositories/accounts.ts';
import { updateConnectApp, type ConnectApp, type ConnectAppFields } from '../storage/repositories/connect-apps.ts';
import type { Database } from '../storage/schema.ts';
import { ensureAccount, ensureCallLog, savePngLogo, type Login } from './world-parts.ts';

export interface ConnectAppOptions {
  friendlyName?: string;
  companyName?: string;
  description?: string;
  homepageUrl?: string;
  /** Where the consent screen sends the customer back (default `https://app.example.com/twilio/authorize`). */
  authorizeUrl?: string;
  deauthorizeUrl?: string;
  deauthorizeMethod?: 'GET' | 'POST';
  /** A PNG the consent screen shows. */
  logoPng?: Uint8Array;
}

export interface WorldOptions {
  /** What the Connect App asks for (default both). */
  permissions?: Permission[];
  connectApp?: ConnectAppOptions;
  /** False leaves the customer to authorize the app (through the consent screen); then `connect` is null. */
  authorize?: boolean;
  /** The accounts' friendly names (default `Developer` and `Customer`). */
  names?: { developer?: string; customer?: string };
  /** Console logins for the developer and the customer; a login already on the database brings back its account. */
  logins?: { developer?: Login; customer?: Login };
  /** Seeds the customer's account with this many calls over the last 30 days, unless it has calls. */
  calls?: number;
  onSeedProgress?: (done: number) => void;
}

export interface Credentials {
  accountSid: string;
  authToken: string;
}

export interface World<Authorized extends boolean = true> {
  /** Owns the Connect App; its Auth Token is what the app authenticates with. */
  developer: Credentials;
  /** The Twilio customer who authorizes the app. */
  customer: Credentials & { calls: number; seeded: boolean };
  connectApp: { sid: string };
  /** The Connect subaccount the customer's authorization created; the developer's token authenticates it. */
  connect: Authorized extends false ? null : { accountSid: string };
}

const connectAppFields = (o: ConnectAppOptions, permissions: readonly Permission[]): ConnectAppFields => ({
  friendly_name: o.friendlyName ?? 'Test Connect App',
  company_name: o.companyName ?? 'Test Company',
  description: o.description ?? null,
  homepage_url: o.homepageUrl ?? null,
  terms_of_service_url: null,
  authorize_redirect_url: o.authorizeUrl ?? 'https://app.example.com/twilio/authorize',
  deauthorize_callback_url: o.deauthorizeUrl ?? null,
  deauthorize_callback_method: o.deauthorizeMethod ?? 'POST',
  permissions: formatPermissions(permissions),
});

/** The developer's app of that name, updated to these fields, or a new one. */
async function ensureConnectApp(db: Kysely<Database>, developer: Account, fields: ConnectAppFields, now: number): Promise<ConnectApp> {
  const existing = await db.selectFrom('connect_apps').select('sid').where('account_sid', '=', developer.sid).where('friendly_name', '=', fields.friendly_name).executeTakeFirst();
  return existing ? updateConnectApp(db, existing.sid, fields, now) : createAppFor(db, developer, fields, now);
}

/** A developer with a Connect App and a customer who (unless told otherwise) has authorized it. */
export async function createWorld<O extends WorldOptions>(db: Kysely<Database>, options: O, now: number): Promise<World<O['authorize'] extends false ? false : true>> {
  const developer = await ensureAccount(db, options.names?.developer ?? 'Developer', options.logins?.developer, now);
  const customer = await ensureAccount(db, options.names?.customer ?? 'Customer', options.logins?.customer, now);
  const fields = connectAppFields(options.connectApp ?? {}, options.permissions ?? ['get-all', 'post-all']);
  const app = options.logins?.developer ? await ensureConnectApp(db, developer, fields, now) : await createAppFor(db, developer, fields, now);
  if (options.connectApp?.logoPng) await savePngLogo(db, app.sid, options.connectApp.logoPng, now);
  const grant = options.authorize === false ? null : await grantAccess(db, { connectAppSid: app.sid, accountSid: customer.sid, now });
  const log = options.calls !== undefined ? await ensureCallLog(db, customer.sid, options.calls, now, options.onSeedProgress) : { calls: 0, seeded: false };
  return {
    developer: { accountSid: developer.sid, authToken: developer.auth_token },
    customer: { accountSid: customer.sid, authToken: customer.auth_token, ...log },
    connectApp: { sid: app.sid },
    connect: (grant ? { accountSid: grant.subaccount_sid } : null) as never,
  };
}

import type { Kysely } from 'kysely';
import { grantAccess } from '../../src/authorize/grant-access.ts';
import { createAppFor } from '../../src/connect/create-connect-app.ts';
import { formatPermissions, type Permission } from '../../src/connect/permissions.ts';
import { createAccount, type Account } from '../../src/storage/repositories/accounts.ts';
import type { ConnectApp } from '../../src/storage/repositories/connect-apps.ts';
import type { Database } from '../../src/storage/schema.ts';

let tick = Date.UTC(2024, 0, 1);
/** Strictly increasing instants, so rows created in a test have a stable order. */
export const nextInstant = (): number => (tick += 1000);

export const makeAccount = (db: Kysely<Database>, name: string, type: Account['type'] = 'Full', parentSid: string | null = null) =>
  createAccount(db, { friendlyName: name, type, parentSid, now: nextInstant() });

export const makeApp = (db: Kysely<Database>, owner: Account, permissions: Permission[], name = 'Call Analytics'): Promise<ConnectApp> =>
  createAppFor(
    db,
    owner,
    {
      friendly_name: name,
      company_name: 'Rossum Analytics',
      description: 'Analytics for your call logs',
      homepage_url: 'https://analytics.example.com',
      authorize_redirect_url: 'https://analytics.example.com/twilio/authorize',
      deauthorize_callback_url: 'https://analytics.example.com/twilio/deauthorize',
      deauthorize_callback_method: 'POST',
      permissions: formatPermissions(permissions),
    },
    nextInstant(),
  );

/** Authorizes `app` on `user` and returns the Connect subaccount SID the app would receive. */
export const authorize = async (db: Kysely<Database>, app: ConnectApp, user: Account): Promise<string> =>
  (await grantAccess(db, { connectAppSid: app.sid, accountSid: user.sid, now: nextInstant() })).subaccount_sid;

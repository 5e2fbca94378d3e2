import type { Kysely } from 'kysely';
import { grantAccess } from '../../src/connect/grant-access.ts';
import { createAppFor } from '../../src/connect/create-connect-app.ts';
import { formatPermissions, type Permission } from '../../src/connect/permissions.ts';
import { createAccount, type Account } from '../../src/storage/repositories/accounts.ts';
import { addCredit } from '../../src/storage/repositories/balance-credits.ts';
import type { ConnectApp } from '../../src/storage/repositories/connect-apps.ts';
import type { Database } from '../../src/storage/schema.ts';
import { newSid } from '../../src/util/sid.ts';

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

/** Adds dollars to a top-level account's balance, for tests that spend more than the starting credit. */
export const fund = (db: Kysely<Database>, accountSid: string, dollars: number): Promise<void> =>
  addCredit(db, accountSid, dollars * 1_000_000, 'test funds', nextInstant());

/** Gives an account a phone number directly, as if bought. */
export const giveNumber = async (db: Kysely<Database>, accountSid: string, phoneNumber: string): Promise<string> => {
  const sid = newSid('PN');
  const now = nextInstant();
  await db
    .insertInto('incoming_phone_numbers')
    .values({ sid, account_sid: accountSid, phone_number: phoneNumber, friendly_name: phoneNumber, type: 'local', iso_country: 'US', capabilities: 'voice,sms,mms', config: '{}', date_created: now, date_updated: now })
    .execute();
  return sid;
};

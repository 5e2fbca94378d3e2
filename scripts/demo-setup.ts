// The demo's cast, created once and found again on later runs: a developer who owns the Call Analytics
// Connect App, a customer with a Console login and a seeded call log, and a user of the app itself.
import type { Kysely } from 'kysely';
import { hashPassword as hashAppPassword } from '../examples/call-analytics/src/auth/password.ts';
import { findUserByEmail as findAppUser, insertUser as insertAppUser } from '../examples/call-analytics/src/auth/users.ts';
import type { AppDatabase } from '../examples/call-analytics/src/db.ts';
import { createAppFor } from '../packages/server/src/connect/create-connect-app.ts';
import { hashPassword } from '../packages/server/src/console/session/password.ts';
import { createAccount, findAccount, type Account } from '../packages/server/src/storage/repositories/accounts.ts';
import { saveLogo } from '../packages/server/src/storage/repositories/connect-app-logos.ts';
import { updateConnectApp, type ConnectApp, type ConnectAppFields } from '../packages/server/src/storage/repositories/connect-apps.ts';
import { findUserByEmail, insertUser } from '../packages/server/src/storage/repositories/console-users.ts';
import type { Database } from '../packages/server/src/storage/schema.ts';
import { seedAccount } from '../packages/server/src/telephony/seed/seed-account.ts';
import { callAnalyticsLogo } from './demo-logo.ts';

export interface Login {
  email: string;
  password: string;
}

export const DEMO_LOGINS = {
  /** Owns the Connect App; the Console shows its Auth Token, its app and the deauthorize deliveries. */
  developer: { email: 'developer@example.com', password: 'developer-demo-password' },
  /** The Switchboard account holder whose calls the app analyses. */
  customer: { email: 'customer@example.com', password: 'customer-demo-password' },
  /** A user of Call Analytics itself (its own login, not Switchboard's). */
  appUser: { email: 'you@example.com', password: 'call-analytics-demo' },
} as const satisfies Record<string, Login>;

export const CONNECT_APP_NAME = 'Call Analytics';

/** A Console login and its top-level account: found by email, else created as the Console's sign-up does. */
export async function ensureConsoleUser(db: Kysely<Database>, login: Login, accountName: string): Promise<Account> {
  const existing = await findUserByEmail(db, login.email);
  if (existing) {
    const account = await findAccount(db, existing.account_sid);
    if (!account) throw new Error(`The Console user ${login.email} has no account ${existing.account_sid}; delete the demo database (data/demo/) and run again.`);
    return account;
  }
  const passwordHash = await hashPassword(login.password);
  const now = Date.now();
  return db.transaction().execute(async (trx) => {
    const account = await createAccount(trx, { friendlyName: accountName, type: 'Full', parentSid: null, now });
    await insertUser(trx, { email: login.email, passwordHash, accountSid: account.sid, now });
    return account;
  });
}

/** The developer's Connect App, pointed at the app's origin (again, if the port changed since the last run). */
export async function ensureConnectApp(db: Kysely<Database>, developer: Account, appOrigin: string): Promise<ConnectApp> {
  const fields: ConnectAppFields = {
    friendly_name: CONNECT_APP_NAME,
    company_name: 'Rossum Analytics',
    description: 'Call-log analytics: calls per day, answer rate, talk time and your busiest numbers. Read-only.',
    homepage_url: `${appOrigin}/`,
    terms_of_service_url: null,
    authorize_redirect_url: `${appOrigin}/twilio/authorize`,
    deauthorize_callback_url: `${appOrigin}/twilio/deauthorize`,
    deauthorize_callback_method: 'POST',
    permissions: 'get-all',
  };
  const now = Date.now();
  const existing = await db.selectFrom('connect_apps').selectAll().where('account_sid', '=', developer.sid).where('friendly_name', '=', CONNECT_APP_NAME).executeTakeFirst();
  const app = existing ? await updateConnectApp(db, existing.sid, fields, now) : await createAppFor(db, developer, fields, now);
  await saveLogo(db, { connect_app_sid: app.sid, content_type: 'image/png', data: callAnalyticsLogo().toString('base64'), date_updated: now });
  return app;
}

export const countCalls = async (db: Kysely<Database>, accountSid: string): Promise<number> => {
  const { n } = await db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('account_sid', '=', accountSid).executeTakeFirstOrThrow();
  return Number(n);
};

/** Seeds `calls` calls over the last 30 days unless the account has calls already; returns how many it has. */
export async function ensureCallLog(db: Kysely<Database>, accountSid: string, calls: number, onProgress?: (done: number) => void): Promise<{ calls: number; seeded: boolean }> {
  const existing = await countCalls(db, accountSid);
  if (existing > 0 || calls === 0) return { calls: existing, seeded: false };
  await seedAccount(db, { accountSid, calls, messages: 0, days: 30, seed: 7, now: Date.now(), onProgress: (_kind, done) => onProgress?.(done) });
  return { calls, seeded: true };
}

/** A user of the app itself, with a known password. */
export async function ensureAppUser(db: AppDatabase, login: Login): Promise<void> {
  if (findAppUser(db, login.email)) return;
  insertAppUser(db, { email: login.email, passwordHash: await hashAppPassword(login.password), now: Date.now() });
}

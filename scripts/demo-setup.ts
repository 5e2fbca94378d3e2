// The demo's cast: a developer who owns the Call Analytics Connect App, a customer with a Console login
// and a seeded call log, and a user of the app itself. Set up through switchboard/testing, which finds
// them again on a kept database.
import type { Switchboard, World } from 'switchboard/testing';
import { hashPassword as hashAppPassword } from '../examples/call-analytics/src/auth/password.ts';
import { findUserByEmail as findAppUser, insertUser as insertAppUser } from '../examples/call-analytics/src/auth/users.ts';
import type { AppDatabase } from '../examples/call-analytics/src/db.ts';
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

/**
 * The developer, the customer (not yet connected: the story is the customer authorizing) and the
 * Connect App pointing at the app's origin (again, if the port changed since the last run).
 */
export const demoWorld = (sb: Switchboard, appOrigin: string, calls: number, onSeedProgress?: (done: number) => void): Promise<World<false>> =>
  sb.createWorld({
    authorize: false,
    names: { developer: 'Rossum Analytics', customer: 'Acme Support' },
    logins: { developer: DEMO_LOGINS.developer, customer: DEMO_LOGINS.customer },
    permissions: ['get-all'],
    connectApp: {
      friendlyName: CONNECT_APP_NAME,
      companyName: 'Rossum Analytics',
      description: 'Call-log analytics: calls per day, answer rate, talk time and your busiest numbers. Read-only.',
      homepageUrl: `${appOrigin}/`,
      authorizeUrl: `${appOrigin}/twilio/authorize`,
      deauthorizeUrl: `${appOrigin}/twilio/deauthorize`,
      deauthorizeMethod: 'POST',
      logoPng: callAnalyticsLogo(),
    },
    calls,
    onSeedProgress,
  });

/** A user of the app itself, with a known password. */
export async function ensureAppUser(db: AppDatabase, login: Login): Promise<void> {
  if (findAppUser(db, login.email)) return;
  insertAppUser(db, { email: login.email, passwordHash: await hashAppPassword(login.password), now: Date.now() });
}

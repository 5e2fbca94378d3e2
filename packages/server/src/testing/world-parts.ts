import type { Kysely } from 'kysely';
import { hashPassword } from '../console/session/password.ts';
import { createAccount, findAccount, type Account } from '../storage/repositories/accounts.ts';
import { saveLogo } from '../storage/repositories/connect-app-logos.ts';
import { findUserByEmail, insertUser } from '../storage/repositories/console-users.ts';
import type { Database } from '../storage/schema.ts';
import { seedAccount } from '../telephony/seed/seed-account.ts';

/** A Console login: email and password. */
export interface Login {
  email: string;
  password: string;
}

/**
 * A top-level Full account; with a login, also its Console user. A login already on the database
 * brings back its account, so a world on a kept database is found again rather than duplicated.
 */
export async function ensureAccount(db: Kysely<Database>, name: string, login: Login | undefined, now: number): Promise<Account> {
  if (!login) return createAccount(db, { friendlyName: name, type: 'Full', parentSid: null, now });
  const existing = await findUserByEmail(db, login.email);
  if (existing) {
    const account = await findAccount(db, existing.account_sid);
    if (!account) throw new Error(`The Console user ${login.email} has no account ${existing.account_sid}.`);
    return account;
  }
  const passwordHash = await hashPassword(login.password);
  return db.transaction().execute(async (trx) => {
    const account = await createAccount(trx, { friendlyName: name, type: 'Full', parentSid: null, now });
    await insertUser(trx, { email: login.email, passwordHash, accountSid: account.sid, now });
    return account;
  });
}

export const countCalls = async (db: Kysely<Database>, accountSid: string): Promise<number> => {
  const { n } = await db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('account_sid', '=', accountSid).executeTakeFirstOrThrow();
  return Number(n);
};

/** Seeds `calls` calls over the last 30 days unless the account has calls already. */
export async function ensureCallLog(
  db: Kysely<Database>,
  accountSid: string,
  calls: number,
  now: number,
  onProgress?: (done: number) => void,
): Promise<{ calls: number; seeded: boolean }> {
  const existing = await countCalls(db, accountSid);
  if (existing > 0 || calls === 0) return { calls: existing, seeded: false };
  await seedAccount(db, { accountSid, calls, messages: 0, days: 30, seed: 7, now, onProgress: (_kind, done) => onProgress?.(done) });
  return { calls, seeded: true };
}

export const savePngLogo = (db: Kysely<Database>, connectAppSid: string, png: Uint8Array, now: number): Promise<void> =>
  saveLogo(db, { connect_app_sid: connectAppSid, content_type: 'image/png', data: Buffer.from(png).toString('base64'), date_updated: now });

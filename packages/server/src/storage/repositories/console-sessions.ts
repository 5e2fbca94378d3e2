import type { Kysely } from 'kysely';
import { freshMemo } from '../fresh-memo.ts';
import type { ConsoleSessionsTable, Database } from '../schema.ts';
import type { Account } from './accounts.ts';
import type { ConsoleUser } from './console-users.ts';

export type ConsoleSession = ConsoleSessionsTable;

/** A live session with the person and the account behind it. */
export interface SignedIn {
  session: ConsoleSession;
  user: ConsoleUser;
  account: Account;
}

export const insertSession = async (db: Kysely<Database>, row: ConsoleSession): Promise<void> => {
  await db.insertInto('console_sessions').values(row).execute();
};

export const deleteSession = async (db: Kysely<Database>, tokenHash: string): Promise<void> => {
  await db.deleteFrom('console_sessions').where('token_hash', '=', tokenHash).execute();
};

/** Sessions past their expiry are gone for good; the sweep runs whenever someone signs in. */
export const deleteExpiredSessions = async (db: Kysely<Database>, now: number): Promise<void> => {
  await db.deleteFrom('console_sessions').where('expires_at', '<=', now).execute();
};

/** The session a token hash names, with its person and account, live or not. */
async function loadSignedIn(db: Kysely<Database>, tokenHash: string): Promise<SignedIn | undefined> {
  const session = await db.selectFrom('console_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!session) return undefined;
  const user = await db.selectFrom('console_users').selectAll().where('sid', '=', session.user_sid).executeTakeFirst();
  if (!user) return undefined;
  const account = await db.selectFrom('accounts').selectAll().where('sid', '=', user.account_sid).executeTakeFirst();
  return account ? { session, user, account } : undefined;
}

/**
 * Every Console page asks for its session: three reads, remembered until a session, a person or an
 * account is written (a sign-out deletes its session, so it takes effect at once). Expiry is checked
 * on every use.
 */
const freshSignedIn = freshMemo(['console_sessions', 'console_users', 'accounts'], loadSignedIn);

export const findSignedIn = async (db: Kysely<Database>, tokenHash: string, now: number): Promise<SignedIn | undefined> => {
  const signedIn = await freshSignedIn(db, tokenHash);
  return signedIn && signedIn.session.expires_at > now ? signedIn : undefined;
};

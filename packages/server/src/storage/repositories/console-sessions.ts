import type { Kysely } from 'kysely';
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

export const findSignedIn = async (db: Kysely<Database>, tokenHash: string, now: number): Promise<SignedIn | undefined> => {
  const session = await db
    .selectFrom('console_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await db.selectFrom('console_users').selectAll().where('sid', '=', session.user_sid).executeTakeFirst();
  if (!user) return undefined;
  const account = await db.selectFrom('accounts').selectAll().where('sid', '=', user.account_sid).executeTakeFirst();
  return account ? { session, user, account } : undefined;
};

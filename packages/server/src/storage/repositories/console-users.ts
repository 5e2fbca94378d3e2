import type { Kysely } from 'kysely';
import { newSid } from '../../util/sid.ts';
import type { ConsoleUsersTable, Database } from '../schema.ts';

export type ConsoleUser = ConsoleUsersTable;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const findUserByEmail = (db: Kysely<Database>, email: string): Promise<ConsoleUser | undefined> =>
  db.selectFrom('console_users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();

export const insertUser = async (
  db: Kysely<Database>,
  input: { email: string; passwordHash: string; accountSid: string; now: number },
): Promise<ConsoleUser> => {
  const row: ConsoleUser = {
    sid: newSid('US'),
    email: normalizeEmail(input.email),
    password_hash: input.passwordHash,
    account_sid: input.accountSid,
    date_created: input.now,
    date_updated: input.now,
  };
  await db.insertInto('console_users').values(row).execute();
  return row;
};

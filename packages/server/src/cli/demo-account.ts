import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../console/session/password.ts';
import { createAccount, type Account } from '../storage/repositories/accounts.ts';
import { insertUser } from '../storage/repositories/console-users.ts';
import type { Database } from '../storage/schema.ts';

export const DEMO_EMAIL = 'demo@example.com';

/** The account an empty database starts with: API credentials and a Console login, to print once. */
export async function createDemoAccount(db: Kysely<Database>, now: number): Promise<{ account: Account; email: string; password: string }> {
  const password = randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  const account = await db.transaction().execute(async (trx) => {
    const created = await createAccount(trx, { friendlyName: 'Demo Account', type: 'Full', parentSid: null, now });
    await insertUser(trx, { email: DEMO_EMAIL, passwordHash, accountSid: created.sid, now });
    return created;
  });
  return { account, email: DEMO_EMAIL, password };
}

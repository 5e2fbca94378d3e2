// A signed-in Console session for the bench's customer, so the Console's log pages can be measured.
import { randomBytes } from 'node:crypto';
import { hashToken, SESSION_COOKIE } from '../src/console/session/session-cookie.ts';
import { openStorage } from '../src/storage/database.ts';
import { insertSession } from '../src/storage/repositories/console-sessions.ts';
import { findUserByEmail, insertUser } from '../src/storage/repositories/console-users.ts';
import type { BenchFixture } from './prepare.ts';

const EMAIL = 'bench-customer@example.com';
const HOUR_MS = 3_600_000;

/** The Cookie header of a new session of the customer's Console user (made once; it has no usable password). */
export async function consoleCookie(fixture: BenchFixture): Promise<string> {
  const storage = openStorage(fixture.url);
  const now = Date.now();
  const user = (await findUserByEmail(storage.db, EMAIL)) ?? (await insertUser(storage.db, { email: EMAIL, passwordHash: 'no-password', accountSid: fixture.customerSid, now }));
  const token = randomBytes(32).toString('base64url');
  await insertSession(storage.db, { token_hash: hashToken(token), user_sid: user.sid, csrf_token: randomBytes(32).toString('base64url'), date_created: now, expires_at: now + 6 * HOUR_MS });
  await storage.close();
  return `${SESSION_COOKIE}=${token}`;
}

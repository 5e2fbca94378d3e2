import { createHash, randomBytes } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { deleteExpiredSessions, deleteSession, insertSession } from '../../storage/repositories/console-sessions.ts';
import { isHttps, type BrowserContext } from '../browser-env.ts';

export const SESSION_COOKIE = 'sb_session';
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A new session for a user who just signed up or in. Lax, not Strict: a Connect button on the app's
 * site is a cross-site link, and the consent screen must see the session when the user arrives.
 */
export async function startSession(c: BrowserContext, userSid: string): Promise<void> {
  const { db, clock } = c.var.deps;
  const now = clock();
  const previous = getCookie(c, SESSION_COOKIE);
  // A new session on every sign-in: a session token planted before it (fixation) is worth nothing.
  if (previous) await deleteSession(db, hashToken(previous));
  await deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, {
    token_hash: hashToken(token),
    user_sid: userSid,
    csrf_token: randomBytes(32).toString('base64url'),
    date_created: now,
    expires_at: now + SESSION_TTL_MS,
  });
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), maxAge: SESSION_TTL_MS / 1000 });
}

export async function endSession(c: BrowserContext): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(c.var.deps.db, hashToken(token));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

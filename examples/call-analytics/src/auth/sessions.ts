import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDatabase } from '../db.ts';
import { isHttps, type AppContext, type AppEnv } from '../env.ts';
import type { User } from './users.ts';

/** Named for this app: cookies ignore ports, and Switchboard may run on the same host (`sb_session`). */
export const SESSION_COOKIE = 'call_analytics_session';

export interface SessionRow {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  connect_state: string | null;
  created_at: number;
  expires_at: number;
}

export interface Session {
  row: SessionRow;
  user: User;
}

/** Only a hash of the cookie's token is stored: a leaked database does not hand out sessions. */
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * A fresh session for a user who just signed up or logged in, replacing any earlier one (fixation).
 * SameSite=Lax, not Strict: Switchboard's redirect to /twilio/authorize is a cross-site navigation and
 * must carry the session, or the `state` it brings back could not be checked.
 */
export function startSession(c: AppContext, userId: number): void {
  const { db, clock, config } = c.var.deps;
  const now = clock();
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous) db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(previous));
  db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  const token = newToken();
  db.prepare('INSERT INTO sessions (token_hash, user_id, csrf_token, connect_state, created_at, expires_at) VALUES (?, ?, ?, NULL, ?, ?)').run(
    hashToken(token), userId, newToken(), now, now + config.sessionTtlMs,
  );
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), maxAge: Math.floor(config.sessionTtlMs / 1000) });
}

export function endSession(c: AppContext): void {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) c.var.deps.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

function findSession(db: AppDatabase, token: string, now: number): Session | undefined {
  const row = db.prepare('SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?').get(hashToken(token), now) as SessionRow | undefined;
  if (!row) return undefined;
  const user = db.prepare('SELECT * FROM users WHERE id = ?').get(row.user_id) as User | undefined;
  return user ? { row, user } : undefined;
}

/** Sets `c.var.session` when the request carries a live session cookie. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  c.set('session', token && token.length <= 128 ? findSession(c.var.deps.db, token, c.var.deps.clock()) : undefined);
  await next();
};

/**
 * The `state` for this session's Connect button: made once and reused until a callback consumes it,
 * so two open tabs show buttons that both work.
 */
export function connectStateFor(db: AppDatabase, session: Session, createState: () => string): string {
  if (session.row.connect_state) return session.row.connect_state;
  const state = createState();
  db.prepare('UPDATE sessions SET connect_state = ? WHERE token_hash = ?').run(state, session.row.token_hash);
  session.row.connect_state = state;
  return state;
}

/** Single use: once a callback has matched the state, a replay of that callback cannot. */
export function consumeConnectState(db: AppDatabase, session: Session): void {
  db.prepare('UPDATE sessions SET connect_state = NULL WHERE token_hash = ?').run(session.row.token_hash);
  session.row.connect_state = null;
}

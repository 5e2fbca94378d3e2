import type { AppDatabase } from '../db.ts';

export type DisconnectReason = 'deauthorized' | 'access_revoked';

export interface User {
  id: number;
  email: string;
  password_hash: string;
  created_at: number;
  account_sid: string | null;
  connected_at: number | null;
  disconnected_at: number | null;
  disconnect_reason: DisconnectReason | null;
}

/** Where a user stands with Switchboard, as the dashboard shows it. */
export type Connection =
  | { state: 'never' }
  | { state: 'connected'; accountSid: string; since: number }
  | { state: 'disconnected'; accountSid: string; at: number; reason: DisconnectReason };

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function connectionOf(user: User): Connection {
  if (user.account_sid === null) return { state: 'never' };
  if (user.disconnected_at !== null) return { state: 'disconnected', accountSid: user.account_sid, at: user.disconnected_at, reason: user.disconnect_reason ?? 'deauthorized' };
  return { state: 'connected', accountSid: user.account_sid, since: user.connected_at ?? user.created_at };
}

export const findUserByEmail = (db: AppDatabase, email: string): User | undefined =>
  db.prepare('SELECT * FROM users WHERE email = ?').get(normalizeEmail(email)) as User | undefined;

export const findUser = (db: AppDatabase, id: number): User | undefined =>
  db.prepare('SELECT * FROM users WHERE id = ?').get(id) as User | undefined;

/** Inserts a user; undefined when the email is taken (the unique index decides, so two sign-ups cannot race). */
export function insertUser(db: AppDatabase, input: { email: string; passwordHash: string; now: number }): User | undefined {
  const result = db.prepare('INSERT INTO users (email, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING').run(normalizeEmail(input.email), input.passwordHash, input.now);
  return result.changes === 0 ? undefined : findUser(db, Number(result.lastInsertRowid));
}

/** Best practice 2: the AccountSid from the authorize callback, stored with the user who clicked Connect. */
export function connectUser(db: AppDatabase, userId: number, accountSid: string, now: number): void {
  db.prepare('UPDATE users SET account_sid = ?, connected_at = ?, disconnected_at = NULL, disconnect_reason = NULL WHERE id = ?').run(accountSid, now, userId);
}

/**
 * Best practice 3: the grant behind `accountSid` ended. Every user connected through it is marked
 * (two users of the app may have connected the same Switchboard account); returns their ids.
 */
export function disconnectAccount(db: AppDatabase, accountSid: string, reason: DisconnectReason, now: number): number[] {
  const rows = db
    .prepare('UPDATE users SET disconnected_at = ?, disconnect_reason = ? WHERE account_sid = ? AND disconnected_at IS NULL RETURNING id')
    .all(now, reason, accountSid) as { id: number }[];
  return rows.map((r) => r.id);
}

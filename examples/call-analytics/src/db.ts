import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';

export type AppDatabase = SQLite.Database;

/**
 * The app's own data: its users (with the Switchboard AccountSid each one connected) and their
 * sessions. Each entry moves the schema one version on; `PRAGMA user_version` records how far.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     -- The Connect subaccount SID Switchboard sent to /twilio/authorize; kept after a disconnect for the record.
     account_sid TEXT,
     connected_at INTEGER,
     -- Set when the grant ended: 'deauthorized' (the signed callback) or 'access_revoked' (the API answered 20006).
     disconnected_at INTEGER,
     disconnect_reason TEXT
   );
   CREATE INDEX users_account_sid ON users (account_sid);
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     csrf_token TEXT NOT NULL,
     -- The createState() value behind this session's Connect button; single use.
     connect_state TEXT,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_expires_at ON sessions (expires_at);`,
];

/** Opens (creating if needed) and migrates the SQLite file; `:memory:` gives a throwaway database. */
export function openDatabase(file: string): AppDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new SQLite(file);
  // WAL: page views never wait for a sign-up's write, and a commit survives a crash.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: AppDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`The database was written by a newer Call Analytics (schema ${current}, this one knows ${MIGRATIONS.length}). Upgrade the app or point DATABASE_FILE at another file.`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

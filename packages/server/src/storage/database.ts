import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { createFreshness, registerFreshness, type Freshness } from './freshness.ts';
import { migrationProvider } from './migrations/index.ts';
import { reportingWrites } from './observed-dialect.ts';
import { ownCommits, recordOwnCommit } from './postgres-own-commits.ts';
import { postgresSnapshots } from './postgres-snapshot.ts';
import { postgresTypes } from './postgres-types.ts';
import { ImmediateSqliteDialect } from './sqlite-immediate.ts';
import { sharedDataVersion, statementMayWrite } from './sqlite-data-version.ts';
import { statementsForKysely } from './sqlite-statements.ts';
import { checkpointInBackground, type BackgroundCheckpoints } from './sqlite-checkpointer.ts';
import { readPagesInThreads, registerPageReader, type PageReader } from './page-reader.ts';
import type { WorkerModule } from '../util/worker-module.ts';
import { nameStatements } from './postgres-named-statements.ts';
import { acceptCopyFromStdin } from './postgres-copy.ts';
import { gateWrites } from './write-gate.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

// Each driver loads only when its database is opened: a SQLite server never pays for pg at start.
const require = createRequire(import.meta.url);

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Whether tables changed since a moment: what caches of answers rest on. */
  freshness: Freshness;
  close(): Promise<void>;
}

/** Whether a database URL names PostgreSQL (`postgres://…` or `postgresql://…`). */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** `postgres://…` selects PostgreSQL; anything else is a SQLite file path (or `sqlite:` URL, or `:memory:`). */
export function openStorage(url: string): Storage {
  if (isPostgresUrl(url)) return openPostgres(url);
  return openSqlite(url.replace(/^sqlite:(\/\/)?/, ''));
}

function openSqlite(file: string): Storage {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const Sqlite = require('better-sqlite3') as typeof SQLite;
  const sqlite = new Sqlite(file);
  // WAL: readers never block the writer, and a commit survives kill -9.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Changes when another connection (another process) commits; this connection's writes are counted as they run.
  const freshness = createFreshness(sharedDataVersion(sqlite));
  let checkpoints: BackgroundCheckpoints | null = null;
  let pages: PageReader | null = null;
  const beforeWrite = (): void => {
    statementMayWrite();
    checkpoints?.beforeWrite();
  };
  const db = new Kysely<Database>({ dialect: reportingWrites(new ImmediateSqliteDialect({ database: statementsForKysely(sqlite, beforeWrite) }), freshness.noteWrite) });
  registerFreshness(db, freshness);
  const storage: Storage = {
    db,
    dialect: 'sqlite',
    freshness,
    async close() {
      await pages?.close();
      await checkpoints?.stop();
      await db.destroy();
    },
  };
  if (file !== ':memory:') {
    backgroundCheckpoints.set(storage, (intervalMs) => (checkpoints = checkpointInBackground(sqlite, file, intervalMs)));
    backgroundPages.set(storage, (reader, threads) => registerPageReader(db, (pages = readPagesInThreads({ dialect: 'sqlite', url: file }, reader, threads))));
  }
  gateWrites(db, () => checkpoints?.writesMayStart());
  return storage;
}

const backgroundCheckpoints = new WeakMap<Storage, (intervalMs?: number) => void>();
const backgroundPages = new WeakMap<Storage, (reader: WorkerModule, threads: number) => void>();

/**
 * A server's database reads list pages in `threads` worker threads (page-reader.ts) started from
 * `reader`; an in-memory SQLite database, which no other connection can open, reads them on the event loop.
 */
export function readPagesInBackgroundFor(storage: Storage, reader: WorkerModule, threads = 1): void {
  backgroundPages.get(storage)?.(reader, threads);
  backgroundPages.delete(storage);
}

/**
 * A server's SQLite database copies its write-ahead log in a worker thread (sqlite-checkpointer.ts); other
 * databases are left as they are. `intervalMs` is the worker's pace while writes are few (tests slow it).
 */
export function checkpointInBackgroundFor(storage: Storage, intervalMs?: number): void {
  backgroundCheckpoints.get(storage)?.(intervalMs);
  backgroundCheckpoints.delete(storage);
}

function openPostgres(url: string): Storage {
  const { Client, Pool, types } = require('pg') as typeof pg;
  const pool = new Pool({ connectionString: url, max: 10, types: postgresTypes(types) });
  nameStatements(pool);
  acceptCopyFromStdin(pool);
  // An idle connection the server drops (a restart, an administrator) must not take the process down;
  // the pool replaces it on next use.
  pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
  // This process's own commits are told apart from other processes' by their transaction ids.
  const freshness = createFreshness(() => snapshots.read());
  const commits = ownCommits(freshness.noteWrite);
  const snapshots = postgresSnapshots(url, Client, commits.foreignToken);
  const db = new Kysely<Database>({ dialect: reportingWrites(new PostgresDialect({ pool }), freshness.noteWrite, recordOwnCommit(commits)) });
  registerFreshness(db, freshness);
  let pages: PageReader | null = null;
  const storage: Storage = {
    db,
    dialect: 'postgres',
    freshness,
    async close() {
      await pages?.close();
      await snapshots.close();
      await db.destroy();
    },
  };
  backgroundPages.set(storage, (reader, threads) => registerPageReader(db, (pages = readPagesInThreads({ dialect: 'postgres', url }, reader, threads))));
  return storage;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}

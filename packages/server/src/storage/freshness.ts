import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { ANY_TABLE } from './written-table.ts';

export type TableName = keyof Database & string;

/** Tables no API answer reads: the Connect audit trail (written by GETs too) and Console log-ins. */
const UNOBSERVED: ReadonlySet<string> = new Set(['connect_activity', 'connect_activity_daily', 'console_sessions', 'console_users']);

/**
 * Tells whether tables may have changed between two moments, for caches of what was read from them.
 * A token is taken before reading; a cached answer is still right while a fresh token equals the
 * one taken for it. Tokens change on every write this process makes (seen as each statement runs)
 * and on every commit any other process makes: SQLite's `data_version` on the same connection;
 * on PostgreSQL the transaction snapshot (equal snapshots see the same committed data; one query,
 * shared by the requests that arrive while it runs, each waiting for one that began after it arrived).
 * There this process's own commits are recognised by their transaction ids and change only the tables
 * they wrote (postgres-own-commits.ts); any other commit to any database of the server changes every
 * token: a cache misses, never errs.
 */
export interface Freshness {
  /** A token for `tables` (or every table an API answer reads, `'api'`). */
  token(tables: readonly TableName[] | 'api'): string | Promise<string>;
  /** Records that this process wrote `table` (`'*'`: something that cannot be named). Called by the storage layer. */
  noteWrite(table: string): void;
}

export function createFreshness(foreignToken: () => string | Promise<string>): Freshness {
  const counts = new Map<string, number>();
  let anyTable = 0;
  let api = 0;
  const local = (tables: readonly TableName[] | 'api'): string => {
    if (tables === 'api') return String(api);
    let text = String(anyTable);
    for (const table of tables) text += `.${counts.get(table) ?? 0}`;
    return text;
  };
  return {
    token(tables) {
      const foreign = foreignToken();
      // Counted once the foreign part is known: reading it may report this process's commits (postgres-own-commits.ts).
      return typeof foreign === 'string' ? `${local(tables)}:${foreign}` : foreign.then((f) => `${local(tables)}:${f}`);
    },
    noteWrite(table) {
      if (table === ANY_TABLE) anyTable++;
      else counts.set(table, (counts.get(table) ?? 0) + 1);
      if (!UNOBSERVED.has(table)) api++;
    },
  };
}

/**
 * One query at a time, shared: a caller joins the query that starts after the running one ends, so
 * what it gets was read after it asked.
 */
export function sharedAfterAsking(query: () => Promise<string>): () => Promise<string> {
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;
  const start = (): Promise<string> => {
    const current = query().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  return () => {
    if (running === null) return start();
    next ??= running.catch(() => undefined).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

const registry = new WeakMap<Kysely<Database>, Freshness>();

export const registerFreshness = (db: Kysely<Database>, freshness: Freshness): void => {
  registry.set(db, freshness);
};

/** The freshness of the database `db` opened; undefined for a transaction (whose reads are not to be cached). */
export const freshnessOf = (db: Kysely<Database>): Freshness | undefined => registry.get(db);

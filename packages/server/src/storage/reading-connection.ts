import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { rowsReader } from './postgres-rows.ts';
import { postgresTypes } from './postgres-types.ts';
import { statementsForKysely } from './sqlite-statements.ts';

/** Where a page reader's connection goes: the server's own database. */
export interface ReadingTarget {
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL. */
  url: string;
  /** PostgreSQL's queries in flight at once for this connection (POSTGRES_READING_CONNECTIONS when left out). */
  connections?: number;
}

/** A connection of a page reader's own (page-reader.ts) to the server's database, which only reads. */
export interface ReadingConnection {
  /**
   * The query's rows. `onePlan`: the same plan is the best one for every value the query binds (see
   * ShapedQuery in keyset-page.ts), so PostgreSQL may plan it once per connection.
   */
  rows(sql: string, parameters: readonly unknown[], onePlan?: boolean): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Queries in flight at once to PostgreSQL for a server's page reading, of each kind of plan (postgresReading): its requests wait their turn beyond it. */
export const POSTGRES_READING_CONNECTIONS = 4;

// Each driver loads only for its database, as the server's own do.
const require = createRequire(import.meta.url);

export const openReadingConnection = ({ dialect, url, connections = POSTGRES_READING_CONNECTIONS }: ReadingTarget): ReadingConnection =>
  dialect === 'postgres' ? postgresReading(url, connections) : sqliteReading(url);

function sqliteReading(file: string): ReadingConnection {
  const Sqlite = require('better-sqlite3') as typeof SQLite;
  const db = new Sqlite(file, { fileMustExist: true });
  db.pragma('query_only = ON');
  db.pragma('busy_timeout = 5000');
  // 4 MiB of page cache (the server's connection has 16): it holds the indexes' upper levels, which every
  // page passes through; the rows of pages that all differ are scattered over the file and seldom read twice.
  db.pragma('cache_size = -4096');
  // The server's own statement cache: each SQL text prepared once, rows read as arrays and made objects in JavaScript.
  const statements = statementsForKysely(db, () => undefined);
  return {
    rows: async (sql, parameters) => statements.prepare(sql).all(parameters),
    close: async () => {
      db.close();
    },
  };
}

/**
 * PostgreSQL plans a named statement anew each time it runs while the plan made for its values looks
 * cheaper than a generic one, and a page's `LIMIT $n` always does: a generic plan does not know the limit
 * and counts on reading a tenth of the table. So every page was planned again: 0.185 ms of the backend's
 * CPU a page of 50 calls, against 0.115 with one plan per connection (medians of alternating rounds of
 * 2,000 pages). Queries whose best plan does not depend on their values run on connections that keep
 * one; the others on connections that plan each page.
 */
const ONE_PLAN = '-c plan_cache_mode=force_generic_plan';

/**
 * The connection string without its own settings (`?options=…`, which pg would put in place of the
 * reader's), and those settings followed by the reader's: a later `-c` wins, so the reader stays read-only.
 */
export function readerConnection(url: string, readerOptions: string): { connectionString: string; options: string } {
  if (!/[?&]options=/.test(url)) return { connectionString: url, options: readerOptions };
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options') ?? '';
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: `${own} ${readerOptions}`.trim() };
}

function postgresReading(url: string, connections: number): ReadingConnection {
  const { Pool, types } = require('pg') as typeof pg;
  const parsing = postgresTypes(types);
  const pool = (options: string) => {
    const opened = new Pool({ ...readerConnection(url, `-c default_transaction_read_only=on ${options}`), max: connections, types: parsing });
    // An idle connection the database drops is replaced on next use, as in the server's pool.
    opened.on('error', (error) => console.warn(`PostgreSQL closed an idle connection of the page reader: ${error.message}`));
    return opened;
  };
  // The second pool connects only when a page needs it (pg connects on first use).
  const pools = { onePlan: pool(ONE_PLAN), planned: pool('') };
  // Each SQL text a named statement on each connection, its rows read straight into objects (postgres-rows.ts).
  const readRows = rowsReader(parsing);
  return {
    async rows(sql, parameters, onePlan = false) {
      const client = await (onePlan ? pools.onePlan : pools.planned).connect();
      try {
        const rows = await readRows(client, sql, parameters);
        client.release();
        return rows;
      } catch (error) {
        // A connection that failed is not handed out again.
        client.release(error as Error);
        throw error;
      }
    },
    close: async () => {
      await Promise.all([pools.onePlan.end(), pools.planned.end()]);
    },
  };
}

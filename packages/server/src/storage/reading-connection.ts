import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { nameStatements } from './postgres-named-statements.ts';
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
  rows(sql: string, parameters: readonly unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Queries in flight at once to PostgreSQL for a server's page reading: its requests wait their turn beyond it. */
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

function postgresReading(url: string, connections: number): ReadingConnection {
  const { Pool, types } = require('pg') as typeof pg;
  const pool = new Pool({ connectionString: url, max: connections, types: postgresTypes(types), options: '-c default_transaction_read_only=on' });
  // Each SQL text parsed and planned once a connection, as the server's own pool does.
  nameStatements(pool);
  // An idle connection the database drops is replaced on next use, as in the server's pool.
  pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection of the page reader: ${error.message}`));
  return {
    // Through a client of the pool's rather than pool.query, which passes the client a callback: a query
    // with one is left unnamed by nameStatements, and would be parsed and planned every time.
    async rows(sql, parameters) {
      const client = await pool.connect();
      try {
        const { rows } = await client.query(sql, parameters as unknown[]);
        client.release();
        return rows;
      } catch (error) {
        // A connection that failed is not handed out again.
        client.release(error as Error);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}

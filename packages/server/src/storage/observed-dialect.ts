import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from 'kysely';
import { XID_QUERY } from './postgres-own-commits.ts';
import { ANY_TABLE, changedRows, writtenTable } from './written-table.ts';

/**
 * Runs before a transaction that wrote `tables` sends its COMMIT, with `run` executing on the same
 * connection; `knownXid` is the transaction's id when a statement it ran already read it (XID_QUERY).
 */
export type BeforeCommit = (run: (query: CompiledQuery) => Promise<QueryResult<unknown>>, tables: readonly string[], knownXid?: string) => Promise<void>;

const BEGIN = /^\s*(?:begin|start\s+transaction)\b/i;
const COMMIT = /^\s*(?:commit|end)\s*;?\s*$/i;
const ROLLBACK = /^\s*(?:rollback|abort)\s*;?\s*$/i;
/** A select that locks rows takes a transaction id as a write does (one that found none takes none). */
const LOCKING = /\bfor\s+(?:update|no\s+key\s+update|share|key\s+share)\b/i;

const observed = new WeakSet<DatabaseConnection>();

function observe(connection: DatabaseConnection, onWrite: (table: string) => void, beforeCommit?: BeforeCommit): DatabaseConnection {
  if (observed.has(connection)) return connection;
  observed.add(connection);
  const execute = connection.executeQuery.bind(connection);
  // The tables written since BEGIN (null outside a transaction), and whether anything took a transaction id.
  let written: Set<string> | null = null;
  let tookId = false;
  let knownXid: string | undefined;
  connection.executeQuery = async <R>(query: CompiledQuery) => {
    if (beforeCommit && query.query.kind === 'RawNode') {
      if (BEGIN.test(query.sql)) {
        written = new Set();
        tookId = false;
        knownXid = undefined;
      } else if (COMMIT.test(query.sql) || ROLLBACK.test(query.sql)) {
        const tables = written;
        written = null;
        if (tables && tookId && COMMIT.test(query.sql)) await beforeCommit(execute, [...tables], knownXid);
      }
    }
    const result = await execute<R>(query);
    const table = writtenTable(query);
    if (table !== null && (table === ANY_TABLE || changedRows(result))) {
      onWrite(table);
      written?.add(table);
    }
    if (written && (table !== null || (result.rows.length > 0 && LOCKING.test(query.sql)))) tookId = true;
    if (written && query.sql.endsWith(XID_QUERY)) {
      // Once given, the id is the transaction's to its end; null (nothing written yet) is read again before COMMIT.
      const xid = (result.rows[0] as { xid?: unknown } | undefined)?.xid;
      if (typeof xid === 'string') knownXid = xid;
    }
    return result;
  };
  return connection;
}

/**
 * The dialect, with every statement that changes rows reported as it runs, whatever built it (the
 * query builder, raw SQL, bulk inserts): caches of answers rest on it (freshness.ts). With
 * `beforeCommit`, each transaction that wrote or locked rows calls it just before its COMMIT.
 */
export function reportingWrites(dialect: Dialect, onWrite: (table: string) => void, beforeCommit?: BeforeCommit): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver() {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      driver.acquireConnection = async () => observe(await acquire(), onWrite, beforeCommit);
      return driver;
    },
  };
}

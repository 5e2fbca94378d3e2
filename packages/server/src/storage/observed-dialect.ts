import type { CompiledQuery, DatabaseConnection, Dialect, QueryResult } from 'kysely';
import { copiedInOwnTransaction, CopyFeed } from './postgres-copy.ts';
import { ANY_TABLE, changedRows, writtenTable } from './written-table.ts';

/**
 * Runs before a transaction that wrote `tables` sends its COMMIT, with `run` executing on the same
 * connection; `knownXid` is the transaction's id when a statement that holds its COMMIT too read it
 * (then `run` must not be used: that statement is still running).
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
  connection.executeQuery = async <R>(query: CompiledQuery) => {
    if (beforeCommit && query.query.kind === 'RawNode') {
      const ownTransaction = copiedInOwnTransaction(query.sql);
      const feed = query.parameters[0];
      if (ownTransaction !== undefined) {
        // Its COMMIT is in the same message: recorded with the id it reads first, which comes before the COMMIT can run.
        if (feed instanceof CopyFeed) {
          feed.onFirstRow = ({ xid }) => {
            if (typeof xid === 'string') void beforeCommit(execute, [ownTransaction], xid);
          };
        }
      } else if (BEGIN.test(query.sql)) {
        written = new Set();
        tookId = false;
      } else if (COMMIT.test(query.sql) || ROLLBACK.test(query.sql)) {
        const tables = written;
        written = null;
        if (tables && tookId && COMMIT.test(query.sql)) await beforeCommit(execute, [...tables]);
      }
    }
    const result = await execute<R>(query);
    const table = writtenTable(query);
    if (table !== null && (table === ANY_TABLE || changedRows(result))) {
      onWrite(table);
      written?.add(table);
    }
    if (written && (table !== null || (result.rows.length > 0 && LOCKING.test(query.sql)))) tookId = true;
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

import type { CompiledQuery, DatabaseConnection, Dialect } from 'kysely';
import { ANY_TABLE, changedRows, writtenTable } from './written-table.ts';

const observed = new WeakSet<DatabaseConnection>();

function observe(connection: DatabaseConnection, onWrite: (table: string) => void): DatabaseConnection {
  if (observed.has(connection)) return connection;
  observed.add(connection);
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = async <R>(query: CompiledQuery) => {
    const result = await execute<R>(query);
    const table = writtenTable(query);
    if (table !== null && (table === ANY_TABLE || changedRows(result))) onWrite(table);
    return result;
  };
  return connection;
}

/**
 * The dialect, with every statement that changes rows reported as it runs, whatever built it (the
 * query builder, raw SQL, bulk inserts): caches of answers rest on it (freshness.ts).
 */
export function reportingWrites(dialect: Dialect, onWrite: (table: string) => void): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver() {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      driver.acquireConnection = async () => observe(await acquire(), onWrite);
      return driver;
    },
  };
}

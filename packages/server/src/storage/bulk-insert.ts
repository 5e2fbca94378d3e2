import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from './dialect-of.ts';
import { copyRows, copyStatement } from './postgres-copy.ts';
import { valuesInColumnOrder } from './row-values.ts';
import type { Database } from './schema.ts';

type BulkTable = keyof Database & string;

/** The rows' values in column order, one row after another. */
function parametersOf(rows: readonly object[], columns: readonly string[]): unknown[] {
  const parameters = new Array<unknown>(rows.length * columns.length);
  let next = 0;
  for (const row of rows) for (const value of valuesInColumnOrder(row, columns)) parameters[next++] = value;
  return parameters;
}

/** Rows per COPY on PostgreSQL: the statement is the same at any count; this bounds the size of its data. */
const POSTGRES_ROWS_PER_STATEMENT = 5_000;

/**
 * Multi-row INSERTs whose SQL is built once per table and columns, then reused with fresh parameters.
 * On SQLite a statement binds each value (its text is built once per row count: building a 500-row
 * INSERT through Kysely costs more than SQLite takes to run it). On PostgreSQL the rows go through
 * `COPY … FROM STDIN` (postgres-copy.ts), typed by the table's columns: one statement text at any row
 * count, where binding 256 rows of 14 columns sent 3,584 parameters, each prepared by the driver and
 * parsed by the server.
 */
export class BulkInserter {
  private readonly compiled = new Map<string, string>();

  /** `rowsPerStatement` (SQLite): under SQLite's bound-parameter limit (32,766) for the widest table. */
  constructor(private readonly rowsPerStatement = 500) {}

  /** Inserts through `db`, which may be a transaction. */
  async insert<T extends object>(db: Kysely<Database>, table: BulkTable, rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    if (dialectOf(db) === 'postgres') {
      for (let i = 0; i < rows.length; i += POSTGRES_ROWS_PER_STATEMENT) {
        const slice = rows.slice(i, i + POSTGRES_ROWS_PER_STATEMENT);
        await db.executeQuery(CompiledQuery.raw(this.postgresSql(table, columns), [copyRows(slice, columns)]));
      }
      return;
    }
    for (let i = 0; i < rows.length; i += this.rowsPerStatement) {
      const slice = rows.slice(i, i + this.rowsPerStatement);
      await db.executeQuery(CompiledQuery.raw(this.sqlFor(db, table, columns.join(','), slice), parametersOf(slice, columns)));
    }
  }

  private sqlFor(db: Kysely<Database>, table: BulkTable, columns: string, rows: readonly object[]): string {
    // Per dialect: the placeholders differ, and one process may hold both kinds of database.
    const key = `${dialectOf(db)} ${table}(${columns})×${rows.length}`;
    let text = this.compiled.get(key);
    if (text === undefined) {
      text = db.insertInto(table).values(rows as never).compile().sql;
      this.compiled.set(key, text);
    }
    return text;
  }

  private postgresSql(table: BulkTable, columns: readonly string[]): string {
    const key = `postgres ${table}(${columns.join(',')})`;
    let text = this.compiled.get(key);
    if (text === undefined) {
      text = copyStatement(table, columns);
      this.compiled.set(key, text);
    }
    return text;
  }
}

import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from './dialect-of.ts';
import type { Database } from './schema.ts';

type BulkTable = keyof Database & string;

/**
 * The rows' values in column order, one row after another. `Object.values` of an object built by one
 * literal is several times cheaper than looking each column up by name (a million rows of 33 columns
 * cost seconds that way); a row whose keys differ from the first row's is looked up by name instead.
 */
function parametersOf(rows: readonly object[], columns: readonly string[]): unknown[] {
  const parameters = new Array<unknown>(rows.length * columns.length);
  let next = 0;
  for (const row of rows) {
    const values = Object.values(row);
    if (values.length === columns.length && sameKeys(row, columns)) for (const value of values) parameters[next++] = value;
    else for (const column of columns) parameters[next++] = (row as Record<string, unknown>)[column];
  }
  return parameters;
}

/** Whether the row's own keys are `columns` in order: cheap, since V8 caches an object shape's key list. */
function sameKeys(row: object, columns: readonly string[]): boolean {
  const keys = Object.keys(row);
  for (let i = 0; i < keys.length; i++) if (keys[i] !== columns[i]) return false;
  return true;
}

/**
 * Multi-row INSERTs whose SQL is built once per table and row count, then reused with fresh
 * parameters: building a 500-row INSERT through Kysely costs more than SQLite takes to run it.
 */
export class BulkInserter {
  private readonly compiled = new Map<string, string>();

  /** `rowsPerStatement`: under SQLite's bound-parameter limit (32,766) for the widest table. */
  constructor(private readonly rowsPerStatement = 500) {}

  /** Inserts through `db`, which may be a transaction. */
  async insert<T extends object>(db: Kysely<Database>, table: BulkTable, rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
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
}

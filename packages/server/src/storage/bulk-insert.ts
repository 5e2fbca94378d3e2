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

/** Rows per statement on PostgreSQL: the statement is the same at any count; this bounds one parameter's size. */
const POSTGRES_ROWS_PER_STATEMENT = 5_000;

/**
 * Multi-row INSERTs whose SQL is built once per table and columns, then reused with fresh parameters.
 * On SQLite a statement binds each value (its text is built once per row count: building a 500-row
 * INSERT through Kysely costs more than SQLite takes to run it). On PostgreSQL the rows go as one JSON
 * parameter that `json_populate_recordset` turns into the table's own row type: one statement text at
 * any row count, typed by the table, where binding 256 rows of 14 columns sent 3,584 parameters, each
 * prepared by the driver and parsed by the server.
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
        await db.executeQuery(CompiledQuery.raw(this.postgresSql(table, columns), [JSON.stringify(valuesByColumn(slice, columns))]));
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
      const names = columns.map((column) => `"${column.replaceAll('"', '""')}"`).join(', ');
      const quotedTable = `"${table.replaceAll('"', '""')}"`;
      text = `insert into ${quotedTable} (${names}) select ${names} from json_populate_recordset(null::${quotedTable}, $1::json)`;
      this.compiled.set(key, text);
    }
    return text;
  }
}

/**
 * The rows as JSON objects of exactly `columns`: a row with other keys would be read by name anyway, and
 * a value JSON would change (a non-finite number or a bigint, which it cannot carry; an object such as a
 * Date or a Buffer, which it would rewrite) is refused rather than stored as something else.
 */
function valuesByColumn(rows: readonly object[], columns: readonly string[]): readonly object[] {
  for (const row of rows) {
    for (const value of Object.values(row)) {
      if ((typeof value === 'number' && !Number.isFinite(value)) || typeof value === 'bigint' || (typeof value === 'object' && value !== null)) {
        throw new TypeError(`A row for a bulk insert holds ${String(value)}, which PostgreSQL would not store as given.`);
      }
    }
  }
  return rows.every((row) => sameKeys(row, columns)) ? rows : rows.map((row) => Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c]])));
}

import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type BulkTable = keyof Database & string;

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
    const columns = Object.keys(rows[0]!) as (keyof T)[];
    for (let i = 0; i < rows.length; i += this.rowsPerStatement) {
      const slice = rows.slice(i, i + this.rowsPerStatement);
      const parameters: unknown[] = [];
      for (const row of slice) for (const column of columns) parameters.push(row[column]);
      await db.executeQuery(CompiledQuery.raw(this.sqlFor(db, table, columns.join(','), slice), parameters));
    }
  }

  private sqlFor(db: Kysely<Database>, table: BulkTable, columns: string, rows: readonly object[]): string {
    const key = `${table}(${columns})×${rows.length}`;
    let text = this.compiled.get(key);
    if (text === undefined) {
      text = db.insertInto(table).values(rows as never).compile().sql;
      this.compiled.set(key, text);
    }
    return text;
  }
}

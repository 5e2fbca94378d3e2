import type { Kysely } from 'kysely';
import { BulkInserter } from './bulk-insert.ts';
import type { TableName } from './freshness.ts';
import type { Database } from './schema.ts';

/** Rows one request adds, table by table in the order they must go in (rows before the rows that refer to them). */
export type GroupedRows = ReadonlyArray<readonly [table: TableName, rows: readonly object[]]>;

const inserter = new BulkInserter();

/** Columns left undefined take their defaults, as in a single-row insert; most rows have none and are kept as they are. */
export function withoutUndefined(row: object): object {
  for (const value of Object.values(row)) {
    if (value === undefined) return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
  }
  return row;
}

/** The rows of many requests, one multi-row INSERT per table and set of columns, tables in the order requests name them. */
export async function insertTogether(db: Kysely<Database>, requests: readonly GroupedRows[]): Promise<void> {
  const tables = new Map<TableName, Map<string, object[]>>();
  for (const request of requests) {
    for (const [table, rows] of request) {
      let shapes = tables.get(table);
      if (!shapes) tables.set(table, (shapes = new Map()));
      for (const row of rows) {
        const kept = withoutUndefined(row);
        const shape = Object.keys(kept).join(',');
        let same = shapes.get(shape);
        if (!same) shapes.set(shape, (same = []));
        same.push(kept);
      }
    }
  }
  // One statement per table and set of columns, whatever the group's size (bulk-insert.ts).
  for (const [table, shapes] of tables) {
    for (const rows of shapes.values()) await inserter.insert(db, table, rows);
  }
}

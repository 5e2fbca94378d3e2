import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { rowBuilder, type Row } from './row-builder.ts';

const MAX_STATEMENTS = 512;

/** Statements that change nothing; anything else may write or commit. */
const READ_ONLY = /^\s*(?:select|pragma)\b/i;

/** One SQL text, prepared once; reads come back as arrays and become objects through the statement's builder. */
class CachedStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: SQLite.Statement;
  readonly #beforeWrite: (() => void) | null;
  readonly #toRow: ((values: unknown[]) => Row) | null;

  constructor(statement: SQLite.Statement, beforeWrite: (() => void) | null) {
    this.#statement = statement;
    this.#beforeWrite = beforeWrite;
    this.reader = statement.reader;
    this.#toRow = statement.reader ? rowBuilder(statement.raw(true).columns().map((c) => c.name)) : null;
  }

  get busy(): boolean {
    return this.#statement.busy;
  }

  all(parameters: readonly unknown[]): unknown[] {
    this.#beforeWrite?.();
    const values = this.#statement.all(parameters) as unknown[][];
    const toRow = this.#toRow!;
    const rows: Row[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) rows[i] = toRow(values[i]!);
    return rows;
  }

  run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint } {
    this.#beforeWrite?.();
    return this.#statement.run(parameters);
  }

  *iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    this.#beforeWrite?.();
    const toRow = this.#toRow!;
    for (const values of this.#statement.iterate(parameters) as IterableIterator<unknown[]>) yield toRow(values);
  }
}

/**
 * The database as Kysely's SQLite driver sees it. Kysely prepares every query anew, and preparing costs
 * as much as running a small one, so each SQL text is prepared once and kept (reused only when no
 * iteration is still reading it). `beforeWrite` runs before each statement that may write or commit.
 */
export function statementsForKysely(sqlite: SQLite.Database, beforeWrite: () => void): SqliteDatabase {
  const cache = new Map<string, CachedStatement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string): SqliteStatement {
      const cached = cache.get(source);
      if (cached && !cached.busy) {
        // Refresh its place: the map's order is least recently used first.
        cache.delete(source);
        cache.set(source, cached);
        return cached;
      }
      const statement = new CachedStatement(sqlite.prepare(source), READ_ONLY.test(source) ? null : beforeWrite);
      cache.set(source, statement);
      if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

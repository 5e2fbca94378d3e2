import type pg from 'pg';
import { valuesInColumnOrder } from './row-values.ts';

/**
 * Bulk inserts on PostgreSQL go through `COPY … FROM STDIN` in its text format: the server parses a
 * line of text per row, where turning a JSON parameter into rows (`json_populate_recordset`) cost it a
 * third more CPU (an audit-trail row of 14 columns and 5 indexes: 18.5 against 25 µs in batches of
 * 2,000; in batches of 20, where the transaction's own cost dominates, about the same).
 */

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The statement that copies `columns` of `table` from the data sent after it. */
export const copyStatement = (table: string, columns: readonly string[]): string => `copy ${quoteName(table)} (${columns.map(quoteName).join(', ')}) from stdin`;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One value as COPY's text format writes it: `\N` for null, a backslash before what would end a field
 * or a line. A value the column would get as something else than given (a non-finite number, an
 * object such as a Date or a Buffer, which String() would rewrite) is refused rather than stored.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return SPECIAL.test(value) ? value.replace(SPECIALS, (ch) => ESCAPED[ch]!) : value;
    case 'number':
      if (Number.isFinite(value)) return String(value);
      break;
    case 'bigint':
    case 'boolean':
      return String(value);
  }
  throw new TypeError(`A row for a bulk insert holds ${String(value)}, which PostgreSQL would not store as given.`);
}

/** The rows' `columns` in COPY's text format, a line per row; a row without a column gets null there. */
export function copyRows(rows: readonly object[], columns: readonly string[]): string {
  let text = '';
  for (const row of rows) {
    const values = valuesInColumnOrder(row, columns);
    let line = field(values[0]);
    for (let i = 1; i < values.length; i++) line += `\t${field(values[i])}`;
    text += `${line}\n`;
  }
  return text;
}

/** A COPY … FROM STDIN run as node-postgres runs its own queries: sends `data` once the server asks for it. */
class CopyFromStdin {
  callback?: (error: Error | null, result?: pg.QueryResult) => void;
  private rowCount = 0;
  private answered = false;

  constructor(
    readonly text: string,
    private readonly data: string,
  ) {}

  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    connection.sendCopyFromChunk(Buffer.from(this.data));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text: string }): void {
    this.rowCount = Number(/^COPY (\d+)/.exec(message.text)?.[1] ?? 0);
  }

  /** The server refused the data, or the connection failed (then no ReadyForQuery follows): answered at once, as node-postgres does. */
  handleError(error: Error): void {
    this.answer(error);
  }

  handleReadyForQuery(): void {
    // Reported to its caller as what it is, an INSERT of that many rows: Kysely counts affected rows only for INSERT, UPDATE, DELETE and MERGE.
    this.answer(null, { command: 'INSERT', rowCount: this.rowCount, rows: [], fields: [], oid: 0 } as unknown as pg.QueryResult);
  }

  private answer(error: Error | null, result?: pg.QueryResult): void {
    if (this.answered) return;
    this.answered = true;
    this.callback?.(error, result);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

const COPY_FROM_STDIN = /^\s*copy\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s[^;]*\sfrom\s+stdin$/i;

/** The table a `copy … from stdin` statement writes (as `copyStatement` makes it); undefined for any other SQL. */
export const copiedTable = (sql: string): string | undefined => COPY_FROM_STDIN.exec(sql)?.[1];

/**
 * Lets the pool's clients run a COPY … FROM STDIN given as a query with one parameter, the data in COPY's
 * text format (`copyRows`): that is how Kysely passes it on, as raw SQL with its parameters.
 */
export function acceptCopyFromStdin(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((first: unknown, values?: unknown, ...rest: unknown[]) => {
      if (typeof first === 'string' && copiedTable(first) !== undefined && Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' && rest.length === 0) {
        const copy = new CopyFromStdin(first, values[0]);
        return new Promise((resolve, reject) => {
          query(copy, (error: Error | null, result?: pg.QueryResult) => (error ? reject(error) : resolve(result)));
        });
      }
      return query(first, values, ...rest);
    }) as typeof client.query;
  });
}

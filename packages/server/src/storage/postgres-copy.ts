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

/** Where a COPY's data goes once its statement is sent: node-postgres's connection. */
interface CopySink {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** A row a statement answered, by column name, as text. */
export type TextRow = Readonly<Record<string, string | null>>;

/**
 * The data of a COPY … FROM STDIN, which may be complete only after the statement is sent: it goes in
 * one write once it ends. The data follows the statement without waiting for the server to ask (one
 * round trip fewer); the server reads it once it is copying, and drops it if the statement failed.
 */
export class CopyFeed {
  #parts: string[] = [];
  #ended = false;
  #sink: CopySink | null = null;
  /** Told the first row the statement answers (in `copyInOwnTransaction`, the transaction's id, before the COPY asks for its data). */
  onFirstRow: ((row: TextRow) => void) | null = null;

  /** Data complete from the start. */
  static of(data: string): CopyFeed {
    const feed = new CopyFeed();
    feed.write(data);
    feed.end();
    return feed;
  }

  /** More rows in COPY's text format (`copyRows`); ignored once the feed has ended. */
  write(data: string): void {
    if (!this.#ended) this.#parts.push(data);
  }

  /** No more rows: they go to the server, which finishes the COPY and answers. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#sink) this.#send(this.#sink);
  }

  /** The statement was sent on `sink`: the data follows as soon as it is complete. */
  attach(sink: CopySink): void {
    this.#sink = sink;
    if (this.#ended) this.#send(sink);
  }

  /** The statement was answered (it failed, or the connection did): nothing more is sent. */
  detach(): void {
    this.#sink = null;
    this.#ended = true;
  }

  /** A row the statement answered, as it comes. */
  rowRead(row: TextRow): void {
    const listener = this.onFirstRow;
    this.onFirstRow = null;
    listener?.(row);
  }

  #send(sink: CopySink): void {
    const data = this.#parts.join('');
    this.#parts = [];
    if (data !== '') sink.sendCopyFromChunk(Buffer.from(data));
    sink.endCopyFrom();
  }
}

/** A COPY … FROM STDIN run as node-postgres runs its own queries, its data sent right behind the statement. */
class CopyFromStdin {
  callback?: (error: Error | null, result?: pg.QueryResult) => void;
  private rowCount = 0;
  private answered = false;
  /** Rows a select in the same message answers (the transaction's id), as text. */
  private columns: string[] = [];
  private readonly rows: TextRow[] = [];

  constructor(
    readonly text: string,
    private readonly feed: CopyFeed,
  ) {}

  submit(connection: { query(text: string): void } & CopySink): void {
    connection.query(this.text);
    this.feed.attach(connection);
  }

  /** The server is ready for the data, which is on its way once complete. */
  handleCopyInResponse(): void {}

  handleCommandComplete(message: { text: string }): void {
    const copied = /^COPY (\d+)/.exec(message.text);
    if (copied) this.rowCount = Number(copied[1]);
  }

  /** The server refused the data, or the connection failed (then no ReadyForQuery follows): answered at once, as node-postgres does. */
  handleError(error: Error): void {
    this.answer(error);
  }

  handleReadyForQuery(): void {
    // Reported to its caller as what it is, an INSERT of that many rows: Kysely counts affected rows only for INSERT, UPDATE, DELETE and MERGE.
    this.answer(null, { command: 'INSERT', rowCount: this.rowCount, rows: this.rows, fields: [], oid: 0 } as unknown as pg.QueryResult);
  }

  private answer(error: Error | null, result?: pg.QueryResult): void {
    if (this.answered) return;
    this.answered = true;
    this.feed.detach();
    this.callback?.(error, result);
  }

  handleRowDescription(message: { fields: { name: string }[] }): void {
    this.columns = message.fields.map((field) => field.name);
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    const row: TextRow = Object.fromEntries(this.columns.map((name, i) => [name, message.fields[i] ?? null]));
    this.rows.push(row);
    this.feed.rowRead(row);
  }

  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

const COPY_FROM_STDIN = /^\s*copy\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s[^;]*\sfrom\s+stdin$/i;
/** Gives the transaction its id at once and reads it, as `xid`: the server sends it when the COPY asks for its data. */
const BEGIN_READING_XID = 'begin; select pg_current_xact_id()::text as xid; ';
const THEN_COMMIT = '; commit';

/**
 * A COPY in a transaction of its own, all in one message: BEGIN, a read of the transaction's id, the
 * COPY and the COMMIT, which runs as soon as the data is in: one round trip after the data. The server
 * sends the id when the COPY asks for its data (`CopyFeed.onFirstRow`), so it reaches this process
 * before the COMMIT can run, and before any snapshot that shows it (postgres-own-commits.ts).
 */
export const copyInOwnTransaction = (copy: string): string => `${BEGIN_READING_XID}${copy}${THEN_COMMIT}`;

/** The table a `copyInOwnTransaction` statement writes; undefined for any other SQL. */
export const copiedInOwnTransaction = (sql: string): string | undefined =>
  sql.startsWith(BEGIN_READING_XID) && sql.endsWith(THEN_COMMIT) ? COPY_FROM_STDIN.exec(sql.slice(BEGIN_READING_XID.length, -THEN_COMMIT.length))?.[1] : undefined;

/** The table a `copy … from stdin` statement writes (as `copyStatement` makes it, alone or in `copyInOwnTransaction`); undefined for any other SQL. */
export const copiedTable = (sql: string): string | undefined => COPY_FROM_STDIN.exec(sql)?.[1] ?? copiedInOwnTransaction(sql);

/**
 * Lets the pool's clients run a COPY … FROM STDIN given as a query with one parameter, the data in COPY's
 * text format (`copyRows`) or a `CopyFeed`: that is how Kysely passes it on, as raw SQL with its parameters.
 */
export function acceptCopyFromStdin(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((first: unknown, values?: unknown, ...rest: unknown[]) => {
      const data: unknown = Array.isArray(values) && values.length === 1 ? values[0] : undefined;
      if (typeof first === 'string' && copiedTable(first) !== undefined && (typeof data === 'string' || data instanceof CopyFeed) && rest.length === 0) {
        const copy = new CopyFromStdin(first, typeof data === 'string' ? CopyFeed.of(data) : data);
        return new Promise((resolve, reject) => {
          query(copy, (error: Error | null, result?: pg.QueryResult) => (error ? reject(error) : resolve(result)));
        });
      }
      return query(first, values, ...rest);
    }) as typeof client.query;
  });
}

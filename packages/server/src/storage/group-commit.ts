import type { Kysely } from 'kysely';
import { BulkInserter } from './bulk-insert.ts';
import { dialectOf } from './dialect-of.ts';
import type { TableName } from './freshness.ts';
import type { Database } from './schema.ts';
import { writesMayStart } from './write-gate.ts';

/** Writes one request's rows; it may run inside a transaction shared with other requests' writes. */
export type GroupedWrite = (trx: Kysely<Database>) => Promise<void>;

/** Rows one request adds, table by table in the order they must go in (rows before the rows that refer to them). */
export type GroupedRows = ReadonlyArray<readonly [table: TableName, rows: readonly object[]]>;

interface Pending {
  write: GroupedWrite;
  /** Set when the write is only these rows: on PostgreSQL a group's rows go in as one INSERT per table. */
  rows?: GroupedRows;
  resolve(): void;
  reject(error: unknown): void;
}

/** Bounds how long one commit holds the database (and how much one failure makes retry). */
const MAX_GROUP = 256;

/**
 * Groups committing at once. SQLite has one writer, so one. PostgreSQL commits transactions side by
 * side, each on its own pooled connection: while one group waits for its commit to reach the disk,
 * the next one is already sending its rows (and PostgreSQL flushes their commits together).
 */
const IN_FLIGHT = { sqlite: 1, postgres: 4 } as const;

/**
 * Group commit: the writes that arrive while earlier groups commit (or in the same tick, when none
 * does) share one transaction, so a burst of creates pays for one commit, not one each. Each promise
 * resolves only once its rows are committed. If the shared transaction fails, each write is retried in
 * a transaction of its own, so one bad row fails only its own request.
 */
class GroupCommit {
  readonly #db: Kysely<Database>;
  #waiting: Pending[] = [];
  #inFlight = 0;
  #scheduled = false;
  readonly #maxInFlight: number;

  /**
   * On PostgreSQL each statement is a round trip on the group's one connection: a group of 50 creates
   * would wait for 50 INSERTs in turn. On SQLite a statement is a function call, cached per text.
   */
  readonly #mergeRows: boolean;

  constructor(db: Kysely<Database>) {
    this.#db = db;
    const dialect = dialectOf(db);
    this.#mergeRows = dialect === 'postgres';
    this.#maxInFlight = IN_FLIGHT[dialect];
  }

  write(write: GroupedWrite, rows?: GroupedRows): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ write, rows, resolve, reject });
      // The rest of this tick's writes join the group.
      if (this.#scheduled || this.#inFlight >= this.#maxInFlight) return;
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#startGroups();
      });
    });
  }

  /** Starts groups from the waiting writes while there is room; each that ends starts the next at once. */
  #startGroups(): void {
    while (this.#waiting.length > 0 && this.#inFlight < this.#maxInFlight) {
      const group = this.#waiting.splice(0, MAX_GROUP);
      this.#inFlight++;
      void this.#commit(group).finally(() => {
        this.#inFlight--;
        this.#startGroups();
      });
    }
  }

  async #commit(group: Pending[]): Promise<void> {
    await writesMayStart(this.#db);
    if (group.length > 1) {
      try {
        const merge = this.#mergeRows;
        await this.#db.transaction().execute(async (trx) => {
          for (const pending of group) if (!merge || !pending.rows) await pending.write(trx);
          if (merge) await insertTogether(trx, group.flatMap((pending) => (pending.rows ? [pending.rows] : [])));
        });
        for (const pending of group) pending.resolve();
        return;
      } catch {
        // Fall through: which write failed is found by committing each alone.
      }
    }
    for (const pending of group) {
      await this.#db.transaction().execute(pending.write).then(pending.resolve, pending.reject);
    }
  }
}

const inserter = new BulkInserter();

/** Columns left undefined take their defaults, as in a single-row insert; most rows have none and are kept as they are. */
function withoutUndefined(row: object): object {
  for (const value of Object.values(row)) {
    if (value === undefined) return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
  }
  return row;
}

/** The rows of many requests, one multi-row INSERT per table and set of columns, tables in the order requests name them. */
async function insertTogether(trx: Kysely<Database>, requests: readonly GroupedRows[]): Promise<void> {
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
    for (const rows of shapes.values()) await inserter.insert(trx, table, rows);
  }
}

const groups = new WeakMap<Kysely<Database>, GroupCommit>();

/**
 * Commits `write` together with the other writes made through the same database at about the same
 * time; resolves once it is durable, rejects with its own error. Inside a transaction it simply runs
 * there: the caller's commit decides.
 */
export function commitGrouped(db: Kysely<Database>, write: GroupedWrite): Promise<void> {
  if (db.isTransaction) return write(db);
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new GroupCommit(db)));
  return group.write(write);
}

/** `commitGrouped` for a write that only adds rows: on PostgreSQL they share their group's INSERTs. */
export function commitRowsGrouped(db: Kysely<Database>, rows: GroupedRows): Promise<void> {
  // SQL built once per table and set of columns: compiling an INSERT through Kysely cost more than running it.
  const write: GroupedWrite = (trx) => insertTogether(trx, [rows]);
  if (db.isTransaction) return write(db);
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new GroupCommit(db)));
  return group.write(write, rows);
}

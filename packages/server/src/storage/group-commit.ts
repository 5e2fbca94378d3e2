import type { Kysely } from 'kysely';
import { dialectOf } from './dialect-of.ts';
import { insertTogether, type GroupedRows } from './grouped-rows.ts';
import type { Database } from './schema.ts';
import { GatheringGroup } from './gathering-group.ts';
import { writesMayStart } from './write-gate.ts';

/** Writes one request's rows; it may run inside a transaction shared with other requests' writes. */
export type GroupedWrite = (trx: Kysely<Database>) => Promise<void>;

interface Pending {
  write: GroupedWrite;
  /** Set when the write is only these rows: on PostgreSQL they go in with the rest of their group's, a statement per table. */
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

  /** On PostgreSQL, the group of creates still gathering, its transaction already under way (gathering-group.ts). */
  #gathering: GatheringGroup<Pending & { rows: GroupedRows }> | null = null;

  constructor(db: Kysely<Database>) {
    this.#db = db;
    const dialect = dialectOf(db);
    this.#mergeRows = dialect === 'postgres';
    this.#maxInFlight = IN_FLIGHT[dialect];
  }

  write(write: GroupedWrite, rows?: GroupedRows): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const pending = { write, rows, resolve, reject };
      if (this.#mergeRows && rows?.some(([, added]) => added.length > 0) && this.#gather({ ...pending, rows })) return;
      this.#waiting.push(pending);
      // The rest of this tick's writes join the group.
      if (this.#scheduled || this.#inFlight >= this.#maxInFlight) return;
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#startGroups();
      });
    });
  }

  /**
   * Adds a create to the gathering group, or starts one with it when there is room; the group closes at
   * the end of this tick's writes (when a group sent whole would start), or once full. False when it
   * must wait for a group to end, or when its rows cannot all go through a group's one COPY.
   */
  #gather(pending: Pending & { rows: GroupedRows }): boolean {
    if (this.#gathering) {
      if (!this.#gathering.takes(pending.rows)) return false;
      this.#gathering.add(pending);
      if (this.#gathering.size >= MAX_GROUP) this.#closeGathering();
      return true;
    }
    if (this.#waiting.length > 0 || this.#inFlight >= this.#maxInFlight || !GatheringGroup.canStart(pending.rows)) return false;
    const group = new GatheringGroup(this.#db, pending);
    this.#gathering = group;
    this.#inFlight++;
    setImmediate(() => {
      if (this.#gathering === group) this.#closeGathering();
    });
    void group.committed.then((committed) => this.#settle(group.members, committed)).finally(() => {
      this.#inFlight--;
      this.#startGroups();
    });
    return true;
  }

  #closeGathering(): void {
    this.#gathering?.close();
    this.#gathering = null;
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
        return this.#settle(group, true);
      } catch {
        // Fall through: which write failed is found by committing each alone.
      }
    }
    await this.#settle(group, false);
  }

  /** Answers a group's writes: all at once when it committed, else each committed alone, so one bad row fails only its own request. */
  async #settle(group: readonly Pending[], committed: boolean): Promise<void> {
    if (committed) {
      for (const pending of group) pending.resolve();
      return;
    }
    for (const pending of group) {
      await this.#db.transaction().execute(pending.write).then(pending.resolve, pending.reject);
    }
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

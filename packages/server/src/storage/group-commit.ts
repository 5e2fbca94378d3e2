import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Writes one request's rows; it may run inside a transaction shared with other requests' writes. */
export type GroupedWrite = (trx: Kysely<Database>) => Promise<void>;

interface Pending {
  write: GroupedWrite;
  resolve(): void;
  reject(error: unknown): void;
}

/** Bounds how long one commit holds the database (and how much one failure makes retry). */
const MAX_GROUP = 256;

/**
 * Group commit: the writes that arrive while the previous group commits (or in the same tick, when
 * none does) share one transaction, so a burst of creates pays for one commit, not one each. Each
 * promise resolves only once its rows are committed. If the shared transaction fails, each write is
 * retried in a transaction of its own, so one bad row fails only its own request.
 */
class GroupCommit {
  readonly #db: Kysely<Database>;
  #waiting: Pending[] = [];
  #draining = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  write(write: GroupedWrite): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ write, resolve, reject });
      if (this.#draining) return;
      this.#draining = true;
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const group = this.#waiting.splice(0, MAX_GROUP);
      await this.#commit(group);
    }
    this.#draining = false;
  }

  async #commit(group: Pending[]): Promise<void> {
    if (group.length > 1) {
      try {
        await this.#db.transaction().execute(async (trx) => {
          for (const pending of group) await pending.write(trx);
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

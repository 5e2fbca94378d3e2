import { CompiledQuery, type QueryResult } from 'kysely';

/** A PostgreSQL transaction snapshot (`pg_current_snapshot()`): ids below `xmax` not in `running` have ended. */
interface Snapshot {
  text: string;
  xmin: bigint;
  xmax: bigint;
  running: Set<bigint>;
}

const parseSnapshot = (text: string): Snapshot => {
  const [xmin, xmax, running] = text.split(':') as [string, string, string];
  return { text, xmin: BigInt(xmin), xmax: BigInt(xmax), running: new Set(running ? running.split(',').map(BigInt) : []) };
};

/** Own transactions remembered at most, between two snapshot reads; past it they count as another process's. */
const MAX_REMEMBERED = 100_000;

export interface OwnCommits {
  /** Called before this transaction's COMMIT can run: transaction `xid` wrote `tables`. */
  committing(xid: bigint, tables: readonly string[]): void;
  /**
   * The part of a freshness token that only another process's commits change, from a snapshot read
   * now. Each of this process's transactions that ended since the previous snapshot is reported
   * through `noteWrite` for the tables it wrote instead, so its commit makes stale only what it wrote.
   * Snapshots must be given in the order they were read.
   */
  foreignToken(snapshot: string): string;
}

/**
 * On PostgreSQL every commit changes the snapshot, this process's own included: the audit trail's
 * batch or one created message would make every cached answer and memo read again. A transaction
 * that ended between two snapshots was this process's when its id was recorded before its COMMIT could
 * run (before it was sent, or, for a statement that holds its COMMIT too, as the id it read first came);
 * any other ended id (another process, a rollback, an autocommitted statement) changes the token.
 */
export function ownCommits(noteWrite: (table: string) => void): OwnCommits {
  const own = new Map<bigint, readonly string[]>();
  let previous: Snapshot | null = null;
  let epoch = 0;

  const ended = (id: bigint): boolean => {
    const tables = own.get(id);
    if (tables === undefined) return false;
    own.delete(id);
    for (const table of tables) noteWrite(table);
    return true;
  };

  return {
    committing(xid, tables) {
      if (own.size >= MAX_REMEMBERED) own.clear();
      own.set(xid, tables);
    },
    foreignToken(text) {
      if (previous !== null && text === previous.text) return String(epoch);
      const next = parseSnapshot(text);
      let foreign = previous === null;
      if (previous !== null) {
        for (const id of previous.running) if (!next.running.has(id) && !ended(id)) foreign = true;
        // Ids first given out since the previous snapshot and already ended: more than this process has recorded cannot all be its own.
        if (next.xmax - previous.xmax > BigInt(own.size + next.running.size)) foreign = true;
        else for (let id = previous.xmax; id < next.xmax; id++) if (!next.running.has(id) && !ended(id)) foreign = true;
      }
      // Recorded ids that ended before any snapshot compared them: their tables are reported now.
      for (const id of own.keys()) if (id < next.xmin) ended(id);
      if (foreign) epoch++;
      previous = next;
      return String(epoch);
    },
  };
}

/** Reads the id of the transaction it runs in (null while it has written nothing), as `xid`. */
const CURRENT_XID = CompiledQuery.raw('select pg_current_xact_id_if_assigned()::text as xid');

/**
 * Records the id of a transaction that wrote `tables` before its COMMIT can run: `knownXid` when the
 * statement that holds its COMMIT read it, else read now on its connection, just before the COMMIT. If that fails, its commit counts as
 * another process's: caches read again, never serve stale.
 */
export function recordOwnCommit(commits: OwnCommits) {
  return async (run: (query: CompiledQuery) => Promise<QueryResult<unknown>>, tables: readonly string[], knownXid?: string): Promise<void> => {
    try {
      const xid = knownXid ?? ((await run(CURRENT_XID)).rows[0] as { xid: string | null } | undefined)?.xid;
      if (xid) commits.committing(BigInt(xid), tables);
    } catch {
      // The COMMIT that follows reports the transaction's state.
    }
  };
}

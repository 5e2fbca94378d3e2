import type SQLite from 'better-sqlite3';

/** Bumped whenever a value read before may no longer be kept: a request arrived, the loop moved on, this process wrote. */
let generation = 0;
let endOfTurnPending = false;

const forget = (): void => {
  generation++;
};

/** Called as each HTTP request arrives: what it reads must be read after it came. */
export const requestArrived = forget;

/** Called before this process runs a statement that may write or commit: those need no I/O to be seen. */
export const statementMayWrite = forget;

/**
 * `pragma data_version` for freshness tokens, read at most once per request. Reading it opens a
 * read transaction, file locks and all (about 8 µs), and one request takes a token for each of
 * its memos, seven for a new message. A value read after a request arrived is good for the whole
 * of that request: another process's commit reaches this one only through I/O, so a value is kept
 * only until the next request arrives, the event loop reaches its check phase (setImmediate), or a
 * connection of this process runs a statement that may write or commit (those need no I/O to be seen).
 */
export function sharedDataVersion(sqlite: SQLite.Database): () => string {
  const read = sqlite.prepare('pragma data_version').pluck();
  let kept = '';
  let keptAt = -1;
  return () => {
    if (keptAt === generation) return kept;
    kept = String(read.get());
    keptAt = generation;
    if (!endOfTurnPending) {
      endOfTurnPending = true;
      setImmediate(() => {
        endOfTurnPending = false;
        forget();
      });
    }
    return kept;
  };
}

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the write-ahead log into the database file while writes are few. */
const INTERVAL_MS = 200;
const PAGE_BYTES = 4096;
/** The size (16 MiB) a log file shrinks back to once it has started anew. */
const LIMIT_PAGES = 4096;
/**
 * Past this many pages (8 MiB) the log is to start anew: under a steady stream of commits a copy never
 * finds it fully copied, so the server's writers wait (without blocking its event loop) while the worker
 * copies the last pages, and SQLite's next write starts the log from its beginning. Half the limit: the
 * copy that finds the log past it may take as long as the writes need to add as much again.
 */
const RESTART_PAGES = LIMIT_PAGES / 2;
/** How long the server's writers wait at most while the worker starts the log anew. */
const START_ANEW_MS = 100;
/**
 * Past this size (32 MiB) of the log file the server's own writes wait for a checkpoint: the worker has
 * fallen behind writes that come faster than the disk takes them, and the log must stay bounded anyway.
 */
const HOLD_BYTES = 2 * LIMIT_PAGES * PAGE_BYTES;
/**
 * While writes pour in, the next copy comes as soon as the log is expected to have grown by this many
 * pages (4 MiB), not after the interval: a bulk of writes can add 20 MiB in 200 ms, and the log's bound
 * must not rest on a timer.
 */
const STRIDE_PAGES = 1024;

// Runs in the worker: its own connection, so the copying and the fsync of the database file happen
// outside the server's event loop. A PASSIVE checkpoint never waits for, nor blocks, the server's writes.
// To start the log anew the worker raises writesHeld: the server's busy writers wait (asynchronously)
// while it takes SQLite's write lock once no transaction holds it, copies the last pages and makes sure
// no reader is in the log, so that the next write starts it from its beginning. Waited for with SQLite's
// busy timeout, the same RESTART held the write lock while it slept, and the server's next write
// blocked its event loop for the copy, the fsync and the wait for readers (50-190 ms measured).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
// Never sleeps holding a lock: a step that finds one taken tries again.
db.pragma('busy_timeout = 0');
const pause = new Int32Array(new SharedArrayBuffer(4));
let previousLog = 0;
let previousStart = Date.now();
/** A reader in another process kept the log in use: writes are not held again before it has grown this far. */
let restartAbove = workerData.restartPages;
let timer;
/** Returns the log's length once it will start anew (0), or as it was left at the deadline. */
const startAnew = () => {
  Atomics.store(workerData.writesHeld, 0, 1);
  const deadline = Date.now() + workerData.startAnewMs;
  try {
    // A transaction already begun still commits, and a read of the server's may be in the log: tried again until neither is.
    for (;;) {
      const [{ busy, log }] = db.pragma('wal_checkpoint(RESTART)');
      if (!busy) return 0;
      if (Date.now() >= deadline) return log;
      Atomics.wait(pause, 0, 0, 1);
    }
  } finally {
    Atomics.store(workerData.writesHeld, 0, 0);
    parentPort.postMessage({ writesResumed: true });
  }
};
const step = () => {
  const start = Date.now();
  let grown = 0;
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    // -1: the server's own connection is copying the log (it fell past its bound); the next step looks again.
    if (log >= 0) {
      grown = log >= previousLog ? log - previousLog : log;
      previousLog = log;
      // Started anew now if the log would pass its bound by the next step, at the pace it grew since the last.
      if (log + grown > restartAbove) {
        previousLog = startAnew();
        restartAbove = previousLog === 0 ? workerData.restartPages : log + workerData.restartPages;
      }
    }
  } catch (error) {
    // Another process's checkpoint is running: it does the same work.
    if (!error || error.code !== 'SQLITE_BUSY') parentPort.postMessage(String(error && error.message || error));
  }
  const pagesPerMs = grown / Math.max(1, start - previousStart);
  previousStart = start;
  timer = setTimeout(step, Math.min(workerData.intervalMs, workerData.stridePages / pagesPerMs));
};
timer = setTimeout(step, workerData.intervalMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpoints {
  /** Runs before each statement of the server's connection that may write or commit. */
  beforeWrite(): void;
  /** A promise to wait for before a write transaction while the worker copies the log's last pages; undefined otherwise. */
  writesMayStart(): Promise<void> | undefined;
  stop(): Promise<void>;
}

/**
 * SQLite checkpoints a WAL database in the connection that commits, once the log passes 1,000
 * pages: the commit that crosses it copies the pages into the database file and fsyncs it, holding
 * the event loop for tens of milliseconds, for seconds when the disk is busy. A server's connection
 * leaves that to a worker thread with a connection of its own. Commits stay as durable as before:
 * a commit is in the log when it returns, whoever copies it later.
 */
export function checkpointInBackground(sqlite: SQLite.Database, file: string, intervalMs = INTERVAL_MS): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  sqlite.pragma('wal_autocheckpoint = 0');
  // The file keeps the size of its longest log unless told: a burst of writes would hold its disk space for good.
  sqlite.pragma(`journal_size_limit = ${LIMIT_PAGES * PAGE_BYTES}`);
  const writesHeld = new Int32Array(new SharedArrayBuffer(4));
  let resumed: { promise: Promise<void>; resolve(): void } | null = null;
  const resume = () => {
    resumed?.resolve();
    resumed = null;
  };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver, file, intervalMs, restartPages: RESTART_PAGES, stridePages: STRIDE_PAGES, startAnewMs: START_ANEW_MS, writesHeld },
  });
  worker.unref();
  worker.on('message', (message: string | { writesResumed: true }) => {
    if (typeof message === 'string') console.warn(`SQLite background checkpoint failed: ${message}`);
    else resume();
  });
  worker.on('error', (error: Error) => {
    console.warn(`SQLite background checkpoint stopped: ${error.message}`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A worker that ends while holding writes must not leave them waiting.
  void exited.then(() => {
    Atomics.store(writesHeld, 0, 0);
    resume();
  });
  return {
    beforeWrite: holdWritesPastBound(sqlite, `${file}-wal`),
    writesMayStart() {
      if (Atomics.load(writesHeld, 0) === 0) return undefined;
      // The worker lowers the flag before it posts its message: a writer that saw it raised is woken.
      if (!resumed) {
        let resolve!: () => void;
        resumed = { promise: new Promise<void>((r) => (resolve = r)), resolve: () => resolve() };
      }
      return resumed.promise;
    },
    async stop() {
      // Held by the wait for its exit: an unreferenced worker alone would let the event loop end first.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    },
  };
}

/**
 * Before a write transaction (or a write outside one), a log file past HOLD_BYTES is copied and started
 * anew by the server's own connection, once the worker's copy in progress is done: the event loop
 * waits, as it would under SQLite's own checkpoints, only while the disk cannot keep up. The log file
 * shrinks back to its limit at the commit after it starts anew.
 */
function holdWritesPastBound(sqlite: SQLite.Database, log: string): () => void {
  let holdAbove = HOLD_BYTES;
  return () => {
    if (sqlite.inTransaction) return;
    const size = statSync(log, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= holdAbove) {
      if (size <= HOLD_BYTES) holdAbove = HOLD_BYTES;
      return;
    }
    // A reader (another process) kept the log in use: not tried again on every write, only once the
    // log has grown by another stretch.
    holdAbove = restartLog(sqlite) ? HOLD_BYTES : size + LIMIT_PAGES * PAGE_BYTES;
  };
}

/**
 * How long one write waits at most. The worker's copy in progress is done well within it; a reader in
 * another process that keeps the log in use (a long export) is not, and costs each hold this much.
 */
const HOLD_LIMIT_MS = 1000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Whether the log was copied and will start anew at the next write. */
function restartLog(sqlite: SQLite.Database): boolean {
  const deadline = Date.now() + HOLD_LIMIT_MS;
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  // Tried over and over rather than waited for: while another connection's copy runs, SQLite answers
  // busy at once whatever the timeout, and a reader would otherwise hold this write for the whole timeout.
  sqlite.pragma('busy_timeout = 0');
  try {
    for (;;) {
      const { busy, log } = (sqlite.pragma('wal_checkpoint(RESTART)') as Array<{ busy: number; log: number }>)[0]!;
      if (!busy) return true;
      // The log was copied as far as it could be, but a reader (or a writer) in another process keeps
      // it in use: waiting would not end that. Only another connection's copy in progress (log -1) is waited out.
      if (log >= 0 || Date.now() >= deadline) return false;
      Atomics.wait(pause, 0, 0, 5);
    }
  } catch {
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

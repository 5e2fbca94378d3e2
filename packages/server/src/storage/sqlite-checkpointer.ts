import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the write-ahead log into the database file while writes are few. */
const INTERVAL_MS = 200;
/**
 * Past this many pages (16 MiB) the log is copied with writers held back, so that it starts anew: under
 * a steady stream of commits a checkpoint that lets them run never finds the log fully copied.
 */
const RESTART_PAGES = 4096;
const PAGE_BYTES = 4096;
/**
 * Past this size (32 MiB) of the log file the server's own writes wait for a checkpoint: the worker has
 * fallen behind writes that come faster than the disk takes them, and the log must stay bounded anyway.
 */
const HOLD_BYTES = 2 * RESTART_PAGES * PAGE_BYTES;
/**
 * While writes pour in, the next copy comes as soon as the log is expected to have grown by this many
 * pages (4 MiB), not after the interval: a bulk of writes can add 20 MiB in 200 ms, and the log's bound
 * must not rest on a timer.
 */
const STRIDE_PAGES = 1024;

// Runs in the worker: its own connection, so the copying and the fsync of the database file happen
// outside the server's event loop. A PASSIVE checkpoint never waits for, nor blocks, the server's writes.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
db.pragma('busy_timeout = 5000');
let previousLog = 0;
let previousStart = Date.now();
let timer;
const step = () => {
  const start = Date.now();
  let grown = 0;
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    grown = log >= previousLog ? log - previousLog : log;
    previousLog = log;
    if (log > workerData.restartPages) previousLog = db.pragma('wal_checkpoint(RESTART)')[0].busy ? log : 0;
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
  sqlite.pragma(`journal_size_limit = ${RESTART_PAGES * PAGE_BYTES}`);
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, intervalMs, restartPages: RESTART_PAGES, stridePages: STRIDE_PAGES } });
  worker.unref();
  worker.on('message', (message: string) => console.warn(`SQLite background checkpoint failed: ${message}`));
  worker.on('error', (error: Error) => {
    console.warn(`SQLite background checkpoint stopped: ${error.message}`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    beforeWrite: holdWritesPastBound(sqlite, `${file}-wal`),
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
    holdAbove = restartLog(sqlite) ? HOLD_BYTES : size + RESTART_PAGES * PAGE_BYTES;
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

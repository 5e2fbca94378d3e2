import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the write-ahead log into the database file. */
const INTERVAL_MS = 200;
/**
 * Past this many pages (16 MiB) the log is made to start anew: under a steady stream of commits a
 * checkpoint that lets them run never finds the log fully copied, and the log would grow for good.
 */
const RESTART_PAGES = 4096;
/**
 * A copy longer than this (the log of a bulk load) lets many commits in meanwhile, which a restart
 * straight after would copy, fsync included, with writers held back.
 */
const LONG_COPY_MS = 1000;

// Runs in the worker: its own connection, so the copying and the fsync of the database file happen
// outside the server's event loop. A PASSIVE checkpoint never waits for, nor blocks, the server's writes.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
db.pragma('busy_timeout = 5000');
const passive = () => db.pragma('wal_checkpoint(PASSIVE)')[0].log;
const step = () => {
  try {
    const started = Date.now();
    const log = passive();
    if (log <= workerData.restartPages) return;
    // After a long copy, first copy what was committed during it, so that the restart, which holds
    // writers back, has only what arrives meanwhile left to copy. When nothing arrived (or the log
    // already started anew), the server's next write starts it anew by itself, holding nothing back.
    if (Date.now() - started > workerData.longCopyMs && passive() <= log) return;
    db.pragma('wal_checkpoint(RESTART)');
  } catch (error) {
    // Another process's checkpoint is running: it does the same work.
    if (error && error.code === 'SQLITE_BUSY') return;
    parentPort.postMessage(String(error && error.message || error));
  }
};
const timer = setInterval(step, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite checkpoints a WAL database in the connection that commits, once the log passes 1,000
 * pages: the commit that crosses it copies the pages into the database file and fsyncs it, holding
 * the event loop for tens of milliseconds, for seconds when the disk is busy. A server's connection
 * leaves that to a worker thread with a connection of its own. Commits stay as durable as before:
 * a commit is in the log when it returns, whoever copies it later.
 */
export function checkpointInBackground(sqlite: SQLite.Database, file: string): () => Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, intervalMs: INTERVAL_MS, restartPages: RESTART_PAGES, longCopyMs: LONG_COPY_MS } });
  worker.unref();
  worker.on('message', (message: string) => console.warn(`SQLite background checkpoint failed: ${message}`));
  worker.on('error', (error: Error) => {
    console.warn(`SQLite background checkpoint stopped: ${error.message}`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return async () => {
    // Held by the wait for its exit: an unreferenced worker alone would let the event loop end first.
    worker.ref();
    worker.postMessage('stop');
    await exited;
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** How often the worker copies the write-ahead log into the database file. */
const INTERVAL_MS = 200;
/**
 * Past this many pages (16 MiB) the log is copied with writers held back, so that it starts anew: under
 * a steady stream of commits a checkpoint that lets them run never finds the log fully copied.
 */
const RESTART_PAGES = 4096;

// Runs in the worker: its own connection, so the copying and the fsync of the database file happen
// outside the server's event loop. A PASSIVE checkpoint never waits for, nor blocks, the server's writes.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
db.pragma('busy_timeout = 5000');
const step = () => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log > workerData.restartPages) db.pragma('wal_checkpoint(RESTART)');
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
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, intervalMs: INTERVAL_MS, restartPages: RESTART_PAGES } });
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

import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../../config/config.ts';
import { openConfiguredDatabase } from '../../config/open-database.ts';
import type { Storage } from '../../storage/database.ts';
import { untilStopped } from '../until-stopped.ts';

/** Set in a worker's environment: "1" when it runs the simulation and the webhook dispatch. */
export const BACKGROUND_ENV = 'SWITCHBOARD_WORKER_BACKGROUND';

/** What a worker tells the primary once it listens. */
export interface WorkerReady {
  listening: string;
}

const isReady = (message: unknown): message is WorkerReady => typeof (message as WorkerReady | null)?.listening === 'string';

/**
 * `serve --workers N`: N processes share the port (node:cluster hands out connections). The database
 * is migrated once here, before any worker starts. On PostgreSQL every worker runs background work
 * (claims keep it from being done twice); on SQLite, with its single writer, exactly one does, and
 * its replacement takes the role over. A worker that dies is replaced; SIGINT/SIGTERM stop them all.
 */
export async function runCluster(config: Readonly<Config>, count: number, announce: (storage: Storage, url: string) => Promise<void>): Promise<number> {
  const storage = await openConfiguredDatabase(config.databaseUrl);
  const everyWorkerRuns = storage.dialect === 'postgres';
  if (!config.redisUrl && count > 1) {
    console.warn('Warning: REDIS_URL is not set, so the API concurrency limit and the log-in and sign-up limits hold per worker. Set REDIS_URL to share them.');
  }
  const roles = new Map<Worker, boolean>();
  let stopping = false;

  const fork = (background: boolean): Worker => {
    const worker = cluster.fork({ [BACKGROUND_ENV]: background ? '1' : '0' });
    roles.set(worker, background);
    return worker;
  };
  const started = (worker: Worker) =>
    new Promise<string>((resolve, reject) => {
      worker.on('message', (message) => isReady(message) && resolve(message.listening));
      worker.once('exit', (code) => reject(new Error(`a worker exited with code ${code} while starting; its error is above.`)));
    });

  const first = Array.from({ length: count }, (_, i) => fork(everyWorkerRuns || i === 0));
  let url: string;
  try {
    url = (await Promise.all(first.map(started)))[0]!;
  } catch (error) {
    stopping = true;
    for (const worker of first) worker.process.kill('SIGTERM');
    await storage.close();
    throw error;
  }
  cluster.on('exit', (worker, code, signal) => {
    const background = roles.get(worker) ?? false;
    roles.delete(worker);
    if (stopping) return;
    console.warn(`Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`);
    // A moment's pause, so a worker that cannot start (the database gone) is not restarted in a tight loop.
    setTimeout(() => stopping || fork(background), 500).unref();
  });
  await announce(storage, url);
  await storage.close();
  return untilStopped(async () => {
    stopping = true;
    const exits = [...roles.keys()].map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once('exit', () => resolve()))));
    for (const worker of roles.keys()) worker.process.kill('SIGTERM');
    await Promise.all(exits);
  });
}

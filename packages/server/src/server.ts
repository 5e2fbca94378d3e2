import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { AppDeps } from './app/deps.ts';
import type { Config } from './config/config.ts';
import { createApp } from './http/app.ts';
import { migrateToLatest, openStorage, type Storage } from './storage/database.ts';
import { createSimulator, type Simulator } from './telephony/simulator.ts';
import { createDispatcher, type Dispatcher } from './webhooks/dispatcher.ts';

export interface RunningServer {
  /** Where clients reach it, e.g. `http://127.0.0.1:8080`. */
  url: string;
  storage: Storage;
  deps: AppDeps;
  /** The telephony network; tests with their own clock move it with `advanceTo`. */
  simulator: Simulator;
  /** Sends the webhook outbox (deauthorize callbacks); polls every `config.webhookPollMs`. */
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: () => number;
  /** How often the simulation moves calls and messages on; 0 leaves it to explicit `advanceTo`. */
  simulationIntervalMs?: number;
}

/** Opens storage, migrates it, and listens: the whole server, as `serve` and the tests run it. */
export async function startServer(config: Readonly<Config>, options: StartOptions = {}): Promise<RunningServer> {
  const storage = openStorage(config.databaseUrl);
  try {
    await migrateToLatest(storage.db);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const deps: AppDeps = { db: storage.db, clock: options.clock ?? Date.now, config };
  const simulator = createSimulator(storage.db, config.simulationSeed, deps.clock, config.publicUrl ?? undefined);
  simulator.start(options.simulationIntervalMs ?? 250);
  const dispatcher = createDispatcher(storage.db, storage.dialect, { pollMs: config.webhookPollMs, backoff: config.webhookBackoff, clock: deps.clock });
  dispatcher.start();
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    storage,
    deps,
    simulator,
    dispatcher,
    async close() {
      await simulator.stop();
      await dispatcher.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await storage.close();
    },
  };
}

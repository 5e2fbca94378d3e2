import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { AppDeps } from './app/deps.ts';
import { createAuditTrail } from './audit/audit-trail.ts';
import { warnOfPeersWithoutRedis } from './cluster/peer-presence.ts';
import { connectRedis } from './cluster/redis-link.ts';
import type { Config } from './config/config.ts';
import { createApp } from './http/app.ts';
import { ConfigError } from './config/config-error.ts';
import { openConfiguredDatabase } from './config/open-database.ts';
import { guardRawRequest } from './http/raw-request-guard.ts';
import { applyLimits, serverOptions } from './http/server-limits.ts';
import type { Storage } from './storage/database.ts';
import { createSimulator, type Simulator } from './telephony/simulator.ts';
import { createDispatcher, type Dispatcher } from './webhooks/dispatcher.ts';

export interface RunningServer {
  /** Where clients reach it, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** The listening HTTP server (the interception proxy attaches to it). */
  http: ServerType;
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
  /** Whether this process runs the simulation and the webhook dispatch (default true); in a SQLite cluster one process does. */
  background?: boolean;
}

/** Listens; a port taken or not ours to bind is a setting to change, not a crash. */
function listen(app: ReturnType<typeof createApp>, config: Readonly<Config>): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      { fetch: guardRawRequest(app.fetch), hostname: config.host, port: config.port, serverOptions: serverOptions(config) },
      () => resolve(s),
    );
    applyLimits(s as Server, config);
    s.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ConfigError(`port ${config.port} on ${config.host} is already in use: set PORT (or --port) to a free port, or stop what listens there.`));
      else if (error.code === 'EACCES') reject(new ConfigError(`port ${config.port} on ${config.host} needs privileges this process lacks: set PORT (or --port) to 1024 or above.`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new ConfigError(`HOST (or --host) ${config.host} is not an address of this machine.`));
      else reject(error);
    });
  });
}

/** Opens storage, migrates it, and listens: the whole server, as `serve` and the tests run it. */
export async function startServer(config: Readonly<Config>, options: StartOptions = {}): Promise<RunningServer> {
  const storage = await openConfiguredDatabase(config.databaseUrl);
  const redis = config.redisUrl === null ? undefined : await connectRedis(config.redisUrl, config.redisPrefix);
  const leavePeers = !redis && storage.dialect === 'postgres' ? await warnOfPeersWithoutRedis(config.databaseUrl) : async () => undefined;
  const clock = options.clock ?? Date.now;
  const background = options.background ?? true;
  const audit = config.audit ? createAuditTrail(storage.db, { retentionDays: config.auditRetentionDays, clock }) : null;
  const simulator = createSimulator(storage.db, config.simulationSeed, clock, config.publicUrl ?? undefined);
  const deps: AppDeps = { db: storage.db, clock, config, simulator, audit, redis };
  simulator.start(background ? (options.simulationIntervalMs ?? 250) : 0);
  const dispatcher = createDispatcher(storage.db, storage.dialect, { pollMs: background ? config.webhookPollMs : 0, backoff: config.webhookBackoff, clock, leaseMs: config.webhookLeaseMs });
  dispatcher.start();
  const release = async () => {
    await audit?.close();
    await redis?.close();
    await leavePeers();
    await storage.close();
  };
  const app = createApp(deps);
  let server: ServerType;
  try {
    server = await listen(app, config);
  } catch (error) {
    await simulator.stop();
    await dispatcher.stop();
    await release();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    http: server,
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
      // After the server stopped answering, so that the last requests are in the audit trail's final batch.
      await release();
    },
  };
}

import { createServer as createHttpServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { AppDeps } from './app/deps.ts';
import { createAuditTrail } from './audit/audit-trail.ts';
import { warnOfPeersWithoutRedis } from './cluster/peer-presence.ts';
import { connectRedis } from './cluster/redis-link.ts';
import type { Config } from './config/config.ts';
import { createApp } from './http/app.ts';
import { answerFromCache } from './http/cached-answers.ts';
import { ResponseCache } from './http/response-cache.ts';
import { ConfigError } from './config/config-error.ts';
import { openConfiguredDatabase } from './config/open-database.ts';
import { RequestsInFlight } from './http/in-flight.ts';
import { guardRawRequest } from './http/raw-request-guard.ts';
import { applyLimits, serverOptions } from './http/server-limits.ts';
import { checkpointInBackgroundFor, readPagesInBackgroundFor, type Storage } from './storage/database.ts';
import { pageReaderThreads } from './storage/page-reader.ts';
import { workerModule } from './util/worker-module.ts';
import { warnIfAutovacuumOff } from './storage/postgres-autovacuum.ts';
import { requestArrived } from './storage/sqlite-data-version.ts';
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
  /** Whole GET answers served again until a table changes; null with `SWITCHBOARD_RESPONSE_CACHE_MB=0`. */
  responses: ResponseCache | null;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: () => number;
  /** How often the simulation moves calls and messages on; 0 leaves it to explicit `advanceTo`. */
  simulationIntervalMs?: number;
  /** Whether this process runs the simulation and the webhook dispatch (default true); in a SQLite cluster one process does. */
  background?: boolean;
  /** The server's processes sharing this machine's cores (serve --workers; default 1): each reads pages in threads of its share. */
  processes?: number;
}

/** Each request is noted as it arrives, before anything reads for it (sqlite-data-version.ts). */
const arriving =
  (next: RequestListener): RequestListener =>
  (request, response) => {
    requestArrived();
    next(request, response);
  };

/**
 * Listens; a port taken or not ours to bind is a setting to change, not a crash. `front` sees each
 * request first and hands on what the app must answer; `inFlight` counts the requests being answered.
 */
function listen(
  app: ReturnType<typeof createApp>,
  config: Readonly<Config>,
  front: (next: RequestListener) => RequestListener,
  inFlight: RequestsInFlight,
): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    // @hono/node-server always passes its options and its listener.
    const createServer = ((options: ServerOptions, listener: RequestListener) =>
      createHttpServer(options, inFlight.listener(arriving(front(listener))))) as typeof createHttpServer;
    const s = serve(
      { fetch: inFlight.handler(guardRawRequest(app.fetch)), hostname: config.host, port: config.port, serverOptions: serverOptions(config), createServer },
      () => resolve(s),
    );
    applyLimits(s as Server, config);
    inFlight.watch(s as Server);
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
  checkpointInBackgroundFor(storage);
  readPagesInBackgroundFor(storage, workerModule('api/2010-04-01/page-items.worker'), pageReaderThreads(options.processes));
  const redis = config.redisUrl === null ? undefined : await connectRedis(config.redisUrl, config.redisPrefix);
  const leavePeers = !redis && storage.dialect === 'postgres' ? await warnOfPeersWithoutRedis(config.databaseUrl) : async () => undefined;
  if (storage.dialect === 'postgres') await warnIfAutovacuumOff(storage.db);
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
  const responses = config.responseCacheBytes > 0 ? new ResponseCache(config.responseCacheBytes) : null;
  const app = createApp(deps, responses);
  const front = (next: RequestListener): RequestListener => (responses ? answerFromCache(responses, storage.freshness, audit, clock, next) : next);
  const inFlight = new RequestsInFlight();
  let server: ServerType;
  try {
    server = await listen(app, config, front, inFlight);
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
    responses,
    async close() {
      // Stops taking connections at once; the requests already in are answered while the rest stops.
      const answered = inFlight.stop(server as Server);
      await simulator.stop();
      await dispatcher.stop();
      await answered;
      // After the server stopped answering, so that the last requests are in the audit trail's final batch.
      await release();
    },
  };
}

import type { SwitchboardClientOptions } from '@switchboard/connect/twilio';
import type twilio from 'twilio';
import { loadConfig } from '../config/config.ts';
import { startServer, type RunningServer } from '../server.ts';
import { createWorld, type World, type WorldOptions } from './create-world.ts';
import { testClock, type TestClock } from './test-clock.ts';

export interface SwitchboardOptions {
  /** `:memory:` (the default: nothing on disk), a SQLite file, or `postgres://…`. */
  database?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Settings as environment variables, e.g. `SWITCHBOARD_WEBHOOK_POLL_MS`; the process environment is not read. */
  env?: Record<string, string>;
}

export interface Switchboard {
  /** Where it listens, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** A fresh, isolated world: developer, customer, Connect App and (by default) the customer's authorization. */
  createWorld<O extends WorldOptions = WorldOptions>(options?: O): Promise<World<O['authorize'] extends false ? false : true>>;
  /** The test clock of an account's family: freeze it, advance it, and everything that fell due has run. */
  clock(accountSid: string): TestClock;
  /** twilio-node pointed at this server (needs the `twilio` package, a peer dependency). */
  twilio(username: string, password: string, options?: Omit<SwitchboardClientOptions, 'baseUrl'>): twilio.Twilio;
  /** The running server: its storage (for assertions), dispatcher and simulator. */
  server: RunningServer;
  close(): Promise<void>;
}

type SwitchboardClient = typeof import('@switchboard/connect/twilio').switchboardClient;

/** twilio is optional: a test that never calls `sb.twilio` needs no twilio installed. */
async function loadTwilioClient(): Promise<SwitchboardClient | Error> {
  try {
    return (await import('@switchboard/connect/twilio')).switchboardClient;
  } catch (error) {
    return new Error(`sb.twilio() needs twilio-node: npm install --save-dev twilio (${(error as Error).message})`);
  }
}

/** Switchboard in this process: in-memory SQLite, 127.0.0.1, a free port. */
export async function createSwitchboard(options: SwitchboardOptions = {}): Promise<Switchboard> {
  const config = loadConfig({ port: options.port ?? 0, host: options.host ?? '127.0.0.1', db: options.database ?? ':memory:' }, options.env ?? {});
  const [server, client] = await Promise.all([startServer(config), loadTwilioClient()]);
  return {
    url: server.url,
    server,
    clock: (accountSid) => testClock(server.deps, accountSid),
    createWorld: (worldOptions) => createWorld(server.deps.db, worldOptions ?? {}, server.deps.clock()) as never,
    twilio(username, password, clientOptions = {}) {
      if (client instanceof Error) throw client;
      return client(username, password, { ...clientOptions, baseUrl: server.url });
    },
    close: () => server.close(),
  };
}

import type { RunningServer, StartOptions } from '../../src/server.ts';
import { serveForSuite, startTestServer as startServerWith } from './server.ts';
import type { TestDatabase } from './databases.ts';

/** Webhooks polled every 25 ms and retried after 100, 200, 400, 400… ms, so outbox tests take moments. */
export const FAST_WEBHOOKS = {
  SWITCHBOARD_WEBHOOK_POLL_MS: '25',
  SWITCHBOARD_WEBHOOK_BACKOFF_BASE_MS: '100',
  SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS: '400',
};

/** A real server on a free loopback port with fast webhook dispatch; `env` adds or overrides settings. */
export const startTestServer = (databaseUrl: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> =>
  startServerWith(databaseUrl, { ...options, env: { ...FAST_WEBHOOKS, ...env } });

/** One such server for the suite, stopped after it. Read `.current` inside tests. */
export const serveConsoleForSuite = (database: TestDatabase, env: Record<string, string> = {}) =>
  serveForSuite(database, { env: { ...FAST_WEBHOOKS, ...env } });

import { after, before } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../../src/server.ts';
import type { TestDatabase } from './databases.ts';

/** Webhooks polled every 25 ms and retried after 100, 200, 400, 400… ms, so outbox tests take moments. */
export const FAST_WEBHOOKS = {
  SWITCHBOARD_WEBHOOK_POLL_MS: '25',
  SWITCHBOARD_WEBHOOK_BACKOFF_BASE_MS: '100',
  SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS: '400',
};

/** A real server on a free loopback port with fast webhook dispatch; `env` adds or overrides settings. */
export const startTestServer = (databaseUrl: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> =>
  startServer(loadConfig({ port: 0, host: '127.0.0.1', db: databaseUrl }, { ...FAST_WEBHOOKS, ...env }), options);

/** One such server for the suite, stopped after it. Read `.current` inside tests. */
export function serveConsoleForSuite(database: TestDatabase, env: Record<string, string> = {}) {
  const handle: { current: RunningServer } = { current: undefined as unknown as RunningServer };
  before(async () => {
    handle.current = await startTestServer(database.url, env);
  });
  after(async () => {
    await handle.current?.close();
  });
  return handle;
}

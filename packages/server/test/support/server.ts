import { after, before } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../../src/server.ts';
import type { TestDatabase } from './databases.ts';

export interface TestServerOptions extends StartOptions {
  /** Settings as environment variables (e.g. `SWITCHBOARD_API_CONCURRENCY`); the real environment is not read. */
  env?: Record<string, string>;
}

/** A real server on a free loopback port. */
export const startTestServer = (databaseUrl: string, { env = {}, ...options }: TestServerOptions = {}): Promise<RunningServer> =>
  startServer(loadConfig({ port: 0, host: '127.0.0.1', db: databaseUrl }, env), options);

/** One such server for the suite, stopped after it. Read `.current` inside tests. */
export function serveForSuite(database: TestDatabase, options: TestServerOptions = {}) {
  const handle: { current: RunningServer } = { current: undefined as unknown as RunningServer };
  before(async () => {
    handle.current = await startTestServer(database.url, options);
  });
  after(async () => {
    await handle.current?.close();
  });
  return handle;
}

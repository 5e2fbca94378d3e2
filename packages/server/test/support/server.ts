import { after, before } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../../src/server.ts';
import type { TestDatabase } from './databases.ts';

/** A real server on a free loopback port for the suite, stopped after it. Read `.current` inside tests. */
export function serveForSuite(database: TestDatabase, options: StartOptions = {}) {
  const handle: { current: RunningServer } = { current: undefined as unknown as RunningServer };
  before(async () => {
    handle.current = await startServer(loadConfig({ port: 0, host: '127.0.0.1', db: database.url }, {}), options);
  });
  after(async () => {
    await handle.current?.close();
  });
  return handle;
}

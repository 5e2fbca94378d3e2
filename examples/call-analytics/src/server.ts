import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createAnalyticsApp, type AnalyticsApp, type AnalyticsAppOptions } from './app.ts';
import type { AnalyticsConfig } from './config.ts';

export interface RunningAnalytics extends AnalyticsApp {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  close(): Promise<void>;
}

/** The app on a real socket: `main.ts`, the demo and the flow tests run it this way. */
export async function startAnalyticsServer(config: Readonly<AnalyticsConfig>, options: AnalyticsAppOptions = {}): Promise<RunningAnalytics> {
  const analytics = createAnalyticsApp(config, options);
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: analytics.fetch, hostname: config.host, port: config.port }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    analytics.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} on ${config.host} is already in use. Stop what runs there, or set PORT to another port.`);
    }
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    ...analytics,
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      analytics.close();
    },
  };
}

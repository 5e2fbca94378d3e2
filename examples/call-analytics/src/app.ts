import { Hono } from 'hono';
import { mountAuth } from './auth/routes.tsx';
import { loadSession } from './auth/sessions.ts';
import type { AnalyticsConfig } from './config.ts';
import { createAnalyticsService } from './dashboard/analytics-service.ts';
import { readCallLog } from './dashboard/read-call-log.ts';
import { mountDashboard } from './dashboard/routes.tsx';
import { openDatabase, type AppDatabase } from './db.ts';
import type { AppDeps, AppEnv } from './env.ts';
import { mountAssets } from './http/assets.ts';
import { handleError, handleNotFound } from './http/handle-error.tsx';
import { securityHeaders } from './http/security-headers.ts';
import { mountAuthorize } from './twilio/authorize.ts';
import { customerClient } from './twilio/client.ts';
import { mountDeauthorize } from './twilio/deauthorize.ts';

export interface AnalyticsApp {
  app: Hono<AppEnv>;
  fetch: Hono<AppEnv>['fetch'];
  db: AppDatabase;
  deps: AppDeps;
  close(): void;
}

export interface AnalyticsAppOptions {
  clock?: () => number;
}

/** The whole app on its own SQLite file: pages, the Connect callbacks and the dashboard. */
export function createAnalyticsApp(config: Readonly<AnalyticsConfig>, options: AnalyticsAppOptions = {}): AnalyticsApp {
  const clock = options.clock ?? Date.now;
  const db = openDatabase(config.databaseFile);
  const analytics = createAnalyticsService({
    load: (accountSid, progress) => readCallLog(customerClient(config, accountSid), clock, progress),
    ttlMs: config.analyticsCacheMs,
    clock,
  });
  const deps: AppDeps = { config, db, clock, analytics };

  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  mountAssets(app);
  mountDeauthorize(app);
  app.use(loadSession);
  mountAuth(app);
  mountAuthorize(app);
  mountDashboard(app);
  app.notFound(handleNotFound);
  app.onError(handleError);

  return { app, fetch: app.fetch, db, deps, close: () => db.close() };
}

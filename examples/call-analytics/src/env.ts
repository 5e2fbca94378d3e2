import type { Context } from 'hono';
import type { AnalyticsConfig } from './config.ts';
import type { AnalyticsService } from './dashboard/analytics-service.ts';
import type { AppDatabase } from './db.ts';
import type { Session } from './auth/sessions.ts';

/** What every request handler shares. */
export interface AppDeps {
  config: Readonly<AnalyticsConfig>;
  db: AppDatabase;
  /** Epoch milliseconds. */
  clock: () => number;
  analytics: AnalyticsService;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** The signed-in user's session, when the request carries a live session cookie. */
    session: Session | undefined;
    /** A POST's form fields, read once with a size cap. */
    form: URLSearchParams;
  };
}

export type AppContext = Context<AppEnv>;

/** Where browsers reach the app: APP_URL when set, else the address the request came to. */
export const publicOrigin = (c: AppContext): string => c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;

export const isHttps = (c: AppContext): boolean => publicOrigin(c).startsWith('https:');

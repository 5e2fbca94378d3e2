import type { AnalyticsConfig } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';

export const CONNECT_APP_SID = `CN${'ab'.repeat(16)}`;
export const AUTH_TOKEN = 'c0ffee'.repeat(5) + 'ee';

/** A valid configuration on a throwaway database; `env` adds or overrides variables. */
export const testConfig = (env: Record<string, string> = {}): Readonly<AnalyticsConfig> =>
  loadConfig({
    SWITCHBOARD_URL: 'http://127.0.0.1:9',
    CONNECT_APP_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    PORT: '0',
    DATABASE_FILE: ':memory:',
    ...env,
  });

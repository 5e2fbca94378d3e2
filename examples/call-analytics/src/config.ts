import { resolve } from 'node:path';

/** Everything the app reads from its environment, validated once at start. */
export interface AnalyticsConfig {
  /** Where Switchboard runs, without a trailing slash: the REST API and the Connect button's target. */
  switchboardUrl: string;
  /** The Connect App (`CN…`) this app is. */
  connectAppSid: string;
  /**
   * The developer's own Auth Token, the Connect App owner's: the password of every request made for a
   * customer, and the key of the deauthorize callbacks' signatures.
   */
  authToken: string;
  host: string;
  port: number;
  /** The SQLite file with the app's users and sessions (`:memory:` for a throwaway one). */
  databaseFile: string;
  /** The origin browsers reach the app at when it differs from the address requests arrive at (a proxy); null otherwise. */
  publicUrl: string | null;
  sessionTtlMs: number;
  /** How long a customer's computed dashboard is reused before the call log is read again. */
  analyticsCacheMs: number;
}

export const DEFAULT_DATABASE_FILE = './data/call-analytics.sqlite';

/** Every problem with the environment at once, each saying how to fix it. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(`Call Analytics cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}\n\`npm run demo\` at the repository root sets all of these up.`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

const present = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
};

function httpUrl(raw: string, name: string, example: string, problems: string[], originOnly = false): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} '${raw}' is not a URL. Use an http(s) address such as ${name}=${example}`);
    return null;
  }
  const http = url.protocol === 'http:' || url.protocol === 'https:';
  if (originOnly && (!http || url.pathname !== '/' || url.search || url.hash || url.username || url.password)) {
    problems.push(`${name} '${raw}' must be an http(s) origin (scheme, host and port only), such as ${name}=${example}`);
    return null;
  }
  if (!http || url.search || url.hash || url.username || url.password) {
    problems.push(`${name} '${raw}' must be an http(s) address with an optional path and no query, fragment or credentials, such as ${name}=${example}`);
    return null;
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} '${raw}' must be a whole number from ${min} to ${max}.`);
    return fallback;
  }
  return value;
}

/** Reads and checks the environment; throws a ConfigError naming each missing or malformed variable. */
export function loadConfig(env: Env = process.env): Readonly<AnalyticsConfig> {
  const problems: string[] = [];

  const rawSwitchboard = present(env, 'SWITCHBOARD_URL');
  let switchboardUrl: string | null = null;
  if (rawSwitchboard === undefined) problems.push('SWITCHBOARD_URL is missing. Set it to where Switchboard runs, e.g. SWITCHBOARD_URL=http://127.0.0.1:8080');
  else switchboardUrl = httpUrl(rawSwitchboard, 'SWITCHBOARD_URL', 'http://127.0.0.1:8080', problems);

  const connectAppSid = present(env, 'CONNECT_APP_SID');
  if (connectAppSid === undefined) {
    problems.push("CONNECT_APP_SID is missing. Set it to your Connect App's SID (CN followed by 32 hex digits), shown under Connect Apps in the Switchboard Console or printed by `switchboard apps create`.");
  } else if (!/^CN[0-9a-f]{32}$/.test(connectAppSid)) {
    problems.push(`CONNECT_APP_SID '${connectAppSid.slice(0, 40)}' is not a Connect App SID: it is CN followed by 32 lowercase hex digits. Copy it from Connect Apps in the Switchboard Console.`);
  }

  const authToken = present(env, 'TWILIO_AUTH_TOKEN');
  if (authToken === undefined) {
    problems.push("TWILIO_AUTH_TOKEN is missing. Set it to the Auth Token of the account that owns the Connect App (your developer account): Switchboard Console → Account → Show Auth Token.");
  } else if (!/^[0-9a-f]{32}$/.test(authToken)) {
    problems.push("TWILIO_AUTH_TOKEN is not an Auth Token (32 lowercase hex digits). Copy it from Switchboard Console → Account → Show Auth Token; do not use the Account SID.");
  }

  const port = wholeNumber(env, 'PORT', 3000, 0, 65535, problems);
  const sessionHours = wholeNumber(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90, problems);
  const cacheSeconds = wholeNumber(env, 'ANALYTICS_CACHE_SECONDS', 60, 0, 24 * 3600, problems);

  const rawPublic = present(env, 'APP_URL');
  const publicUrl = rawPublic === undefined ? null : httpUrl(rawPublic, 'APP_URL', 'https://analytics.example.com', problems, true);

  if (problems.length > 0) throw new ConfigError(problems);
  const databaseFile = present(env, 'DATABASE_FILE') ?? DEFAULT_DATABASE_FILE;
  return Object.freeze({
    switchboardUrl: switchboardUrl!,
    connectAppSid: connectAppSid!,
    authToken: authToken!,
    host: present(env, 'HOST') ?? '127.0.0.1',
    port,
    databaseFile: databaseFile === ':memory:' ? databaseFile : resolve(databaseFile),
    publicUrl,
    sessionTtlMs: sessionHours * 3600_000,
    analyticsCacheMs: cacheSeconds * 1000,
  });
}

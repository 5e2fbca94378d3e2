import { resolve } from 'node:path';
import { readAuditConfig, type AuditConfig } from './audit-config.ts';
import { ConfigError, redactUrl } from './config-error.ts';
import { readConsoleConfig, type ConsoleConfig } from './console-config.ts';
import { readServerLimits, type ServerLimits, type ServerLimitsInput } from './server-limits.ts';
import { readTrustProxy } from './trust-proxy.ts';

export interface Config extends ConsoleConfig, ServerLimits, AuditConfig {
  host: string;
  port: number;
  /** `postgres://…` or a SQLite file path. */
  databaseUrl: string;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Seeds the telephony simulation: the same seed gives the same call and message outcomes. */
  simulationSeed: number;
  /** Requests one set of credentials may have in flight before 429 / 20429, as Twilio limits. */
  apiConcurrency: number;
  /** Bytes of whole GET answers kept to serve again until a table changes; 0 keeps none. */
  responseCacheBytes: number;
  /** Proxies (CIDR ranges) whose `X-Forwarded-For` names the client; empty: the socket is the client. */
  trustProxy: readonly string[];
  /** `REDIS_URL`: shares the concurrency and log-in limits among processes; null: each process limits alone. */
  redisUrl: string | null;
  /** `REDIS_PREFIX`: starts every key, so several deployments can share one Redis. */
  redisPrefix: string;
}

export interface ConfigInput extends ServerLimitsInput {
  host?: string;
  port?: string | number;
  db?: string;
  /** The public base URL (`--public-url`). */
  publicUrl?: string;
  /** `--trust-proxy`: addresses or CIDR ranges, `loopback`, `private`. */
  trustProxy?: string;
}

export const DEFAULT_SQLITE_FILE = './data/switchboard.sqlite';

/** Anything with a URL scheme must be PostgreSQL or SQLite: `mysql://…` would otherwise become a SQLite file named `mysql:`. */
function checkDatabaseUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && !['postgres', 'postgresql', 'sqlite'].includes(scheme)) {
    throw new ConfigError(
      `DATABASE_URL (or --db) '${redactUrl(url)}' uses '${scheme}:', which Switchboard does not support: use postgres://… for PostgreSQL, or a file path for SQLite.`,
    );
  }
  return url;
}

/** One validated, frozen configuration: flags win over the environment, which wins over defaults. */
export function loadConfig(flags: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const port = Number(flags.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT (or --port) '${flags.port ?? env.PORT}' is not a port: use a whole number from 0 to 65535.`);
  }
  const databaseUrl = checkDatabaseUrl(flags.db ?? env.DATABASE_URL ?? resolve(DEFAULT_SQLITE_FILE));
  const maxBodyBytes = Number(env.SWITCHBOARD_MAX_BODY_BYTES ?? 1024 * 1024);
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) {
    throw new ConfigError('SWITCHBOARD_MAX_BODY_BYTES must be a whole number of bytes, at least 1024.');
  }
  const simulationSeed = Number(env.SWITCHBOARD_SIMULATION_SEED ?? 1);
  if (!Number.isInteger(simulationSeed)) throw new ConfigError('SWITCHBOARD_SIMULATION_SEED must be a whole number.');
  const apiConcurrency = Number(env.SWITCHBOARD_API_CONCURRENCY ?? 100);
  if (!Number.isInteger(apiConcurrency) || apiConcurrency < 1) throw new ConfigError('SWITCHBOARD_API_CONCURRENCY must be a whole number, at least 1.');
  const responseCacheMb = Number(env.SWITCHBOARD_RESPONSE_CACHE_MB ?? 8);
  if (!Number.isFinite(responseCacheMb) || responseCacheMb < 0) throw new ConfigError('SWITCHBOARD_RESPONSE_CACHE_MB must be a number of megabytes, 0 or more (0 turns the response cache off).');
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`REDIS_URL '${redactUrl(redisUrl)}' is not a Redis URL: use redis://host:6379 (or rediss:// for TLS).`);
  return Object.freeze({
    redisUrl, redisPrefix: env.REDIS_PREFIX ?? 'switchboard:',
    host: flags.host ?? env.HOST ?? '127.0.0.1', port, databaseUrl, maxBodyBytes, simulationSeed, apiConcurrency,
    responseCacheBytes: Math.floor(responseCacheMb * 1024 * 1024), ...readConsoleConfig(flags, env),
    ...readServerLimits(flags, env), trustProxy: readTrustProxy(flags.trustProxy ?? env.SWITCHBOARD_TRUST_PROXY),
    ...readAuditConfig(env),
  });
}

import { resolve } from 'node:path';
import { readConsoleConfig, type ConsoleConfig } from './console-config.ts';

export interface Config extends ConsoleConfig {
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
}

export interface ConfigInput {
  host?: string;
  port?: string | number;
  db?: string;
  /** The public base URL (`--public-url`). */
  publicUrl?: string;
}

export const DEFAULT_SQLITE_FILE = './data/switchboard.sqlite';

/** One validated, frozen configuration: flags win over the environment, which wins over defaults. */
export function loadConfig(flags: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const port = Number(flags.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port '${flags.port ?? env.PORT}': use a whole number from 0 to 65535.`);
  }
  const databaseUrl = flags.db ?? env.DATABASE_URL ?? resolve(DEFAULT_SQLITE_FILE);
  // Any other scheme would otherwise be taken for a SQLite file path, folders and all.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(databaseUrl)?.[1];
  if (scheme && !/^(postgres|postgresql|sqlite)$/i.test(scheme)) {
    throw new Error(`Unsupported database '${scheme}://…': use postgres://… for PostgreSQL, or a SQLite file path.`);
  }
  const maxBodyBytes = Number(env.SWITCHBOARD_MAX_BODY_BYTES ?? 1024 * 1024);
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) {
    throw new Error('SWITCHBOARD_MAX_BODY_BYTES must be a whole number of bytes, at least 1024.');
  }
  const simulationSeed = Number(env.SWITCHBOARD_SIMULATION_SEED ?? 1);
  if (!Number.isInteger(simulationSeed)) throw new Error('SWITCHBOARD_SIMULATION_SEED must be a whole number.');
  const apiConcurrency = Number(env.SWITCHBOARD_API_CONCURRENCY ?? 100);
  if (!Number.isInteger(apiConcurrency) || apiConcurrency < 1) throw new Error('SWITCHBOARD_API_CONCURRENCY must be a whole number, at least 1.');
  return Object.freeze({
    host: flags.host ?? env.HOST ?? '127.0.0.1', port, databaseUrl, maxBodyBytes, simulationSeed, apiConcurrency, ...readConsoleConfig(flags, env),
  });
}

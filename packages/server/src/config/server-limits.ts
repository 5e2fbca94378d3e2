import { ConfigError } from './config-error.ts';
/** How long the HTTP server waits for clients, and how many it holds at once. */
export interface ServerLimits {
  /** A request's headers must arrive within this; a slow-loris connection is closed after it. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections past this are closed as they arrive. */
  maxConnections: number;
}

export interface ServerLimitsInput {
  headersTimeout?: string;
  requestTimeout?: string;
  keepAliveTimeout?: string;
  maxConnections?: string;
}

function wholeNumber(flag: string, raw: string | undefined, envName: string, env: NodeJS.ProcessEnv, fallback: number, min: number): number {
  const given = raw ?? env[envName];
  const value = Number(given ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${flag} (${envName}) must be a whole number, at least ${min}; got '${given}'.`);
  return value;
}

export function readServerLimits(flags: ServerLimitsInput, env: NodeJS.ProcessEnv): ServerLimits {
  const headersTimeoutMs = wholeNumber('--headers-timeout', flags.headersTimeout, 'SWITCHBOARD_HEADERS_TIMEOUT_MS', env, 10_000, 100);
  const requestTimeoutMs = wholeNumber('--request-timeout', flags.requestTimeout, 'SWITCHBOARD_REQUEST_TIMEOUT_MS', env, 30_000, 100);
  // Node refuses a headers timeout longer than the request timeout it is part of.
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError(`--headers-timeout (${headersTimeoutMs} ms) cannot exceed --request-timeout (${requestTimeoutMs} ms).`);
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: wholeNumber('--keep-alive-timeout', flags.keepAliveTimeout, 'SWITCHBOARD_KEEP_ALIVE_TIMEOUT_MS', env, 5_000, 1),
    maxConnections: wholeNumber('--max-connections', flags.maxConnections, 'SWITCHBOARD_MAX_CONNECTIONS', env, 1_000, 1),
  };
}

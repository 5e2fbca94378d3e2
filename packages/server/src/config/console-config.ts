import { ConfigError } from './config-error.ts';
import type { Backoff } from '../webhooks/backoff.ts';
import { LEASE_MS } from '../webhooks/dispatcher.ts';

/** The Console's, the Connect flow's and the webhook dispatcher's part of the configuration. */
export interface ConsoleConfig {
  /**
   * The origin (and optional path prefix) browsers and Connect buttons use to reach this server,
   * e.g. `https://switchboard.example.com`; null uses the address each request came to.
   */
  publicUrl: string | null;
  /** How often the dispatcher looks for due webhooks; 0 leaves dispatching to other processes. */
  webhookPollMs: number;
  webhookBackoff: Readonly<Backoff>;
  /**
   * How long a claimed delivery stays with the process that claimed it; past it another process
   * sends it (its claimant died mid-send). Shorter than the slowest send, a slow send may go twice.
   */
  webhookLeaseMs: number;
}

const wholeNumber = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number, at least ${min}; got '${env[name]}'.`);
  return value;
};

function publicUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SWITCHBOARD_PUBLIC_URL '${raw}' is not a URL; use e.g. https://switchboard.example.com`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new ConfigError(`SWITCHBOARD_PUBLIC_URL '${raw}' must be an http(s) origin with an optional path, without query, fragment or credentials.`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function readConsoleConfig(flags: { publicUrl?: string }, env: NodeJS.ProcessEnv): ConsoleConfig {
  const baseMs = wholeNumber(env, 'SWITCHBOARD_WEBHOOK_BACKOFF_BASE_MS', 10_000, 1);
  const capMs = wholeNumber(env, 'SWITCHBOARD_WEBHOOK_BACKOFF_CAP_MS', 3_600_000, baseMs);
  const maxAttempts = wholeNumber(env, 'SWITCHBOARD_WEBHOOK_MAX_ATTEMPTS', 20, 1);
  return {
    publicUrl: publicUrl(flags.publicUrl ?? env.SWITCHBOARD_PUBLIC_URL),
    webhookPollMs: wholeNumber(env, 'SWITCHBOARD_WEBHOOK_POLL_MS', 1_000, 0),
    webhookBackoff: Object.freeze({ baseMs, capMs, maxAttempts }),
    webhookLeaseMs: wholeNumber(env, 'SWITCHBOARD_WEBHOOK_LEASE_MS', LEASE_MS, 1000),
  };
}

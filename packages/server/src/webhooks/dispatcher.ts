import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../storage/database.ts';
import { findAccount } from '../storage/repositories/accounts.ts';
import { claimDue, recordAttempt, type WebhookDelivery } from '../storage/repositories/webhook-deliveries.ts';
import type { Database } from '../storage/schema.ts';
import { retryDelay, type Backoff } from './backoff.ts';
import { buildRequest } from './build-request.ts';
import { InvalidRetryPolicy, parseOverrides, sendWithOverrides } from './connection-overrides.ts';
import type { RequestResult } from './send-request.ts';

const failure = (error: string): RequestResult => ({ status: null, error, failedAt: null, contentType: null, body: '', latencyMs: 0 });

/** The request as the URL's connection overrides say; an invalid override fails it for good (null). */
async function deliver(delivery: WebhookDelivery, authToken: string): Promise<RequestResult | null> {
  try {
    return await sendWithOverrides(buildRequest(delivery, authToken), parseOverrides(delivery.url));
  } catch (error) {
    if (error instanceof InvalidRetryPolicy) return null;
    throw error;
  }
}

export interface DispatcherOptions {
  /** How often to look for due deliveries; 0 never looks (another process dispatches). */
  pollMs: number;
  backoff: Backoff;
  clock: () => number;
  /** Deliveries claimed per round. */
  batch?: number;
  /** How long a claim lasts (`SWITCHBOARD_WEBHOOK_LEASE_MS`); by default it outlives the longest send. */
  leaseMs?: number;
}

export interface Dispatcher {
  /** One round: claims what is due, sends it, records the outcome; returns how many were sent. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the round in flight. */
  stop(): Promise<void>;
}

/**
 * A claim outlives the longest send (six tries, the most connection overrides allow, each at the
 * longest timeouts), so a live dispatcher never loses its deliveries to another.
 */
export const LEASE_MS = (10_000 + 15_000) * 6 + 10_000;

/**
 * Sends the webhook outbox. Deliveries are claimed in a transaction (on PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, so several processes can dispatch), sent outside it, and settled only by
 * the claim's holder. A process that dies mid-send leaves its claim to expire and be taken again.
 */
export function createDispatcher(db: Kysely<Database>, dialect: Dialect, options: DispatcherOptions): Dispatcher {
  const batch = options.batch ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<number> = Promise.resolve(0);

  async function send(delivery: WebhookDelivery): Promise<void> {
    const startedAt = options.clock();
    const owner = await findAccount(db, delivery.account_sid);
    const sent = owner ? await deliver(delivery, owner.auth_token) : failure('the account that signs this webhook no longer exists');
    const result = sent ?? failure('11243: HTTP retry policy is invalid (the URL fragment rp=…)');
    const delivered = result.status !== null && result.status >= 200 && result.status < 300;
    const delay = delivered || !owner || !sent ? null : retryDelay(delivery.attempts, options.backoff);
    const now = options.clock();
    const error = result.error ?? (delivered ? null : `HTTP ${result.status}: only a 2xx response acknowledges a webhook`);
    await recordAttempt(
      db,
      delivery,
      { startedAt, responseStatus: result.status, error, latencyMs: result.latencyMs, contentType: result.contentType, responseBody: result.body, nextAttemptAt: delay === null ? null : now + delay },
      now,
    );
  }

  async function round(): Promise<number> {
    const claimed = await claimDue(db, dialect, { now: options.clock(), leaseMs: options.leaseMs ?? LEASE_MS, limit: batch, leaseToken: randomBytes(12).toString('hex') });
    await Promise.all(claimed.map(send));
    return claimed.length;
  }

  const runOnce = (): Promise<number> => {
    const next = running.then(round, round);
    running = next.catch(() => 0);
    return next;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce().then(
        (sent) => schedule(sent === batch ? 0 : options.pollMs),
        (error) => {
          console.error('Webhook dispatch failed; retrying:', error);
          schedule(options.pollMs);
        },
      );
    }, ms);
    timer.unref();
  };

  return {
    runOnce,
    start() {
      if (options.pollMs <= 0 || !stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
